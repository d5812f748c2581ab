// catalogue_csv_encoding.hpp — inside the CSV catalogue import (not for other modules): which
// encoding a spreadsheet's bytes are in. UTF-8 (with or without Excel's byte-order mark) or
// Windows-1252 (what Swedish Excel's "CSV (semikolonavgränsad)" writes), decided from the bytes and
// said out loud; anything else, or a mix, is refused with where it went wrong. Never a silent guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lotsen::catalogue_csv_detail {

/// How a spreadsheet's bytes were read.
enum class TextEncoding {
    utf8,          ///< valid UTF-8 without a byte-order mark (plain ASCII counts as this)
    utf8_bom,      ///< valid UTF-8 after a byte-order mark ("CSV UTF-8" in Excel)
    windows_1252,  ///< not UTF-8, and every byte is a Windows-1252 character
};

/// The bytes as UTF-8 text, and how they were read; or why they could not be.
struct DecodedText {
    std::string text;                     ///< UTF-8, without a byte-order mark
    std::optional<TextEncoding> encoding;  ///< nullopt: refused, see `problem`
    std::string problem;                  ///< what the bytes are not, and where (empty when read)
};

/// Decides the encoding: a UTF-8 byte-order mark means UTF-8 (bad bytes after it are then reported
/// per cell, as before); valid UTF-8 is UTF-8; otherwise, when no byte is one Windows-1252 leaves
/// undefined and no part of the file is itself UTF-8 beyond ASCII (a mix is refused), Windows-1252.
/// UTF-16 (Excel's "Unicode text") is refused by its byte-order mark.
DecodedText decode_spreadsheet_bytes(std::string_view bytes);

/// "UTF-8", "UTF-8 with a byte-order mark" or "Windows-1252".
std::string_view encoding_name(TextEncoding encoding);

}  // namespace lotsen::catalogue_csv_detail
