// espeak_library.cpp — resolving espeak-ng's functions from the library opened on demand.
#include "core/speech/espeak_library.hpp"
#include "core/base/shared_library.hpp"

namespace lotsen {

Result<EspeakLibrary> load_espeak_library(const char* soname)
{
    const SharedLibrary library = LOTSEN_TRY(SharedLibrary::open(soname));
    EspeakLibrary e;
    LOTSEN_TRY(library.find("espeak_ng_InitializePath", e.initialize_path));
    LOTSEN_TRY(library.find("espeak_ng_Initialize", e.initialize));
    LOTSEN_TRY(library.find("espeak_ng_ClearErrorContext", e.clear_error_context));
    LOTSEN_TRY(library.find("espeak_ng_InitializeOutput", e.initialize_output));
    LOTSEN_TRY(library.find("espeak_ng_GetStatusCodeMessage", e.status_message));
    LOTSEN_TRY(library.find("espeak_SetSynthCallback", e.set_synth_callback));
    LOTSEN_TRY(library.find("espeak_ListVoices", e.list_voices));
    LOTSEN_TRY(library.find("espeak_ng_SetVoiceByProperties", e.set_voice));
    LOTSEN_TRY(library.find("espeak_ng_Synthesize", e.synthesize));
    LOTSEN_TRY(library.find("espeak_ng_Cancel", e.cancel));
    LOTSEN_TRY(library.find("espeak_IsPlaying", e.is_playing));
    return e;
}

}  // namespace lotsen
