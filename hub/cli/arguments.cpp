// arguments.cpp — sorting a command's words (see arguments.hpp).
#include "hub/cli/arguments.hpp"

#include <charconv>

namespace lotsen::hub::cli {

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::vector<std::string> Arguments::all_values(const std::string& name) const
{
    std::vector<std::string> found;
    for (const auto& [option, value] : given) {
        if (option == name)
            found.push_back(value);
    }
    return found;
}

Arguments parse_arguments(int argc, char** argv, const std::set<std::string>& valued, const std::set<std::string>& flags)
{
    Arguments arguments;
    for (int i = 2; i < argc; ++i) {
        const std::string word = argv[i];
        if (valued.count(word)) {
            if (i + 1 >= argc) {
                arguments.problem = word + " needs a value";
                return arguments;
            }
            arguments.values[word] = argv[++i];
            arguments.given.emplace_back(word, argv[i]);
        } else if (flags.count(word)) {
            arguments.flags.insert(word);
        } else if (word.size() > 1 && word[0] == '-') {
            arguments.problem = "unknown option " + word;
            return arguments;
        } else {
            arguments.positional.push_back(word);
        }
    }
    return arguments;
}

bool parse_number(std::string_view text, long long& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

bool parse_listen(const std::string& text, std::string& host, int& port)
{
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return false;
    host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    long long number = -1;
    if (!parse_number(std::string_view(text).substr(colon + 1), number) || number < 0 || number > 65535)
        return false;
    port = static_cast<int>(number);
    return !host.empty();
}

}  // namespace lotsen::hub::cli
