// text_checks.cpp — UTF-8 validation and cutting, message quoting and the language-code rule shared by
// the catalogue JSON reader, the CSV import, the kiosk config and the databases' messages.
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace lotsen {

namespace {

constexpr std::size_t k_quoted_bytes = 40;  // how much of a bad value a message repeats

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

// nlohmann refuses malformed UTF-8 without saying where, so the readers find the offset themselves.
std::size_t find_invalid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence_length(text.substr(i));
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes)
        return text;
    // text[end] exists here; step back while it continues the sequence before it.
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Cut short so one long field cannot flood a report; dumped by nlohmann so quotes, backslashes and
// control characters are escaped exactly as a JSON author would write them.
std::string quote_for_message(std::string_view text)
{
    const std::string_view shown = utf8_prefix(text, k_quoted_bytes);
    std::string quoted =
        nlohmann::json(std::string(shown)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (shown.size() < text.size())
        quoted += "…";
    return quoted;
}

std::string ascii_lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string trim_header_value(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return std::string(text);
}

std::string in_quotes(std::string_view text)
{
    // Appended, not "'" + …: GCC 12 reports a bogus -Wrestrict for that at -O2.
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    quoted += text;
    quoted += '\'';
    return quoted;
}

bool is_catalogue_id(std::string_view id)
{
    if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-')
        return false;
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

bool is_language_code(std::string_view code)
{
    std::size_t letters = 0;
    while (letters < code.size() && code[letters] >= 'a' && code[letters] <= 'z')
        ++letters;
    if (letters < 2 || letters > 3)
        return false;
    if (letters == code.size())
        return true;
    const std::string_view subtag = code.substr(letters + 1);
    return code[letters] == '-' && subtag.size() >= 2 && subtag.size() <= 8 &&
           std::all_of(subtag.begin(), subtag.end(), is_lower_or_digit);
}

std::optional<std::uint64_t> decimal_u64(std::string_view text)
{
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

}  // namespace lotsen
