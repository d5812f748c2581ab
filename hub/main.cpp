// main.cpp — the `lotsen-hub` operator command: a table of its commands (hub/commands/, one file
// each) and the dispatch to them, with the overview (--help) made from the table and --version.
// Each command parses its own arguments and hands the work to the module that owns it.
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

using namespace lotsen::hub;

struct Command {
    std::string_view name;
    std::string_view summary;  ///< its lines in the overview, as `lotsen-hub --help` prints them
    cli::CommandFunction run;
};

// In the overview's order: the catalogue tools, then the upstream's.
constexpr std::array k_commands{
    Command{"validate",
            "  validate FILE            check a catalogue (JSON, or CSV by extension) and list every problem\n"
            "                           with its JSON path or row/column; exit 0 only when it has none\n",
            commands::validate_command},
    Command{"convert",
            "  convert FILE.csv OUT     turn an association's CSV spreadsheet into catalogue JSON\n"
            "          [--version N]    (the catalogue version to give it, default 1)\n",
            commands::convert_command},
    Command{"generate",
            "  generate N OUT           write a synthetic catalogue of N activities (benchmarks, load tests)\n"
            "          [--seed S]\n",
            commands::generate_command},
    Command{"hash-pin",
            "  hash-pin                 read an admin PIN (4 to 12 digits) from standard input and print its\n"
            "                           Argon2id hash for [admin] pin_hash in a kiosk's lotsen.toml\n",
            commands::hash_pin_command},
    Command{"keygen", "  keygen --out-dir DIR     create the hub's sealing key pair and the publisher key pair\n",
            commands::keygen_command},
    Command{"init", "  init --data-dir DIR      make a new, empty hub in DIR (the only command that creates one)\n",
            commands::init_command},
    Command{"enroll", "  enroll --data-dir DIR    register a kiosk's public key for a site (also --list, --revoke KEY)\n",
            commands::enroll_command},
    Command{"serve",
            "  serve --data-dir DIR     receive kiosks' batches over HTTP (POST /v1/events, GET /v1/health)\n"
            "        --listen HOST:PORT and serve what was published (GET /v1/manifest.json, /v1/files/…,\n"
            "                           HSDS at /v1/hsds.json, calendar feeds under /feeds/; --routes lists all)\n",
            commands::serve_command},
    Command{"publish",
            "  publish KIND FILE        validate, version and sign a catalogue, config or release for the fleet\n"
            "          --data-dir DIR   into DIR/published (also --refresh, --show, --prune)\n"
            "          --key FILE\n",
            commands::publish_command},
    Command{"inbox", "  inbox --data-dir DIR     open, list and mark handled the sealed contact requests\n",
            commands::inbox_command},
    Command{"stats", "  stats --data-dir DIR     anonymous statistics, cells under 5 suppressed (table or --csv)\n",
            commands::stats_command},
    Command{"fleet", "  fleet --data-dir DIR     every kiosk's last contact and heartbeat; silent ones flagged\n",
            commands::fleet_command},
    Command{"backup", "  backup --data-dir DIR F  a consistent copy of hub.db to the new file F, while serve runs\n",
            commands::backup_command},
    Command{"restore", "  restore --data-dir DIR F put a backup F back into the hub's hub.db (serve stopped)\n",
            commands::restore_command},
    Command{"retention", "  retention --data-dir DIR erase contact requests' personal data whose time is up (daily)\n",
            commands::retention_command},
    Command{"office",
            "  office --data-dir DIR    the web office for association contact persons and region staff\n"
            "         [--listen H:P]    (internal network; opens requests with the sealing key)\n",
            commands::office_command},
    Command{"user", "  user ACTION --data-dir D the office's accounts: add, invite, list, disable\n",
            commands::user_command},
    Command{"export",
            "  export hsds --data-dir D the published catalogue as Open Referral HSDS 3.0 JSON\n"
            "         [--out FILE]      (also --catalogue FILE instead of --data-dir)\n",
            commands::export_command},
};

std::string overview()
{
    std::string text = "Usage: lotsen-hub COMMAND [ARGS]\n\nCommands:\n";
    for (const Command& command : k_commands)
        text += command.summary;
    text += "  COMMAND --help           help for one command\n";
    return text;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
        std::fputs(overview().c_str(), argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string_view name = argv[1];
    if (name == "--version") {
        std::printf("lotsen-hub %s\n", LOTSEN_VERSION);
        return 0;
    }
    for (const Command& command : k_commands)
        if (command.name == name)
            return command.run(argc, argv);
    return cli::fail("unknown command \"" + std::string(name) + "\" (see lotsen-hub --help)");
}
