// catalogue_json_tree.hpp — inside the JSON catalogue reader and writer (not for other modules): the
// ordered tree type (of one part of a catalogue at a time, when reading), the format's fixed names and
// JSON paths for problems.
#pragma once

#include "core/catalogue/catalogue_parse.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::catalogue_json_detail {

/// ordered_json keeps members in document order: problems come out in reading order, and a written
/// catalogue lists fields in the order docs/catalogue.md does.
using Json = nlohmann::ordered_json;

/// The "format" and "format_version" every catalogue file carries, and the catalogue format this code
/// reads and writes: 1.5, the major in "format_version", the minor in an optional "format_minor"
/// (docs/catalogue.md, "How this format grows"). 1.1 added a place's "how_to_find_us", 1.2 an
/// organisation's "logo" and an activity's "image", 1.3 an organisation's "measured_reply", 1.4 an
/// activity's "last_checked", 1.5 an organisation's "needs" and "offers".
inline constexpr std::string_view k_format_name = "lotsen-catalogue";
inline constexpr std::int64_t k_format_version = 1;
inline constexpr std::int64_t k_format_minor = 5;

/// Weekday names as the format writes them, Monday (ISO weekday 1) first.
inline constexpr std::array<std::string_view, 7> k_weekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/// Appends ".key", or ["key"] quoted when the key is not plain letters, digits, '_' and '-'.
void append_key(std::string& out, std::string_view key);
/// Appends "[index]".
void append_index(std::string& out, std::size_t index);

/// Where a value sits, as a chain of nodes on the stack: rendered to "$.a[3].b" only when a problem
/// is reported, so a valid catalogue costs no string building.
struct JsonPath {
    const JsonPath* parent = nullptr;
    std::string_view key;  ///< member name, when is_index is false
    std::size_t index = 0;
    bool is_index = false;

    /// The path of member `member` of this value.
    JsonPath operator/(std::string_view member) const { return JsonPath{this, member, 0, false}; }
    /// The path of element `element` of this array.
    JsonPath operator[](std::size_t element) const { return JsonPath{this, {}, element, true}; }

    /// "$.activities[3].title.sv".
    std::string str() const
    {
        std::vector<const JsonPath*> chain;
        for (const JsonPath* node = this; node->parent; node = node->parent)
            chain.push_back(node);
        std::string out = "$";
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            if ((*it)->is_index)
                append_index(out, (*it)->index);
            else
                append_key(out, (*it)->key);
        }
        return out;
    }
};

}  // namespace lotsen::catalogue_json_detail
