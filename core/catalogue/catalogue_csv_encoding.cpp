// catalogue_csv_encoding.cpp — decides whether a spreadsheet is UTF-8 or Windows-1252 and decodes
// the latter (see catalogue_csv_encoding.hpp, and docs/catalogue.md, "Encodings").
#include "core/catalogue/catalogue_csv_encoding.hpp"

#include "core/base/text_checks.hpp"

#include <array>
#include <cstddef>

namespace lotsen::catalogue_csv_detail {

namespace {

// Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1, U+00A0–U+00FF). Zero marks the
// five bytes it leaves undefined: a file holding one of them is not Windows-1252 either.
// Source: the WHATWG Encoding Standard's index-windows-1252 (the table browsers use).
constexpr std::array<char32_t, 32> k_1252_high{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// Length of the well-formed UTF-8 sequence of two or more bytes at `at`, or 0.
std::size_t utf8_sequence_at(std::string_view bytes, std::size_t at)
{
    const auto lead = static_cast<unsigned char>(bytes[at]);
    const std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xF0 && lead <= 0xF4                                  ? 4
                                                                                               : 0;
    if (length == 0 || at + length > bytes.size())
        return 0;
    return find_invalid_utf8(bytes.substr(at, length)) == std::string_view::npos ? length : 0;
}

std::string hex_byte(unsigned char byte)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
}

// "line 3" for a byte offset: lines of the file, which a quoted cell's line break also ends.
std::string line_of(std::string_view bytes, std::size_t offset)
{
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset; ++i)
        line += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'));
    return "line " + std::to_string(line);
}

constexpr const char* k_save_as = "save it from Excel as \"CSV UTF-8 (kommaavgränsad)\" or \"CSV (semikolonavgränsad)\"";

}  // namespace

std::string_view encoding_name(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::utf8: return "UTF-8";
    case TextEncoding::utf8_bom: return "UTF-8 with a byte-order mark";
    case TextEncoding::windows_1252: return "Windows-1252";
    }
    return "UTF-8";
}

DecodedText decode_spreadsheet_bytes(std::string_view bytes)
{
    DecodedText decoded;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        decoded.text = bytes.substr(3);
        decoded.encoding = TextEncoding::utf8_bom;
        return decoded;
    }
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
        decoded.problem = std::string("the file is UTF-16 (Excel's \"Unicode text\"), which is not read; ") + k_save_as;
        return decoded;
    }
    const std::size_t invalid = find_invalid_utf8(bytes);
    if (invalid == std::string_view::npos) {
        decoded.text = bytes;
        decoded.encoding = TextEncoding::utf8;
        return decoded;
    }
    // Not UTF-8. Windows-1252 only if nothing says otherwise: a UTF-8 character elsewhere in the file
    // means two encodings were mixed (a cell pasted from another file), and decoding the whole as
    // Windows-1252 would turn that character into two wrong ones.
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte < 0x80)
            continue;
        if (const std::size_t length = utf8_sequence_at(bytes, i); length > 0) {
            decoded.problem = "the file mixes encodings: " + line_of(bytes, i) + " has the UTF-8 character " +
                              quote_for_message(bytes.substr(i, length)) + ", but byte " +
                              hex_byte(static_cast<unsigned char>(bytes[invalid])) + " on " + line_of(bytes, invalid) +
                              " is not UTF-8; save the whole spreadsheet again from Excel as \"CSV UTF-8 (kommaavgränsad)\"";
            return decoded;
        }
        if (byte <= 0x9F && k_1252_high[byte - 0x80] == 0) {
            decoded.problem = "the file is neither UTF-8 nor Windows-1252: byte " + hex_byte(byte) + " on " +
                              line_of(bytes, i) + " is a character in neither; " + k_save_as;
            return decoded;
        }
    }
    decoded.text.reserve(bytes.size() + bytes.size() / 8);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80)
            decoded.text += c;
        else
            append_utf8(decoded.text, byte <= 0x9F ? k_1252_high[byte - 0x80] : static_cast<char32_t>(byte));
    }
    decoded.encoding = TextEncoding::windows_1252;
    return decoded;
}

}  // namespace lotsen::catalogue_csv_detail
