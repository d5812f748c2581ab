// backup.cpp — online backup and restore of hub.db (see backup.hpp).
#include "hub/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace lotsen::hub {

namespace {

// One open database, closed on every path.
struct Database {
    sqlite3* db = nullptr;
    ~Database()
    {
        if (db != nullptr)
            sqlite3_close_v2(db);
    }
};

Result<void> open(Database& database, const std::string& path, int flags)
{
    if (sqlite3_open_v2(path.c_str(), &database.db, flags, nullptr) != SQLITE_OK)
        return Error{path + ": cannot open: " + (database.db ? sqlite3_errmsg(database.db) : "out of memory")};
    sqlite3_busy_timeout(database.db, 10'000);
    return success();
}

long long count(sqlite3* db, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    long long value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

// The checks a copy passes before it is trusted: SQLite's own, and that it is a hub's database.
Result<BackupSummary> check(sqlite3* db, const std::string& path)
{
    sqlite3_stmt* statement = nullptr;
    std::string verdict;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        verdict = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(statement);
    if (verdict != "ok")
        return Error{path + ": damaged (SQLite's integrity check says: " + (verdict.empty() ? std::string("nothing readable") : verdict.substr(0, 200)) + ")"};
    BackupSummary summary;
    summary.kiosks = count(db, "SELECT count(*) FROM kiosks");
    summary.events = count(db, "SELECT count(*) FROM events");
    if (summary.kiosks < 0 || summary.events < 0
        || count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('contact_requests', 'seen_signatures')") != 2)
        return Error{path + ": not a hub's database (no kiosks, events, contact_requests or seen_signatures table)"};
    return summary;
}

// Copies all of `from` into `to` in steps, waiting while a writer holds the source.
Result<void> copy(sqlite3* from, sqlite3* to, const std::string& what)
{
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr)
        return Error{what + ": " + sqlite3_errmsg(to)};
    int step = SQLITE_OK;
    do {
        step = sqlite3_backup_step(backup, 256);
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE)
        return Error{what + ": " + sqlite3_errstr(step)};
    return success();
}

}  // namespace

Result<BackupSummary> backup_hub(const std::string& hub_db, const std::string& destination)
{
    // The copy holds the sealed inbox: only its owner may read it, and it never replaces a file.
    const int fd = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{destination + (errno == EEXIST ? ": already exists; a backup never overwrites a file"
                                                    : ": cannot create the backup file")};
    ::fchmod(fd, 0600);
    ::close(fd);
    auto fail = [&](Error error) -> Result<BackupSummary> {
        std::remove(destination.c_str());
        return error;
    };
    Database source;
    Database target;
    if (auto opened = open(source, hub_db, SQLITE_OPEN_READONLY); !opened)
        return fail(opened.error());
    if (auto opened = open(target, destination, SQLITE_OPEN_READWRITE); !opened)
        return fail(opened.error());
    if (auto copied = copy(source.db, target.db, "backup of " + hub_db); !copied)
        return fail(copied.error());
    // A single file, not WAL: the backup is one self-contained file to carry away.
    sqlite3_exec(target.db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    auto checked = check(target.db, destination);
    if (!checked)
        return fail(checked.error());
    return checked;
}

Result<BackupSummary> restore_hub(const std::string& backup, const std::string& hub_db)
{
    Database source;
    if (auto opened = open(source, backup, SQLITE_OPEN_READONLY); !opened)
        return opened.error();
    auto checked = check(source.db, backup);
    if (!checked)
        return checked.error();
    Database target;
    if (auto opened = open(target, hub_db, SQLITE_OPEN_READWRITE); !opened)
        return opened.error();
    if (auto copied = copy(source.db, target.db, "restore into " + hub_db); !copied)
        return copied.error();
    return checked;
}

}  // namespace lotsen::hub
