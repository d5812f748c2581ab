// format_growth.hpp — how Lotsen's file and wire formats grow (docs/updates.md, "How these formats
// grow"), in the terms every reader shares: a format version MAJOR.MINOR; whether a reader refuses
// members it does not know (what a person wrote: a typo must not quietly lose its value) or ignores
// them (what a signed machine of a newer release wrote, within the same major); and the list of
// members a tolerant reader ignored, collapsed so that one new member on 5,000 activities is one
// line in the log, not 5,000.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// A format version. A newer minor only adds optional members, which older readers of the same
/// major ignore; a newer major is refused by older readers with a message naming both versions.
struct FormatVersion {
    std::int64_t major = 1;
    std::int64_t minor = 0;
    /// "1.0".
    std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
    bool operator==(const FormatVersion&) const = default;
};

/// What a reader does with a member (or key, or column) it does not know.
enum class UnknownMembers {
    refuse,  ///< an error naming its path: for what people write (spreadsheets, lotsen.toml, `publish`)
    ignore,  ///< skipped and listed in IgnoredMembers: for what a signed machine wrote (manifest, published files)
};

/// "$.activities[12].image" → "$.activities[].image": array positions removed, so every element's
/// copy of one member is counted as one path.
std::string collapse_indices(std::string_view path);

/// The members a tolerant reader skipped, each path once (indices collapsed) with how often it was
/// seen, in the order first seen. Bounded: after k_max_paths distinct paths the rest are only counted.
class IgnoredMembers {
public:
    static constexpr std::size_t k_max_paths = 32;

    struct Path {
        std::string path;
        std::size_t count = 0;
    };

    /// Records one ignored member at `path` (collapsed here).
    void add(std::string_view path);
    bool empty() const { return m_total == 0; }
    /// Every ignored member, counted.
    std::size_t total() const { return m_total; }
    const std::vector<Path>& paths() const { return m_paths; }
    /// "$.activities[].image (5000 times), $.owner, and 3 more paths": one line for the log.
    std::string summary() const;

private:
    std::vector<Path> m_paths;
    std::size_t m_total = 0;
    std::size_t m_paths_left_out = 0;
};

}  // namespace lotsen
