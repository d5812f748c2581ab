// search_folding.hpp — how the store's full-text search sees text: Arabic spelling folded (SQLite's
// unicode61 tokenizer only removes Latin accents), Arabic words indexed once more without a joined
// article or conjunction, and what a visitor typed turned into an FTS5 query that cannot be syntax.
#pragma once

#include <string>
#include <string_view>

namespace lotsen {

/// `text` with Arabic vowel marks and tatweel removed and spelling variants folded (alef forms → ا,
/// ى and Persian ی → ي, Persian ک → ك, ة → ه); everything else, malformed UTF-8 too, copied unchanged.
std::string fold_arabic(std::string_view text);

/// What the folded search index gets for `text`: fold_arabic(text), then each word that begins
/// with the article "ال" or the conjunction "و" once more without it.
std::string folded_document(std::string_view text);

/// What a visitor typed as an FTS5 query: each word a quoted string, all required, the last a
/// prefix; at most 16 words of the first 256 bytes. `fold` gives the query for the folded index.
/// Empty when nothing searchable is left.
std::string fts_query(std::string_view text, bool fold);

}  // namespace lotsen
