// retention.cpp — the retention pass (retention.hpp).
#include "hub/retention.hpp"

#include "core/base/text_checks.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace lotsen::hub {

namespace {

using sqlite::Statement;
using sqlite::Transaction;

constexpr std::string_view k_subject = "retention";
constexpr std::int64_t k_day = 86400;

// Only names made of letters, digits and '_' go into the SQL text (they come from code, not users).
bool plain_name(const std::string& name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

Result<std::vector<std::string>> due_requests(sqlite3* db, const mail::RetentionSettings& settings, UnixSeconds now)
{
    auto due = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "SELECT event_id FROM contact_requests WHERE erased_at IS NULL AND "
        "((handled_at IS NOT NULL AND handled_at <= ?1) OR received_at <= ?2) ORDER BY received_at, event_id",
        "finding requests whose time is up"));
    due.bind(1, now - settings.days_after_closed * k_day);
    due.bind(2, now - settings.days_after_received * k_day);
    std::vector<std::string> ids;
    while (LOTSEN_TRY(due.step("finding requests whose time is up")))
        ids.emplace_back(due.text(0));
    return ids;
}

Result<void> erase(sqlite3* db, const std::vector<std::string>& ids, const std::vector<PersonalColumn>& columns,
                   UnixSeconds now)
{
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to erase"));
    std::vector<Statement> overwrites;
    for (const PersonalColumn& column : columns) {
        if (!plain_name(column.table) || !plain_name(column.column) || !plain_name(column.key_column)
            || (column.erased_value != "NULL" && column.erased_value != "X''" && column.erased_value != "''")) {
            return Error{"retention: cannot erase " + in_quotes(column.table + "." + column.column)
                         + ": not a plain column, or not overwritten with NULL, X'' or ''"};
        }
        const std::string sql = "UPDATE " + column.table + " SET " + column.column + " = " + column.erased_value
                                + " WHERE " + column.key_column + " = ?1";
        overwrites.push_back(LOTSEN_TRY(Statement::prepare(db, k_subject, sql.c_str(), "preparing to erase " + column.table)));
    }
    auto mark = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                              "UPDATE contact_requests SET erased_at = ?2 WHERE event_id = ?1",
                                              "preparing to mark requests erased"));
    for (const std::string& id : ids) {
        for (Statement& overwrite : overwrites) {
            overwrite.bind(1, id);
            LOTSEN_TRY(overwrite.run("erasing contact request " + id));
        }
        mark.bind(1, id);
        mark.bind(2, now);
        LOTSEN_TRY(mark.run("marking contact request " + id + " erased"));
    }
    overwrites.clear();
    return transaction.commit("committing the erasure");
}

// A file `lotsen-hub backup` wrote: a regular file that starts as every SQLite database does.
bool looks_like_backup(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    char header[16] = {};
    file.read(header, sizeof header);
    return file.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

Result<std::vector<std::string>> old_backups(const mail::RetentionSettings& settings, UnixSeconds now)
{
    std::vector<std::string> old;
    if (settings.backup_dir.empty())
        return old;
    std::error_code error;
    std::filesystem::directory_iterator it(settings.backup_dir, error);
    if (error)
        return Error{"retention: [retention] backup_dir " + in_quotes(settings.backup_dir) + ": " + error.message()};
    for (const auto& entry : it) {
        if (!entry.is_regular_file(error) || !looks_like_backup(entry.path()))
            continue;
        struct stat info {};
        if (::stat(entry.path().c_str(), &info) != 0)
            continue;
        const UnixSeconds written_at = info.st_mtime;
        if (written_at <= now - settings.backup_days * k_day)
            old.push_back(entry.path().string());
    }
    std::sort(old.begin(), old.end());
    return old;
}

}  // namespace

PersonalColumn sealed_box_column()
{
    return PersonalColumn{.table = "contact_requests", .column = "sealed", .key_column = "event_id", .erased_value = "X''"};
}

Result<RetentionReport> run_retention(HubStore& store, const mail::RetentionSettings& settings, UnixSeconds now,
                                      const RetentionOptions& options)
{
    sqlite3* db = store.connection();
    RetentionReport report;
    report.erased = LOTSEN_TRY(due_requests(db, settings, now));
    report.backups_deleted = LOTSEN_TRY(old_backups(settings, now));
    if (options.dry_run)
        return report;

    std::vector<PersonalColumn> columns{sealed_box_column()};
    columns.insert(columns.end(), options.more_columns.begin(), options.more_columns.end());
    if (!report.erased.empty())
        LOTSEN_TRY(erase(db, report.erased, columns, now));

    // Every pass, not only one that erased: a checkpoint a reader blocked last time is done now.
    int log_frames = 0;
    int checkpointed_frames = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &checkpointed_frames);
    if (rc == SQLITE_OK && log_frames == 0) {
        report.checkpointed = true;
    } else {
        report.checkpoint_problem = "hub.db-wal could not be checkpointed and truncated (" + std::string(sqlite3_errstr(rc))
                                    + ", " + std::to_string(checkpointed_frames) + " of " + std::to_string(log_frames)
                                    + " frames): the erased data may remain in it until the next pass";
    }

    for (const std::string& path : report.backups_deleted) {
        std::error_code error;
        std::filesystem::remove(path, error);
        if (error)
            return Error{"retention: deleting old backup " + in_quotes(path) + ": " + error.message()};
    }
    return report;
}

}  // namespace lotsen::hub
