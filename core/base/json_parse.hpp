// json_parse.hpp — the one way Lotsen turns JSON text from outside into a tree: nlohmann's SAX
// parser feeding a builder that refuses nesting deeper than a bound before it builds it. Reading is
// iterative, but dump(), comparisons and copies of a tree recurse once per level, so a body of a
// million nested arrays would crash whoever touched it next. Every site that parses JSON from the
// network, from upstream files or from a database uses parse_json() or derives from JsonTreeBuilder.
// Included only by .cpp files (nlohmann-json is a private dependency of each user).
#pragma once

#include "core/base/result.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen {

/// The deepest nesting of objects and arrays any JSON Lotsen reads may have. Its formats nest at most
/// six levels (a catalogue), heartbeat data at most eight; 64 leaves room to grow and stays far
/// below what a recursive walk can bear.
inline constexpr std::size_t k_max_json_depth = 64;

/// nlohmann's parse error without its "[json.exception.…] parse error at line …:" prefix and its
/// echo of what it last read (which can repeat a long string): "syntax error while parsing value -
/// invalid literal".
std::string json_parse_reason(const std::string& nlohmann_message);

/// A SAX handler that builds a tree of type `Json` (nlohmann::json or ordered_json) and stops at the
/// first container that would sit deeper than `max_depth` (the top value is depth 1). Readers that
/// want more (duplicate keys, paths in messages) derive from it and hide the calls they extend.
template <class Json>
class JsonTreeBuilder {
public:
    explicit JsonTreeBuilder(std::size_t max_depth = k_max_json_depth) : m_max_depth(max_depth) {}

    /// True when nothing stopped the reading (no syntax error, not too deep).
    bool complete() const { return !m_failed; }
    /// True when the reading stopped at a container nested deeper than the bound.
    bool too_deep() const { return m_too_deep; }
    /// Bytes read before the syntax error (0 when there was none).
    std::size_t error_offset() const { return m_error_offset; }
    /// The syntax error, without nlohmann's prefix ("" when there was none).
    const std::string& error_reason() const { return m_error_reason; }
    std::size_t max_depth() const { return m_max_depth; }
    Json& root() { return m_root; }

    /// The path of the value being read now: "$.events[3].data".
    std::string current_path() const
    {
        std::string out = "$";
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& frame = m_frames[i];
            const bool innermost = i + 1 == m_frames.size();
            if (frame.container->is_array()) {
                const std::size_t size = frame.container->size();
                out += '[' + std::to_string(innermost ? size : size - 1) + ']';
            } else if (frame.has_key) {
                append_path_key(out, frame.key);
            }
        }
        return out;
    }

    // The SAX interface nlohmann's parser calls.
    bool null() { return add_value(Json(nullptr)); }
    bool boolean(bool value) { return add_value(Json(value)); }
    bool number_integer(typename Json::number_integer_t value) { return add_value(Json(value)); }
    bool number_unsigned(typename Json::number_unsigned_t value) { return add_value(Json(value)); }
    bool number_float(typename Json::number_float_t value, const typename Json::string_t&) { return add_value(Json(value)); }
    bool string(typename Json::string_t& value) { return add_value(Json(std::move(value))); }
    bool binary(typename Json::binary_t& value) { return add_value(Json::binary(value)); }  // never in JSON text
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(typename Json::string_t& name)
    {
        Frame& top = m_frames.back();
        top.key = std::move(name);
        top.has_key = true;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        m_error_offset = position;
        m_error_reason = json_parse_reason(error.what());
        m_failed = true;
        return false;
    }

protected:
    struct Frame {
        Json* container;
        std::string key;       // member being read, for objects
        bool has_key = false;  // false between members
    };

    /// The open containers, outermost first; the innermost object's pending key is back().key.
    const std::vector<Frame>& frames() const { return m_frames; }

