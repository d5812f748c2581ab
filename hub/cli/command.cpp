// command.cpp — the endings every command shares (see command.hpp).
#include "hub/cli/command.hpp"

#include <cstdio>
#include <fstream>
#include <string_view>

namespace lotsen::hub::cli {

int fail(const std::string& message)
{
    std::fprintf(stderr, "lotsen-hub: %s\n", message.c_str());
    return 2;
}

int usage_error(const char* help, const std::string& problem)
{
    std::fprintf(stderr, "lotsen-hub: %s\n%s", problem.c_str(), help);
    return 2;
}

bool asks_for_help(int argc, char** argv)
{
    for (int i = 2; i < argc; ++i)
        if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h")
            return true;
    return false;
}

int print_help(const char* help)
{
    std::fputs(help, stdout);
    return 0;
}

int write_output_file(const std::string& path, const std::string& content)
{
    // A plain write, not write_file_atomically: the output is a new file the operator looks at
    // next, not state that must survive a power cut.
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
        return fail(path + ": cannot write");
    return 0;
}

}  // namespace lotsen::hub::cli
