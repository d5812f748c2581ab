// enroll.cpp — `lotsen-hub enroll`: registers a kiosk's public key for a site so the hub accepts its
// batches, lists the enrolments, or revokes one (what the kiosk delivered stays).
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/fleet.hpp"
#include "hub/server.hpp"

#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub enroll --data-dir DIR --site "Site" [--name NAME] KIOSK_PUBLIC_KEY
       lotsen-hub enroll --data-dir DIR --list
       lotsen-hub enroll --data-dir DIR --revoke KIOSK_PUBLIC_KEY
  Registers a kiosk's Ed25519 public key (base64, as `lotsen --kiosk-key` prints it) for a site, so
  the hub accepts its batches; --list shows every enrolment, --revoke refuses a kiosk from now on
  (what it delivered stays). The hub's data lives in DIR/hub.db.
)";

}  // namespace

int enroll_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments =
        cli::parse_arguments(argc, argv, {"--data-dir", "--site", "--name", "--revoke"}, {"--list"});
    if (!arguments.problem.empty())
        return cli::usage_error(k_help, arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "enroll needs --data-dir DIR");
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    const UnixSeconds now = system_clock_now();
    if (arguments.has("--list")) {
        auto kiosks = store.value()->list_kiosks();
        if (!kiosks)
            return cli::fail(kiosks.error().text());
        std::fputs(render_enrolments(kiosks.value()).c_str(), stdout);
        return 0;
    }
    if (const auto revoke = arguments.value("--revoke")) {
        auto key = canonical_kiosk_key(*revoke);
        if (!key)
            return cli::fail(key.error().text());
        auto revoked = store.value()->revoke_kiosk(key.value(), now);
        if (!revoked)
            return cli::fail(revoked.error().text());
        if (!revoked.value())
            return cli::fail("no enrolled kiosk has the key " + key.value());
        std::printf("revoked %s\n", key.value().c_str());
        return 0;
    }
    const auto site = arguments.value("--site");
    if (!site || site->empty() || arguments.positional.size() != 1)
        return cli::usage_error(k_help, "enroll needs --site \"Site\" and one kiosk public key");
    auto key = canonical_kiosk_key(arguments.positional[0]);
    if (!key)
        return cli::fail(key.error().text());
    auto enrolled = store.value()->enroll_kiosk(key.value(), *site, arguments.value("--name").value_or(""), now);
    if (!enrolled)
        return cli::fail(enrolled.error().text());
    std::printf("enrolled %s at %s\n", key.value().c_str(), site->c_str());
    return 0;
}

}  // namespace lotsen::hub::commands
