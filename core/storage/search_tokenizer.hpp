// search_tokenizer.hpp — SQLite's unicode61 tokenizer, the same tokens faster. Registered on a store's
// connection under unicode61's own name, it takes the place of the built-in one for the search
// tables (store_schema.cpp), which keep their declaration: a connection without it (the sqlite3
// shell, an older kiosk) reads and writes the same index.
#pragma once

#include "core/base/result.hpp"

#include <cstddef>

struct sqlite3;

namespace lotsen::store_internal {

/// Registers the tokenizer on `db` as "unicode61"; the built-in one stays behind it and does the
/// work it is asked for first, character by character (search_tokenizer.cpp).
Result<void> register_search_tokenizer(sqlite3* db);

/// How many texts, in this process so far, the tokenizer handed whole to the built-in one (not
/// well-formed UTF-8, or an answer it did not expect); for tests and diagnostics.
std::size_t search_tokenizer_texts_passed_on();

}  // namespace lotsen::store_internal
