// backup.cpp — `lotsen-hub backup` and `lotsen-hub restore` (hub/backup.hpp): a consistent copy of a
// hub's hub.db taken while it serves, and putting one back.
#include "hub/backup.hpp"
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"

#include <cstdio>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_backup_help = R"(Usage: lotsen-hub backup --data-dir DIR BACKUP_FILE
  Writes a consistent copy of DIR/hub.db (enrolled kiosks, events, the sealed inbox) to BACKUP_FILE, a
  new file (mode 0600; an existing file is never overwritten), while `serve` keeps running: SQLite's
  online backup copies one committed state. The copy is checked (SQLite's integrity check and the
  hub's tables) before the command reports success; a failed backup leaves no file. The keys and
  DIR/published are files: copy them as files (docs/operations.md, "Back up and restore").
)";

constexpr const char* k_restore_help = R"(Usage: lotsen-hub restore --data-dir DIR BACKUP_FILE
  Replaces the contents of DIR/hub.db with BACKUP_FILE (written by `lotsen-hub backup`), after
  checking it as backup does; a backup that fails its checks changes nothing. DIR must already be a
  hub (on a new machine: lotsen-hub init --data-dir DIR first). Stop `serve` first: the restore is one
  transaction, but events received since the backup are gone once it is done, and the kiosks deleted
  them when the hub accepted them.
)";

// Both commands: --data-dir DIR and one file.
bool parse(int argc, char** argv, const char* help, std::string& hub_db, std::string& file, int& status)
{
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir"}, {});
    if (!arguments.problem.empty() || arguments.positional.size() != 1 || !arguments.value("--data-dir")) {
        status = cli::usage_error(help, arguments.problem.empty() ? "needs --data-dir DIR and one BACKUP_FILE" : arguments.problem);
        return false;
    }
    auto path = cli::existing_hub_db(*arguments.value("--data-dir"));
    if (!path) {
        status = cli::fail(path.error().text());
        return false;
    }
    hub_db = path.value();
    file = arguments.positional.front();
    return true;
}

}  // namespace

int backup_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_backup_help);
    std::string hub_db;
    std::string file;
    int status = 0;
    if (!parse(argc, argv, k_backup_help, hub_db, file, status))
        return status;
    const auto summary = backup_hub(hub_db, file);
    if (!summary)
        return cli::fail(summary.error().text());
    std::printf("Backed up %s to %s: %lld kiosk(s), %lld event(s); checked.\n", hub_db.c_str(), file.c_str(),
                summary.value().kiosks, summary.value().events);
    return 0;
}

int restore_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_restore_help);
    std::string hub_db;
    std::string file;
    int status = 0;
    if (!parse(argc, argv, k_restore_help, hub_db, file, status))
        return status;
    const auto summary = restore_hub(file, hub_db);
    if (!summary)
        return cli::fail(summary.error().text());
    std::printf("Restored %s from %s: %lld kiosk(s), %lld event(s).\n", hub_db.c_str(), file.c_str(),
                summary.value().kiosks, summary.value().events);
    return 0;
}

}  // namespace lotsen::hub::commands
