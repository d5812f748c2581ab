// outbox_recovery.cpp — opening a damaged outbox without losing what still reads: the damaged file is
// set aside (never deleted), a new log is made, and the events are read back from a scratch copy.
//
// Why the library and not `sqlite3 .recover`: SQLite 3.40's recovery API lives in the shell, not in
// libsqlite3, and the kiosk must heal itself at start without another program installed. What the
// library can still read is enough for the cases seen: a truncated file (the pages before the cut
// read), a hit header (the 16 magic bytes are put back on the copy), an empty file (its -wal still
// holds the committed pages: they are written into the copy, checksums verified, up to the last
// commit). Staff can still run `sqlite3 FILE .recover` on the file kept aside for anything more.
#include "core/outbox/outbox.hpp"

#include "core/base/file.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

namespace lotsen {

namespace {

constexpr std::string_view k_subject = "event log";
constexpr char k_magic[] = "SQLite format 3";  // with its terminating NUL: the file's first 16 bytes

std::uint32_t big_endian(const unsigned char* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// The WAL's running checksum over `bytes` (a multiple of 8), words in the byte order the WAL's
// magic names (https://www.sqlite.org/fileformat2.html#walformat).
void wal_checksum(const unsigned char* bytes, std::size_t size, bool big, std::uint32_t& s0, std::uint32_t& s1)
{
    auto word = [&](const unsigned char* p) {
        return big ? big_endian(p)
                   : (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
    };
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
        s0 += word(bytes + i) + s1;
        s1 += word(bytes + i + 4) + s0;
    }
}

// Writes the pages of every committed transaction in `wal` into the (empty) database `db`; returns
// how many commits were applied. Frames after the last valid commit (torn, unsynced) are ignored.
int rebuild_from_wal(const std::string& wal, const std::string& db)
{
    // One read() of the whole file: istreambuf_iterator trips GCC 12's -Wnull-dereference at -O2.
    std::error_code error;
    const auto wal_size = std::filesystem::file_size(wal, error);
    if (error)
        return 0;
    std::vector<unsigned char> bytes(static_cast<std::size_t>(wal_size));
    std::ifstream in(wal, std::ios::binary);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    if (bytes.size() < 32)
        return 0;
    const std::uint32_t magic = big_endian(bytes.data());
    if (magic != 0x377f0682 && magic != 0x377f0683)
        return 0;
    const bool big = magic == 0x377f0683;
    std::uint32_t page_size = big_endian(bytes.data() + 8);
    if (page_size == 1)
        page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
        return 0;
    std::uint32_t s0 = 0;
    std::uint32_t s1 = 0;
    wal_checksum(bytes.data(), 24, big, s0, s1);
    if (s0 != big_endian(bytes.data() + 24) || s1 != big_endian(bytes.data() + 28))
        return 0;
    const unsigned char* salts = bytes.data() + 16;

    std::vector<std::pair<std::uint32_t, std::size_t>> pending;  // page, offset of its data
    std::vector<std::pair<std::uint32_t, std::size_t>> committed;
    std::uint32_t pages_after_commit = 0;
    int commits = 0;
    const std::size_t frame = 24 + std::size_t{page_size};
    for (std::size_t at = 32; at + frame <= bytes.size(); at += frame) {
        const unsigned char* header = bytes.data() + at;
        if (std::memcmp(header + 8, salts, 8) != 0)
            break;
        wal_checksum(header, 8, big, s0, s1);
        wal_checksum(header + 24, page_size, big, s0, s1);
        if (s0 != big_endian(header + 16) || s1 != big_endian(header + 20))
            break;  // torn or from an older generation: the log ends here
        pending.emplace_back(big_endian(header), at + 24);
        if (const std::uint32_t size = big_endian(header + 4); size != 0) {
            committed.insert(committed.end(), pending.begin(), pending.end());
            pending.clear();
            pages_after_commit = size;
            ++commits;
        }
    }
    if (commits == 0)
        return 0;
    const int fd = ::open(db.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    bool ok = true;
    for (const auto& [page, offset] : committed) {  // later frames of a page overwrite earlier ones
        if (page == 0 || page > pages_after_commit)
            continue;
        const off_t where = static_cast<off_t>(page - 1) * page_size;
        ok = ok && ::pwrite(fd, bytes.data() + offset, page_size, where) == static_cast<ssize_t>(page_size);
    }
    ok = ok && ::ftruncate(fd, static_cast<off_t>(pages_after_commit) * page_size) == 0;
    ::close(fd);
    return ok ? commits : 0;
}

// Copies `from` to `to`; the error's text when it could not, empty when it could.
std::string copy_file(const std::string& from, const std::string& to)
{
    std::error_code ec;
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, ec);
    return ec ? ec.message() : std::string();
}

void remove_scratch(const std::string& scratch)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        ::unlink((scratch + suffix).c_str());
}

// One event as read back: every column of the events table.
constexpr const char* k_read_v2 =
    "SELECT seq, id, kind, priority, created_at, clock_synchronised, payload, receipt_code, organisation_id,"
    " quarantined_at, quarantine_reason FROM events WHERE seq > ?1 ORDER BY seq";
constexpr const char* k_read_v1 =
    "SELECT seq, id, kind, priority, created_at, clock_synchronised, payload, receipt_code, NULL, NULL, NULL"
    " FROM events WHERE seq > ?1 ORDER BY seq";

// Stores the current row of `from` (k_read_v2's columns) through `insert`; true when it was new.
Result<bool> store_row(sqlite3_stmt* from, sqlite::Statement& insert, sqlite3* target)
{
    const char* id = reinterpret_cast<const char*>(sqlite3_column_text(from, 1));
    if (id == nullptr)
        return false;
    insert.bind(1, id);
    for (int column : {2, 3, 4, 5})
        insert.bind(column, static_cast<std::int64_t>(sqlite3_column_int64(from, column)));
    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(from, 6));
    const int size = sqlite3_column_bytes(from, 6);
    insert.bind_blob(6, std::vector<std::uint8_t>(blob, blob + size));
    auto text_or_null = [&](int column, int parameter) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(from, column));
        if (text != nullptr)
            insert.bind(parameter, text);
        else
            insert.bind_null(parameter);
    };
    text_or_null(7, 7);    // receipt code
    text_or_null(8, 8);    // organisation
    insert.bind(9, static_cast<std::int64_t>(size));
    if (sqlite3_column_type(from, 9) == SQLITE_NULL)
        insert.bind_null(10);
    else
        insert.bind(10, static_cast<std::int64_t>(sqlite3_column_int64(from, 9)));
    text_or_null(10, 11);  // quarantine reason
    LOTSEN_TRY(insert.run("storing a recovered event"));
    return sqlite3_changes(target) > 0;
}

