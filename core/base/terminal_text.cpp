// terminal_text.cpp — see terminal_text.hpp.
#include "core/base/terminal_text.hpp"

#include "core/base/text_checks.hpp"

namespace lotsen {

std::string escape_for_terminal(std::string_view text)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto escape = [&out](unsigned char byte) {
        out += "\\x";
        out += digits[byte >> 4];
        out += digits[byte & 0xF];
    };
    while (!text.empty()) {
        const std::size_t bad = find_invalid_utf8(text);
        const std::string_view valid = text.substr(0, bad);
        for (std::size_t i = 0; i < valid.size(); ++i) {
            const auto byte = static_cast<unsigned char>(valid[i]);
            if (byte == '\\')
                out += "\\\\";
            else if (byte < 0x20 || byte == 0x7F)
                escape(byte);
            else if (byte == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
                // U+0080..U+009F: C1 controls (U+009B is CSI on terminals that take 8-bit controls).
                escape(byte);
                escape(static_cast<unsigned char>(valid[++i]));
            } else {
                out += static_cast<char>(byte);
            }
        }
        if (bad == std::string_view::npos)
            break;
        escape(static_cast<unsigned char>(text[bad]));
        text.remove_prefix(bad + 1);
    }
    return out;
}

}  // namespace lotsen
