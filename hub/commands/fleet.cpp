// fleet.cpp — `lotsen-hub fleet`: every enrolled kiosk's last contact and newest heartbeat
// (hub/fleet.hpp); the exit status is 1 when any kiosk has gone silent, for monitoring.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/fleet.hpp"
#include "hub/server.hpp"

#include <algorithm>
#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub fleet --data-dir DIR [--heartbeat-minutes N]
  Lists every enrolled kiosk: site, key prefix, when the hub last heard from it, clock skew, and its
  newest heartbeat (software and catalogue versions, uptime, queue depths, quarantined events, free
  disk, last sync, software releases, the last refused update, refused images). Kiosks silent for
  more than 3 heartbeat intervals (default interval 5 minutes, as kiosks send them) are marked "!"
  and SILENT and listed first; the exit status is 1 when any is. The office's fleet page shows the same.
)";

}  // namespace

int fleet_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir", "--heartbeat-minutes"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "fleet takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "fleet needs --data-dir DIR");
    long long minutes = 5;
    if (const auto text = arguments.value("--heartbeat-minutes");
        text && (!cli::parse_number(*text, minutes) || minutes < 1 || minutes > 1440))
        return cli::usage_error(k_help, "--heartbeat-minutes needs a whole number from 1 to 1440");
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    auto kiosks = store.value()->list_kiosks();
    if (!kiosks)
        return cli::fail(kiosks.error().text());
    const UnixSeconds now = system_clock_now();
    std::fputs(render_fleet(kiosks.value(), now, static_cast<int>(minutes)).c_str(), stdout);
    const bool any_silent = std::any_of(kiosks.value().begin(), kiosks.value().end(), [&](const auto& kiosk) {
        return !kiosk.revoked_at && is_silent(kiosk, now, static_cast<int>(minutes));
    });
    return any_silent ? 1 : 0;
}

}  // namespace lotsen::hub::commands