// Reads the events of `source` in order into `target` (inside the caller's transaction); an error
// skips ahead in growing steps, since a lost interior page hides a whole stretch of sequence numbers.
Result<void> read_rows(sqlite3* source, sqlite3_stmt* rows, sqlite3* target, OutboxRecovery& result)
{
    auto insert = LOTSEN_TRY(sqlite::Statement::prepare(
        target, k_subject,
        "INSERT OR IGNORE INTO events(seq, id, kind, priority, created_at, clock_synchronised, payload,"
        " receipt_code, organisation_id, payload_bytes, quarantined_at, quarantine_reason)"
        " VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        "preparing to store recovered events"));
    std::int64_t after = 0;
    std::int64_t skip = 1;
    for (int failures = 0; failures <= 80 && after < std::numeric_limits<std::int64_t>::max() / 4; ++failures) {
        sqlite3_reset(rows);
        sqlite3_bind_int64(rows, 1, after);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(rows)) == SQLITE_ROW) {
            after = sqlite3_column_int64(rows, 0);
            skip = 1;
            if (LOTSEN_TRY(store_row(rows, insert, target)))
                ++result.recovered;
        }
        if (step == SQLITE_DONE)
            return success();
        if (result.read_problem.empty())
            result.read_problem = std::string("unreadable parts were skipped: ") + sqlite3_errmsg(source);
        after += skip;
        skip *= 2;
    }
    return success();
}

}  // namespace

