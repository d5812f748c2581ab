// retention.cpp — `lotsen-hub retention`: one retention pass (hub/retention.hpp) with the limits of
// DATA_DIR/office.toml's [retention], for a daily systemd timer or cron job.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/office/office_mail.hpp"
#include "hub/retention.hpp"
#include "hub/server.hpp"

#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub retention --data-dir DIR [--dry-run]
  Erases the personal data of contact requests whose time is up: the sealed box and the office's
  note on the outcome are overwritten [retention] days_after_closed (default 30) after the request got an outcome, or days_after_received
  (default 90) after the hub received it, whichever comes first (DIR/office.toml). What stays is
  anonymous: association, site, times, outcome. The erasure is real: SQLite overwrites freed space
  with zeros and the WAL is checkpointed and truncated. Also deletes the hub's backups in [retention]
  backup_dir older than backup_days (default 30). --dry-run only lists what would go.
  Run it daily (config/systemd/lotsen-hub-retention.timer). Exit status 1 when the WAL could not be
  truncated (a long reader held it); the next run tries again.
)";

}  // namespace

int retention_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir"}, {"--dry-run"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "retention takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "retention needs --data-dir DIR");
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    const auto settings = mail::read_mail_settings(*data_dir + "/office.toml");
    if (!settings)
        return cli::fail(settings.error().text());
    const bool dry_run = arguments.has("--dry-run");
    const auto report = run_retention(*store.value(), settings.value().retention, system_clock_now(),
                                      RetentionOptions{.dry_run = dry_run, .more_columns = office::personal_columns()});
    if (!report)
        return cli::fail(report.error().text());
    const char* verb = dry_run ? "would erase" : "erased";
    std::printf("%s the personal data of %zu contact request(s)\n", verb, report.value().erased.size());
    for (const std::string& id : report.value().erased)
        std::printf("  %s\n", id.c_str());
    for (const std::string& path : report.value().backups_deleted)
        std::printf("%s old backup %s\n", dry_run ? "would delete" : "deleted", path.c_str());
    if (!dry_run && !report.value().checkpointed) {
        std::fprintf(stderr, "lotsen-hub: %s\n", report.value().checkpoint_problem.c_str());
        return 1;
    }
    return 0;
}

}  // namespace lotsen::hub::commands
