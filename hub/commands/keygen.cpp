// keygen.cpp — `lotsen-hub keygen --out-dir DIR`: creates the hub's sealing key pair and the fleet's
// publisher key pair (hub/keys.hpp), and prints what kiosks need of them.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"

#include <cstdio>
#include <string>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub keygen --out-dir DIR [--data-dir HUB_DIR]
  Creates in DIR (which must exist):
    hub-seal.key   the hub's X25519 secret key (mode 0600): only `lotsen-hub inbox` needs it
    hub-seal.pub   its public half (base64): every kiosk's [upstream] hub_public_key
    publisher.key  the fleet's Ed25519 publisher secret key (mode 0600): keep it offline if you can
    publisher.pub  its public half (base64)
  Never overwrites: when any of the four exists, nothing is written.
  --data-dir HUB_DIR  also makes the hub's time key there if it has none (hub-time.key, which only
                      `serve` loads; `init` and `serve` make it too) and prints hub_time_key
)";

}  // namespace

int keygen_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--out-dir", "--data-dir"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty() || !arguments.value("--out-dir"))
        return cli::usage_error(k_help, arguments.problem.empty() ? "keygen needs --out-dir DIR" : arguments.problem);
    const auto keys = generate_keys(*arguments.value("--out-dir"));
    if (!keys)
        return cli::fail(keys.error().text());
    std::string time_line = "# hub_time_key: the value `lotsen-hub init` or `serve` printed (HUB_DIR/hub-time.pub)\n";
    if (const auto hub_dir = arguments.value("--data-dir")) {
        const auto time_key = load_or_create_time_key(*hub_dir);
        if (!time_key)
            return cli::fail(time_key.error().text());
        time_line = "hub_time_key = \"" + time_key.value().public_base64 + "\"\n";
    }
    const std::string out_dir = *arguments.value("--out-dir");  // value() returns a copy
    // Every value a kiosk's config needs from the hub side, ready to paste; the url is the address
    // kiosks reach the hub at (the TLS proxy's), which only the operator knows.
    std::printf("Keys written to %s:\n"
                "  hub-seal.key   secret: only on the machine that opens contact requests (lotsen-hub inbox), never on the serving hub\n"
                "  publisher.key  secret: only where you publish (lotsen-hub publish), offline if you can\n"
                "  hub-seal.pub, publisher.pub  public: their values are below\n\n"
                "Put this in every kiosk's lotsen.toml (set url to your hub's https address):\n\n"
                "[upstream]\n"
                "url = \"https://hub.example.se\"\n"
                "hub_public_key = \"%s\"\n"
                "publisher_public_key = \"%s\"\n"
                "%s\n"
                "Then on each kiosk `lotsen --kiosk-key` prints its key for `lotsen-hub enroll`.\n",
                out_dir.c_str(), keys.value().seal_public_base64.c_str(), keys.value().publisher_public_base64.c_str(),
                time_line.c_str());
    return 0;
}

}  // namespace lotsen::hub::commands