Result<Outbox::Opened> Outbox::open_recovering(const std::string& path, OutboxOptions options)
{
    const sqlite::FileCheck check = sqlite::check_file(path);
    if (check.state != sqlite::FileState::damaged)
        return Opened{LOTSEN_TRY(open(path, std::move(options))), std::nullopt};
    const std::string aside = LOTSEN_TRY(keep_aside(path));
    auto outbox = LOTSEN_TRY(open(path, std::move(options)));
    OutboxRecovery recovery = outbox->read_back(aside);
    recovery.kept_aside = aside;
    recovery.damage = check.detail;
    return Opened{std::move(outbox), std::move(recovery)};
}

void Outbox::copy_events(sqlite3* source, OutboxRecovery& result)
{
    sqlite3_db_config(source, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // A file shorter than its header says is refused as malformed before a row is read, unless the
    // schema is writable: then SQLite takes the file's own size and reads the pages that are there.
    sqlite3_exec(source, "PRAGMA writable_schema = ON", nullptr, nullptr, nullptr);
    sqlite3_stmt* rows = nullptr;
    if (sqlite3_prepare_v2(source, k_read_v2, -1, &rows, nullptr) != SQLITE_OK &&
        sqlite3_prepare_v2(source, k_read_v1, -1, &rows, nullptr) != SQLITE_OK) {
        result.read_problem = std::string("its events table cannot be read: ") + sqlite3_errmsg(source);
        return;
    }
    // One transaction for all of them: one sync, not one per event.
    auto copied = [&]() -> Result<void> {
        auto transaction = LOTSEN_TRY(sqlite::Transaction::begin(m_db.handle(), k_subject, sqlite::Locking::immediate,
                                                                 "starting to store recovered events"));
        LOTSEN_TRY(read_rows(source, rows, m_db.handle(), result));
        return transaction.commit("committing recovered events");
    }();
    sqlite3_finalize(rows);
    if (!copied) {
        result.read_problem = copied.error().text();
        result.recovered = 0;  // rolled back
    }
}

OutboxRecovery Outbox::read_back(const std::string& damaged)
{
    OutboxRecovery result;
    // A scratch copy beside the new log: the file kept aside stays exactly as it was found.
    const std::string scratch = damaged + ".reading";
    remove_scratch(scratch);
    if (const std::string failed = copy_file(damaged, scratch); !failed.empty()) {
        result.read_problem = "no scratch copy could be made to read it (" + failed + ")";
        remove_scratch(scratch);
        return result;
    }
    const bool has_wal = ::access((damaged + "-wal").c_str(), F_OK) == 0;
    struct stat info {};
    const bool empty = ::stat(scratch.c_str(), &info) == 0 && info.st_size == 0;
    if (empty && has_wal) {
        if (rebuild_from_wal(damaged + "-wal", scratch) == 0) {
            result.read_problem = "the file is empty and its -wal holds no complete commit";
            remove_scratch(scratch);
            return result;
        }
        // The pages are in the file now; SQLite would replay the copied -wal again, so none is given.
    } else if (has_wal && !copy_file(damaged + "-wal", scratch + "-wal").empty()) {
        result.read_problem = "its -wal could not be copied; only the main file was read";
    }
    if (!empty && info.st_size >= 16) {
        // Only the magic string: the rest of the header carries the page size and is left to SQLite.
        const int fd = ::open(scratch.c_str(), O_WRONLY | O_CLOEXEC);
        const bool restored = fd >= 0 && ::pwrite(fd, k_magic, sizeof k_magic, 0) == static_cast<ssize_t>(sizeof k_magic);
        if (fd >= 0)
            ::close(fd);
        if (!restored)
            result.read_problem = "its header could not be restored on the scratch copy";
    }

    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(scratch.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    {
        sqlite::Database source(raw);
        if (rc != SQLITE_OK)
            result.read_problem = std::string("SQLite cannot open the copy: ") + (raw ? sqlite3_errmsg(raw) : "out of memory");
        else
            copy_events(raw, result);
    }
    remove_scratch(scratch);
    return result;
}

}  // namespace lotsen
