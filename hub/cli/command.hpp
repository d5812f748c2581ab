// command.hpp — what every `lotsen-hub` command shares: its entry point's shape, and how it ends
// when something is wrong (exit status 2 with one "lotsen-hub: …" line, or that line and its help)
// or when it is asked for help.
#pragma once

#include <string>

namespace lotsen::hub::cli {

/// A command's entry point: the whole argv (argv[1] is the command's name); returns the exit status.
using CommandFunction = int (*)(int argc, char** argv);

/// Prints "lotsen-hub: `message`" to standard error; returns the exit status 2.
int fail(const std::string& message);

/// Prints "lotsen-hub: `problem`" and then `help` to standard error; returns the exit status 2.
int usage_error(const char* help, const std::string& problem);

/// True when any word after the command is --help or -h (the upstream commands answer it anywhere).
bool asks_for_help(int argc, char** argv);

/// Prints `help` to standard output; returns the exit status 0.
int print_help(const char* help);

/// Writes `content` to `path`, replacing it; on failure says so (fail) and returns 2, else 0.
int write_output_file(const std::string& path, const std::string& content);

}  // namespace lotsen::hub::cli
