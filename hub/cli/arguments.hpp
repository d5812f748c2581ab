// arguments.hpp — one command's command line: the words after `lotsen-hub COMMAND` sorted into
// options with a value, flags and positional words, and whole numbers read strictly. Which options a
// command takes, and what it says when one is wrong, stay in the command's own file.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub::cli {

/// One command's arguments: options with a value, flags, and the remaining words.
struct Arguments {
    std::map<std::string, std::string> values;  ///< the last value of each option
    std::vector<std::pair<std::string, std::string>> given;  ///< every option with its value, in order, repeats too
    std::set<std::string> flags;
    std::vector<std::string> positional;
    std::string problem;  ///< set when the command line cannot be understood

    /// True when `flag` was given.
    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    /// The value given to option `name`, if it was.
    std::optional<std::string> value(const std::string& name) const;
    /// Every value given to a repeatable option `name`, in order.
    std::vector<std::string> all_values(const std::string& name) const;
};

/// Sorts argv[2..] (the words after the command) into `valued` options, `flags` and positional
/// words; the first word it cannot place (an unknown option, a missing value) stops it with `problem`.
Arguments parse_arguments(int argc, char** argv, const std::set<std::string>& valued, const std::set<std::string>& flags);

/// "HOST:PORT" or "[v6]:PORT" (PORT 0 to 65535) into its parts; false when it is neither.
bool parse_listen(const std::string& text, std::string& host, int& port);

/// `text` as a whole number, all of it (no sign but '-', no spaces, no trailing characters).
bool parse_number(std::string_view text, long long& out);

}  // namespace lotsen::hub::cli
