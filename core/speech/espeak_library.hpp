// espeak_library.hpp — espeak-ng for ReadAloud, opened with dlopen when reading aloud is first asked
// for instead of by the loader before the kiosk's first frame: most visits never use it, and it brings
// libpcaudio, libpulse-simple and libsonic with it (docs/performance.md). The functions ReadAloud calls, resolved once into one table; espeak-ng's
// headers still give the types and constants.
#pragma once

#include "core/base/result.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

namespace lotsen {

/// The soname ReadAloud loads: Debian 12's libespeak-ng1 (the kiosk package depends on it by name).
inline constexpr const char* k_espeak_soname = "libespeak-ng.so.1";

/// The espeak-ng functions ReadAloud uses, resolved from one loaded library.
struct EspeakLibrary {
    decltype(&espeak_ng_InitializePath) initialize_path = nullptr;            ///< espeak_ng_InitializePath
    decltype(&espeak_ng_Initialize) initialize = nullptr;                     ///< espeak_ng_Initialize
    decltype(&espeak_ng_ClearErrorContext) clear_error_context = nullptr;     ///< espeak_ng_ClearErrorContext
    decltype(&espeak_ng_InitializeOutput) initialize_output = nullptr;        ///< espeak_ng_InitializeOutput
    decltype(&espeak_ng_GetStatusCodeMessage) status_message = nullptr;       ///< espeak_ng_GetStatusCodeMessage
    decltype(&espeak_SetSynthCallback) set_synth_callback = nullptr;          ///< espeak_SetSynthCallback
    decltype(&espeak_ListVoices) list_voices = nullptr;                       ///< espeak_ListVoices
    decltype(&espeak_ng_SetVoiceByProperties) set_voice = nullptr;            ///< espeak_ng_SetVoiceByProperties
    decltype(&espeak_ng_Synthesize) synthesize = nullptr;                     ///< espeak_ng_Synthesize
    decltype(&espeak_ng_Cancel) cancel = nullptr;                             ///< espeak_ng_Cancel
    decltype(&espeak_IsPlaying) is_playing = nullptr;                         ///< espeak_IsPlaying
};

/// Opens `soname` and resolves every function of EspeakLibrary. The error names the library and
/// quotes dlerror(). Loading twice is harmless (the loader counts references; the table is the same).
Result<EspeakLibrary> load_espeak_library(const char* soname);

}  // namespace lotsen
