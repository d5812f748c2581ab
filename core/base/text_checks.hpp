// text_checks.hpp — the byte-level text checks the catalogue readers and the config share: UTF-8
// well-formedness, cutting UTF-8 without splitting a sequence, quoting a value for an error message,
// and what a language code and a catalogue id are (docs/catalogue.md). One copy, so the JSON reader, the CSV import and
// the kiosk config cannot drift apart.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lotsen {

/// Offset of the first byte not part of a well-formed UTF-8 sequence (RFC 3629), or npos when valid.
std::size_t find_invalid_utf8(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

/// `text` as a JSON string for an error message, cut at 40 bytes with "…" (invalid bytes become U+FFFD).
std::string quote_for_message(std::string_view text);

/// True for a catalogue id (docs/catalogue.md): 1–64 of a-z, 0-9 and '-', not starting or ending with '-'.
bool is_catalogue_id(std::string_view id);

/// True for 2–3 lowercase letters, optionally followed by '-' and 2–8 lowercase letters or digits.
bool is_language_code(std::string_view code);

}  // namespace lotsen
