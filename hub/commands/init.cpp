// init.cpp — `lotsen-hub init --data-dir DIR`: makes a new, empty hub in DIR (the folder, mode 0700,
// hub.db and the hub's time key). The one command that creates a hub: every other command refuses a folder that is not
// one, so a mistyped --data-dir fails loudly instead of starting an empty hub beside the real one.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"

#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub init --data-dir DIR
  Makes a new hub in DIR: the folder (mode 0700; its parent must exist), an empty hub.db and the
  hub's time key (hub-time.key, mode 0600, and hub-time.pub; kiosks' hub_time_key). Every
  other command needs a folder made this way and refuses any other, so a typo in --data-dir cannot
  start a second, empty hub. A folder that already holds a hub is left as it is (exit status 0).
)";

}  // namespace

int init_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty() || !arguments.value("--data-dir"))
        return cli::usage_error(k_help, arguments.problem.empty() ? "init needs --data-dir DIR" : arguments.problem);
    const std::string data_dir = *arguments.value("--data-dir");  // value() returns a copy
    const auto created = cli::create_hub(data_dir);
    if (!created)
        return cli::fail(created.error().text());
    if (created.value() == cli::HubCreated::already_there) {
        std::printf("%s already holds a hub; nothing was changed.\n", data_dir.c_str());
        return 0;
    }
    const auto time_key = load_or_create_time_key(data_dir);
    if (!time_key)
        return cli::fail(time_key.error().text());
    std::printf("A new hub is in %s. Next: enroll kiosks (lotsen-hub enroll) and serve (lotsen-hub serve).\n"
                "Its time key signs the hub's clock for kiosks; put this in every kiosk's [upstream]:\n"
                "hub_time_key = \"%s\"\n",
                data_dir.c_str(), time_key.value().public_base64.c_str());
    return 0;
}

}  // namespace lotsen::hub::commands
