// keygen.cpp — `lotsen-hub keygen --out-dir DIR`: creates the hub's sealing key pair and the fleet's
// publisher key pair (hub/keys.hpp), and prints what kiosks need of them.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"

#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub keygen --out-dir DIR
  Creates in DIR (which must exist):
    hub-seal.key   the hub's X25519 secret key (mode 0600): only `lotsen-hub inbox` needs it
    hub-seal.pub   its public half (base64): every kiosk's [upstream] hub_public_key
    publisher.key  the fleet's Ed25519 publisher secret key (mode 0600): keep it offline if you can
    publisher.pub  its public half (base64)
  Never overwrites: when any of the four exists, nothing is written.
)";

}  // namespace

int keygen_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--out-dir"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty() || !arguments.value("--out-dir"))
        return cli::usage_error(k_help, arguments.problem.empty() ? "keygen needs --out-dir DIR" : arguments.problem);
    const auto keys = generate_keys(*arguments.value("--out-dir"));
    if (!keys)
        return cli::fail(keys.error().text());
    std::printf("Keys written to %s. Put this in every kiosk's lotsen.toml:\n\n[upstream]\nhub_public_key = \"%s\"\n\n"
                "Publisher public key: %s\n",
                arguments.value("--out-dir")->c_str(), keys.value().seal_public_base64.c_str(),
                keys.value().publisher_public_base64.c_str());
    return 0;
}

}  // namespace lotsen::hub::commands
