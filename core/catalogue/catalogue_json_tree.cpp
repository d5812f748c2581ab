// catalogue_json_tree.cpp — pass 1 of reading a JSON catalogue: the shared bounded builder builds the
// document tree and keeps track of where it is, so duplicate keys (which nlohmann would silently collapse
// to the last value), syntax errors, invalid UTF-8 and too deep nesting are reported with a JSON path and
// a byte offset.
#include "core/catalogue/catalogue_json_tree.hpp"

#include "core/base/json_parse.hpp"
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

/// The shared bounded builder (core/base/json_parse.hpp), reporting duplicate keys, syntax errors
/// (with byte offset, line and column), invalid UTF-8 and too deep nesting at the JSON path where
/// they happen. nlohmann's parser calls the handler's own type, so hiding a base call extends it.
class TreeBuilder : public JsonTreeBuilder<Json> {
public:
    using Base = JsonTreeBuilder<Json>;

    TreeBuilder(std::string_view text, CatalogueProblemList& problems)
        : Base(k_max_json_depth), m_text(text), m_problems(problems), m_first_invalid_utf8(find_invalid_utf8(text))
    {
    }

    bool start_object(std::size_t size) { return opened(Base::start_object(size)); }
    bool start_array(std::size_t size) { return opened(Base::start_array(size)); }

    bool key(Json::string_t& name)
    {
        if (frames().back().container->contains(name))
            m_problems.add(path_with_key(name), "duplicate key: the field appears more than once in this object");
        return Base::key(name);
    }

    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& error)
    {
        Base::parse_error(position, last_token, error);
        // nlohmann reports how many bytes it had read; the offending byte is the last of them.
        const std::size_t offset = position == 0 ? 0 : position - 1;
        if (m_first_invalid_utf8 <= offset) {
            const auto byte = static_cast<unsigned char>(m_text[m_first_invalid_utf8]);
            static constexpr char digits[] = "0123456789ABCDEF";
            const std::string hex{'0', 'x', digits[byte >> 4], digits[byte & 0xF]};
            m_problems.add(catalogue_path(), "invalid UTF-8: byte " + hex + " at " +
                                                 describe_offset(m_text, m_first_invalid_utf8) +
                                                 " is not part of a UTF-8 character; the file must be UTF-8");
        } else {
            m_problems.add(catalogue_path(), "invalid JSON at " + describe_offset(m_text, offset) + ": " +
                                                 error_reason());
        }
        return false;
    }

private:
    bool opened(bool ok)
    {
        if (!ok && too_deep())
            m_problems.add(catalogue_path(), "nested more than " + std::to_string(max_depth()) +
                                                 " levels deep; a catalogue never is");
        return ok;
    }

    // The path of the value being read now, spelled as the catalogue's messages spell keys.
    std::string catalogue_path() const
    {
        std::string out = "$";
        const auto& open = frames();
        for (std::size_t i = 0; i < open.size(); ++i) {
            const bool innermost = i + 1 == open.size();
            if (open[i].container->is_array()) {
                const std::size_t size = open[i].container->size();
                append_index(out, innermost ? size : size - 1);
            } else if (open[i].has_key) {
                append_key(out, open[i].key);
            }
        }
        return out;
    }

    // The path of member `name` of the innermost object, about to be read.
    std::string path_with_key(const std::string& name) const
    {
        std::string out = catalogue_path();
        append_key(out, name);
        return out;
    }

    std::string_view m_text;
    CatalogueProblemList& m_problems;
    std::size_t m_first_invalid_utf8;
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
