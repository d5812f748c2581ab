// catalogue_json_tree.cpp — JSON paths as the catalogue's messages spell them: "$.activities[3]
// .title.sv", with keys that are not plain quoted.
#include "core/catalogue/catalogue_json_tree.hpp"

#include "core/base/text_checks.hpp"

#include <algorithm>

namespace lotsen::catalogue_json_detail {

void append_key(std::string& out, std::string_view key)
{
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    });
    if (plain) {
        out += '.';
        out += key;
    } else {
        out += '[';
        out += quote_for_message(key);
        out += ']';
    }
}

void append_index(std::string& out, std::size_t index)
{
    out += '[';
    out += std::to_string(index);
    out += ']';
}

}  // namespace lotsen::catalogue_json_detail
