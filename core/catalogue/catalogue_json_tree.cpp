// catalogue_json_tree.cpp — pass 1 of reading a JSON catalogue: a SAX handler builds the document tree
// and keeps track of where it is, so duplicate keys (which nlohmann would silently collapse to the last
// value), syntax errors and invalid UTF-8 are reported with a JSON path and a byte offset.
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

namespace {

constexpr std::size_t k_max_depth = 64;  // the format nests 6 levels; deeper is never valid

// "byte offset 8 (line 1, column 9)"; lines and columns count from 1, columns in bytes.
std::string describe_offset(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
    return "byte offset " + std::to_string(offset) + " (line " + std::to_string(line) + ", column " +
           std::to_string(column) + ")";
}

// nlohmann's message without its "[json.exception.…] parse error at line …:" prefix (we say where
// ourselves) and without the "last read" echo, which can repeat a whole long string.
std::string nlohmann_reason(std::string message)
{
    if (message.rfind("[json.exception.", 0) == 0) {
        if (const std::size_t end = message.find("] "); end != std::string::npos)
            message.erase(0, end + 2);
    }
    if (message.rfind("parse error", 0) == 0) {
        if (const std::size_t colon = message.find(": "); colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    if (const std::size_t echo = message.find("; last read: '"); echo != std::string::npos) {
        const std::size_t expected = message.rfind("'; expected");
        if (expected != std::string::npos && expected > echo)
            message.erase(echo, expected + 1 - echo);
        else
            message.erase(echo);
    }
    return message;
}

/// nlohmann SAX handler that builds an ordered_json tree, reporting duplicate keys, syntax errors
/// (with byte offset, line and column) and invalid UTF-8 at the JSON path where they happen.
class TreeBuilder {
public:
    TreeBuilder(std::string_view text, CatalogueProblemList& problems)
        : m_text(text), m_problems(problems), m_first_invalid_utf8(find_invalid_utf8(text))
    {
    }

    /// True when the whole text was read into the tree.
    bool complete() const { return !m_failed; }
    Json& root() { return m_root; }

    bool null() { return add_value(Json(nullptr)); }
    bool boolean(bool value) { return add_value(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return add_value(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return add_value(Json(value)); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return add_value(Json(value)); }
    bool string(Json::string_t& value) { return add_value(Json(std::move(value))); }
    bool binary(Json::binary_t& value) { return add_value(Json::binary(value)); }  // not in JSON text
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& name)
    {
        Frame& top = m_frames.back();
        const bool repeated = top.container->contains(name);
        top.key = std::move(name);
        top.has_key = true;
        if (repeated)
            m_problems.add(current_path(), "duplicate key: the field appears more than once in this object");
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        // nlohmann reports how many bytes it had read; the offending byte is the last of them.
        const std::size_t offset = position == 0 ? 0 : position - 1;
        if (m_first_invalid_utf8 <= offset) {
            const auto byte = static_cast<unsigned char>(m_text[m_first_invalid_utf8]);
            static constexpr char digits[] = "0123456789ABCDEF";
            const std::string hex{'0', 'x', digits[byte >> 4], digits[byte & 0xF]};
            m_problems.add(current_path(), "invalid UTF-8: byte " + hex + " at " +
                                               describe_offset(m_text, m_first_invalid_utf8) +
                                               " is not part of a UTF-8 character; the file must be UTF-8");
        } else {
            m_problems.add(current_path(), "invalid JSON at " + describe_offset(m_text, offset) + ": " +
                                               nlohmann_reason(error.what()));
        }
        m_failed = true;
        return false;
    }

private:
    struct Frame {
        Json* container;
        std::string key;       // member being read, for objects
        bool has_key = false;  // false between members
    };

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
        // A duplicate key overwrites (already reported); the tree is refused either way.
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
        if (m_frames.size() >= k_max_depth) {
            m_problems.add(current_path(), "nested more than " + std::to_string(k_max_depth) +
                                               " levels deep; a catalogue never is");
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

    // The path of the value being read now: open containers, then the pending member or element.
    std::string current_path() const
    {
        std::string out = "$";
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& frame = m_frames[i];
            const bool innermost = i + 1 == m_frames.size();
            if (frame.container->is_array()) {
                const std::size_t size = frame.container->size();
                append_index(out, innermost ? size : size - 1);
            } else if (frame.has_key) {
                append_key(out, frame.key);
            }
        }
        return out;
    }

    std::string_view m_text;
    CatalogueProblemList& m_problems;
    std::size_t m_first_invalid_utf8;
    Json m_root;
    std::vector<Frame> m_frames;
    bool m_failed = false;
};

}  // namespace

std::optional<Json> parse_json_tree(std::string_view text, CatalogueProblemList& problems)
{
    TreeBuilder builder(text, problems);
    Json::sax_parse(text.data(), text.data() + text.size(), &builder);
    if (!builder.complete())
        return std::nullopt;
    return std::move(builder.root());
}

}  // namespace lotsen::catalogue_json_detail
