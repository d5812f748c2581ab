// codepoint_sets.hpp — collecting the code points of many texts into one set (the kiosk's font atlas):
// the same result as collect_codepoints (text_layout.hpp) on each text, with each letter's contextual
// forms shaped once for all of them. Defined in text_layout.cpp, beside the one-text version.
#pragma once

#include <set>
#include <string_view>

namespace lotsen {

/// Adds what collect_codepoints(`logical_utf8`, `out`) adds. `letters_done` keeps the letters whose
/// contextual forms are already in `out`, so each letter is shaped once for all the texts.
void collect_codepoints(std::string_view logical_utf8, std::set<char32_t>& out, std::set<char32_t>& letters_done);

/// What the shaping behind collect_codepoints comes from at run time (FriBidi's version text): a new
/// FriBidi may shape into other code points, so a set kept on disk names it (kiosk/glyph_set_cache.hpp).
const char* codepoint_shaping_version();

}  // namespace lotsen
