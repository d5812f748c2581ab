// format_growth.cpp — see format_growth.hpp.
#include "core/base/format_growth.hpp"

#include <algorithm>

namespace lotsen {

std::string collapse_indices(std::string_view path)
{
    std::string out;
    out.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        out += path[i];
        if (path[i] != '[')
            continue;
        std::size_t end = i + 1;
        while (end < path.size() && path[end] >= '0' && path[end] <= '9')
            ++end;
        // Only a run of digits closed by ']' is a position; a quoted key such as ["a b"] stays.
        if (end > i + 1 && end < path.size() && path[end] == ']')
            i = end - 1;
    }
    return out;
}

void IgnoredMembers::add(std::string_view path)
{
    ++m_total;
    std::string collapsed = collapse_indices(path);
    const auto it = std::find_if(m_paths.begin(), m_paths.end(), [&](const Path& p) { return p.path == collapsed; });
    if (it != m_paths.end()) {
        ++it->count;
        return;
    }
    if (m_paths.size() >= k_max_paths) {
        ++m_paths_left_out;
        return;
    }
    m_paths.push_back(Path{std::move(collapsed), 1});
}

std::string IgnoredMembers::summary() const
{
    std::string out;
    for (const Path& p : m_paths) {
        if (!out.empty())
            out += ", ";
        out += p.path;
        if (p.count > 1)
            out += " (" + std::to_string(p.count) + " times)";
    }
    if (m_paths_left_out > 0)
        out += ", and " + std::to_string(m_paths_left_out) + " more";
    return out;
}

}  // namespace lotsen