private:
    // ".key", or ["key"] when the key is not plain letters, digits, '_' and '-' (the quoted form is
    // escaped by the caller's message door, see quote_for_message in text_checks.hpp).
    static void append_path_key(std::string& out, const std::string& key)
    {
        bool plain = !key.empty();
        for (const char c : key)
            plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (plain)
            out += '.' + key;
        else
            out += "[\"" + escaped_key(key) + "\"]";
    }

    // A key from outside, cut at 40 bytes with every byte that is not printable ASCII as \xNN.
    static std::string escaped_key(const std::string& key)
    {
        static constexpr char digits[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i < key.size() && i < 40; ++i) {
            const auto byte = static_cast<unsigned char>(key[i]);
            if (byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\')
                out += static_cast<char>(byte);
            else
                out += std::string("\\x") + digits[byte >> 4] + digits[byte & 0xF];
        }
        if (key.size() > 40)
            out += "...";
        return out;
    }

    // Stores a finished or just-opened value in its parent; returns where it now lives.
    Json* place(Json value)
    {
        if (m_frames.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Json& parent = *m_frames.back().container;
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        // A repeated key overwrites: the last value wins, as nlohmann's own parser does.
        Json& slot = parent[m_frames.back().key];
        slot = std::move(value);
        return &slot;
    }

    bool add_value(Json value)
    {
        place(std::move(value));
        if (!m_frames.empty())
            m_frames.back().has_key = false;
        return true;
    }

    bool open(Json container)
    {
        if (m_frames.size() >= m_max_depth) {
            m_too_deep = true;
            m_failed = true;
            return false;
        }
        Json* placed = place(std::move(container));
        m_frames.push_back(Frame{placed, {}, false});
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        if (!m_frames.empty())
            m_frames.back().has_key = false;
        return true;
    }

    std::size_t m_max_depth;
    Json m_root;
    std::vector<Frame> m_frames;
    bool m_failed = false;
    bool m_too_deep = false;
    std::size_t m_error_offset = 0;
    std::string m_error_reason;
};

/// `text` as a tree, or an error saying why not and where: "not JSON: syntax error … at byte offset
/// 12" or "nested more than 64 levels of objects and arrays at $.events[0].data[0]…", told by
/// `where` (what was read: "body", "manifest payload").
template <class Json = nlohmann::json>
Result<Json> parse_json(std::string_view text, std::string_view where = {}, std::size_t max_depth = k_max_json_depth)
{
    JsonTreeBuilder<Json> builder(max_depth);
    Json::sax_parse(text.data(), text.data() + text.size(), &builder);
    if (builder.too_deep()) {
        std::string path = builder.current_path();
        if (path.size() > 80)
            path = path.substr(0, 80) + "...";
        return Error{"nested more than " + std::to_string(max_depth) + " levels of objects and arrays at " + path,
                     std::string(where)};
    }
    if (!builder.complete()) {
        const std::size_t offset = builder.error_offset() == 0 ? 0 : builder.error_offset() - 1;
        return Error{"not JSON: " + builder.error_reason() + " at byte offset " + std::to_string(offset), std::string(where)};
    }
    return std::move(builder.root());
}

/// True when `text` is one JSON object nested no deeper than `max_depth`, checked without building a
/// tree (the uploader checks every stored event so before it sends it).
template <class Json = nlohmann::json>
bool json_is_object(std::string_view text, std::size_t max_depth = k_max_json_depth)
{
    struct Check {
        using number_integer_t = typename Json::number_integer_t;
        using number_unsigned_t = typename Json::number_unsigned_t;
        using number_float_t = typename Json::number_float_t;
        using string_t = typename Json::string_t;
        using binary_t = typename Json::binary_t;
        std::size_t max_depth;
        std::size_t depth = 0;
        bool top_is_object = false;
        bool scalar() { return depth > 0; }  // a bare scalar is not an object
        bool open(bool object)
        {
            if (depth == 0)
                top_is_object = object;
            return ++depth <= max_depth;
        }
        bool null() { return scalar(); }
        bool boolean(bool) { return scalar(); }
        bool number_integer(number_integer_t) { return scalar(); }
        bool number_unsigned(number_unsigned_t) { return scalar(); }
        bool number_float(number_float_t, const string_t&) { return scalar(); }
        bool string(string_t&) { return scalar(); }
        bool binary(binary_t&) { return scalar(); }
        bool start_object(std::size_t) { return open(true); }
        bool key(string_t&) { return true; }
        bool end_object() { return --depth, true; }
        bool start_array(std::size_t) { return open(false); }
        bool end_array() { return --depth, true; }
        bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
    };
    Check check{max_depth};
    return Json::sax_parse(text.data(), text.data() + text.size(), &check) && check.top_is_object;
}

/// `text` as a tree, or null when it is not JSON within the bound: for readers whose next check
/// (is_object(), a member's type) already says what was wrong.
template <class Json = nlohmann::json>
Json parse_json_or_null(std::string_view text)
{
    Result<Json> parsed = parse_json<Json>(text);
    return parsed.ok() ? std::move(parsed.value()) : Json();
}

/// How many bytes `value.dump()` would write (compact, UTF-8 kept as it is), counted without writing
/// them: the hub bounds every event of a batch by its encoded size, and dumping 500 events only to
/// measure them was about 8 % of decoding the batch. Recurses once per level, like dump(): for trees
/// made by parse_json() (depth-bounded). Floating-point numbers and binary values, rare here, are
/// dumped.
template <class Json>
std::size_t json_encoded_size(const Json& value)
{
    const auto string_size = [](const std::string& text) {
        std::size_t size = text.size() + 2;  // the quotes
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte == '"' || byte == '\\' || byte == '\b' || byte == '\f' || byte == '\n' || byte == '\r' || byte == '\t')
                size += 1;  // \" and the like
            else if (byte < 0x20)
                size += 5;  // \u00XX
        }
        return size;
    };
    const auto digits = [](auto magnitude) {
        std::size_t count = 1;
        while (magnitude >= 10) {
            magnitude /= 10;
            ++count;
        }
        return count;
    };
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return 4;
    case nlohmann::json::value_t::boolean:
        return value.template get<bool>() ? 4 : 5;
    case nlohmann::json::value_t::string:
        return string_size(value.template get_ref<const std::string&>());
    case nlohmann::json::value_t::number_unsigned:
        return digits(value.template get<std::uint64_t>());
    case nlohmann::json::value_t::number_integer: {
        const auto number = value.template get<std::int64_t>();
        // The magnitude as unsigned: -INT64_MIN does not fit an int64_t.
        return number < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(number)) : digits(static_cast<std::uint64_t>(number));
    }
    case nlohmann::json::value_t::object: {
        std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);  // braces, commas
        for (auto it = value.begin(); it != value.end(); ++it)
            size += string_size(it.key()) + 1 + json_encoded_size(it.value());  // "key":value
        return size;
    }
    case nlohmann::json::value_t::array: {
        std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
        for (const Json& item : value)
            size += json_encoded_size(item);
        return size;
    }
    default:
        return value.dump().size();
    }
}

}  // namespace lotsen
