// text_checks.hpp — the byte-level text helpers the catalogue readers, the config and the databases
// share: UTF-8 well-formedness, cutting UTF-8 without splitting a sequence, encoding a code point,
// quoting a value for an error message, and what a language code and a catalogue id are
// (docs/catalogue.md). One copy, so the JSON reader, the CSV import, the kiosk config and the
// stores' messages cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// What a byte that starts a UTF-8 sequence (RFC 3629) says: the sequence's length (0 when the byte
/// starts none: a continuation byte, C0, C1, F5..FF; 1 for ASCII) and the range the second byte must
/// lie in. RFC 3629 table 3.7: that range excludes overlong forms (E0, F0), UTF-16 surrogates (ED) and
/// code points above U+10FFFF (F4); every later byte is 80..BF.
struct Utf8Lead {
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
};

constexpr Utf8Lead utf8_lead(unsigned char byte)
{
    if (byte < 0x80)
        return {1, 0x80, 0xBF};
    if (byte >= 0xC2 && byte <= 0xDF)
        return {2, 0x80, 0xBF};
    if (byte >= 0xE0 && byte <= 0xEF)
        return {3, static_cast<unsigned char>(byte == 0xE0 ? 0xA0 : 0x80),
                static_cast<unsigned char>(byte == 0xED ? 0x9F : 0xBF)};
    if (byte >= 0xF0 && byte <= 0xF4)
        return {4, static_cast<unsigned char>(byte == 0xF0 ? 0x90 : 0x80),
                static_cast<unsigned char>(byte == 0xF4 ? 0x8F : 0xBF)};
    return {};
}

/// One character read from UTF-8 (RFC 3629): what utf8_step() found at the start of a text.
struct Utf8Step {
    char32_t code = 0;        // the code point; 0 when `valid` is false
    std::size_t length = 0;   // bytes read: the whole sequence, or the ill-formed part (0 only for an empty text)
    bool valid = false;
};

/// The character at the start of `text`. Where no well-formed sequence starts, `length` is the
/// ill-formed part that one U+FFFD stands for: the lead byte and the continuation bytes that were
/// right so far, never the byte that broke it ("maximal subpart", The Unicode Standard 15.0, §3.9,
/// "U+FFFD Substitution of Maximal Subparts"); 1 for a byte that starts no sequence. The one UTF-8
/// decoder of the code: the text layout, the search tokenizer and folding, the store's character
/// set, the glyph slots and the iCalendar folding read their characters with it. Inline: they ask
/// it for every character.
inline Utf8Step utf8_step(std::string_view text)
{
    if (text.empty())
        return {};
    const auto first = static_cast<unsigned char>(text[0]);
    if (first < 0x80)
        return {first, 1, true};
    const Utf8Lead lead = utf8_lead(first);
    if (lead.length == 0)
        return {0, 1, false};
    char32_t code = first & (0x7Fu >> lead.length);
    std::size_t k = 1;
    for (; k < lead.length && k < text.size(); ++k) {
        const auto next = static_cast<unsigned char>(text[k]);
        if (next < (k == 1 ? lead.low : 0x80) || next > (k == 1 ? lead.high : 0xBF))
            return {0, k, false};
        code = (code << 6) | (next & 0x3Fu);
    }
    if (k < lead.length)
        return {0, k, false};  // the text ends inside the sequence
    return {code, k, true};
}

/// How many bytes the well-formed UTF-8 sequence at the start of `text` takes (1 for ASCII); 0 when
/// `text` is empty or does not start with a whole one.
inline std::size_t utf8_sequence_length(std::string_view text)
{
    const Utf8Step step = utf8_step(text);
    return step.valid ? step.length : 0;
}

/// Offset of the first byte not part of a well-formed UTF-8 sequence (RFC 3629), or npos when valid.
std::size_t find_invalid_utf8(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

/// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// `text` as a JSON string for an error message, cut at 40 bytes with "…" (invalid bytes become U+FFFD).
std::string quote_for_message(std::string_view text);

/// `text` between single quotes, whole and unescaped: for what the program itself names in a message
/// (a path, an id it checked, a meta key); a value read from a file or typed by a visitor goes
/// through quote_for_message() instead.
std::string in_quotes(std::string_view text);

/// `text` with ASCII letters in lower case (HTTP header names, units); other bytes unchanged.
std::string ascii_lower(std::string_view text);

/// An HTTP header value without the spaces and tabs around it (and a line end left by the reader).
std::string trim_header_value(std::string_view text);

/// `text` read as an unsigned decimal number: ASCII digits only (leading zeros allowed, no sign, no
/// spaces), not empty, within 64 bits; nothing otherwise. The one reading of HTTP's byte positions.
std::optional<std::uint64_t> decimal_u64(std::string_view text);

/// True for a catalogue id (docs/catalogue.md): 1–64 of a-z, 0-9 and '-', not starting or ending with '-'.
bool is_catalogue_id(std::string_view id);

/// True for 2–3 lowercase letters, optionally followed by '-' and 2–8 lowercase letters or digits.
bool is_language_code(std::string_view code);

}  // namespace lotsen
