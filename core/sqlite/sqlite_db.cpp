// sqlite_db.cpp — the one SQLite layer of the store, the event log and the hub store (see
// sqlite_db.hpp): opening, errors, statements, transactions and migrations.
#include "core/sqlite/sqlite_db.hpp"

#include "core/base/text_checks.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <utility>

namespace lotsen::sqlite {

namespace {

void check_bind([[maybe_unused]] int rc)
{
    assert(rc == SQLITE_OK);
}

}  // namespace

Error error(sqlite3* db, std::string_view subject, std::string_view operation)
{
    std::string message(operation);
    message += " failed: ";
    message += sqlite3_errmsg(db);
    message += " (SQLite code " + std::to_string(sqlite3_extended_errcode(db)) + ")";
    return Error{std::move(message), std::string(subject)};
}

Result<void> exec(sqlite3* db, std::string_view subject, const char* sql, std::string_view operation)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return error(db, subject, operation);
    return success();
}

bool stop_counting_memory()
{
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

int user_version(sqlite3* db)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK)
        return -1;
    const int version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return version;
}

// ---------------------------------------------------------------------------------------------
// Statement

Statement::Statement(sqlite3_stmt* stmt, bool owned, std::string_view subject)
    : m_stmt(stmt)
    , m_owned(owned)
    , m_subject(subject)
{
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view subject, const char* sql,
                                     std::string_view operation)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return error(db, subject, operation);
    return Statement(stmt, true, subject);
}

Statement Statement::borrow(sqlite3_stmt* stmt, std::string_view subject)
{
    return Statement(stmt, false, subject);
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_owned(other.m_owned)
    , m_subject(other.m_subject)
{
}

Statement::~Statement()
{
    if (m_stmt == nullptr)
        return;
    if (m_owned) {
        sqlite3_finalize(m_stmt);
    } else {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

void Statement::bind(int index, std::int64_t value)
{
    check_bind(sqlite3_bind_int64(m_stmt, index, value));
}

void Statement::bind(int index, int value)
{
    check_bind(sqlite3_bind_int64(m_stmt, index, value));
}

void Statement::bind(int index, bool value)
{
    check_bind(sqlite3_bind_int(m_stmt, index, value ? 1 : 0));
}

void Statement::bind(int index, double value)
{
    check_bind(sqlite3_bind_double(m_stmt, index, value));
}

void Statement::bind(int index, std::string_view text)
{
    check_bind(sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
}

void Statement::bind_borrowed(int index, std::string_view text)
{
    check_bind(sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC));
}

void Statement::bind(int index, const char* text)
{
    bind(index, std::string_view(text));
}

void Statement::bind(int index, const std::string& text)
{
    bind(index, std::string_view(text));
}

void Statement::bind_null(int index)
{
    check_bind(sqlite3_bind_null(m_stmt, index));
}

void Statement::bind_blob(int index, const std::vector<std::uint8_t>& bytes)
{
    check_bind(sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
}

Result<bool> Statement::step(std::string_view operation)
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return error(sqlite3_db_handle(m_stmt), m_subject, operation);
}

Result<void> Statement::run(std::string_view operation)
{
    auto stepped = step(operation);
    sqlite3_reset(m_stmt);
    if (!stepped)
        return stepped.error();
    return success();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

int Statement::integer(int column) const
{
    return sqlite3_column_int(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::optional<double> Statement::optional_real(int column) const
{
    if (is_null(column))
        return std::nullopt;
    return real(column);
}

std::string_view Statement::text(int column) const
{
    const auto* data = sqlite3_column_text(m_stmt, column);
    if (data == nullptr)
        return {};
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::vector<std::uint8_t> Statement::blob(int column) const
{
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column));
    if (data == nullptr)
        return {};
    return {data, data + size};
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::columns() const
{
    return sqlite3_column_count(m_stmt);
}

// ---------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(sqlite3* db, std::string_view subject) : m_db(db), m_subject(subject) {}

Result<Transaction> Transaction::begin(sqlite3* db, std::string_view subject, Locking locking,
                                       std::string_view operation)
{
    const char* sql = locking == Locking::immediate ? "BEGIN IMMEDIATE" : "BEGIN";
    LOTSEN_TRY(exec(db, subject, sql, operation));
    return Transaction(db, subject);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_subject(other.m_subject)
{
}

Transaction::~Transaction()
{
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
    if (m_db != nullptr && sqlite3_get_autocommit(m_db) == 0)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit(std::string_view operation)
{
    sqlite3* db = std::exchange(m_db, nullptr);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        Error failure = error(db, m_subject, operation);
        if (sqlite3_get_autocommit(db) == 0)
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return failure;
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// Migrations

Result<void> migrate(sqlite3* db, std::string_view subject, std::span<const Migration> migrations, std::string_view noun)
{
    const int target = static_cast<int>(migrations.size());
    const int found = user_version(db);
    if (found < 0)
        return error(db, subject, "reading the schema version");
    if (found > target) {
        return Error{"the " + std::string(noun) + " has schema version " + std::to_string(found) + ", newer than the "
                     + std::to_string(target) + " this program knows; refusing to use it, it was left unchanged"};
    }
    for (int version = found; version < target; ++version) {
        const Migration& migration = migrations[static_cast<std::size_t>(version)];
        const std::string what = "migration " + std::to_string(version + 1) + " of " + std::to_string(target) + " ("
                                 + migration.description + ")";
        auto transaction = LOTSEN_TRY(Transaction::begin(db, subject, Locking::immediate, "starting " + what));
        // Another connection may have migrated while this one waited for the write lock.
        if (user_version(db) > version)
            continue;
        auto applied = exec(db, subject, migration.sql, "running its SQL");
        if (applied && migration.after != nullptr)
            applied = migration.after(db);
        if (applied) {
            const std::string bump = "PRAGMA user_version = " + std::to_string(version + 1);
            applied = exec(db, subject, bump.c_str(), "setting user_version");
        }
        if (applied)
            applied = transaction.commit("committing");
        if (!applied) {
            return Error{what + " failed: " + applied.error().text() + "; the " + std::string(noun)
                         + " stays at schema version " + std::to_string(version)};
        }
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// Opening

namespace {

// Another connection may hold the write lock for a moment: the store's import or window extension,
// the upload thread's acknowledgements, the hub's `serve` beside an operator's `inbox --handle`.
constexpr int k_busy_timeout_ms = 5000;

// Runs PRAGMA journal_mode = WAL and returns the mode SQLite reports afterwards ("wal"; an
// in-memory database says "memory"); empty when it reports none.
Result<std::string> switch_to_wal(sqlite3* db, std::string_view subject)
{
    auto mode = LOTSEN_TRY(Statement::prepare(db, subject, "PRAGMA journal_mode = WAL", "switching to WAL mode"));
    const bool row = LOTSEN_TRY(mode.step("switching to WAL mode"));
    return std::string(row ? mode.text(0) : "");
}

std::string connection_pragmas(const DatabaseSetup& setup)
{
    std::string sql = setup.synchronous == Synchronous::full ? "PRAGMA synchronous = FULL;"
                                                             : "PRAGMA synchronous = NORMAL;";
    if (setup.journal_size_limit >= 0)
        sql += " PRAGMA journal_size_limit = " + std::to_string(setup.journal_size_limit) + ";";
    if (setup.foreign_keys)
        sql += " PRAGMA foreign_keys = ON;";
    return sql;
}

Result<void> configure(sqlite3* db, std::string_view subject, const DatabaseSetup& setup)
{
    sqlite3_busy_timeout(db, k_busy_timeout_ms);
    if (setup.exclusive)
        LOTSEN_TRY(exec(db, subject, "PRAGMA locking_mode = EXCLUSIVE", "taking the file for this connection alone"));
    // The first statement that reads the file: a file that is not a database fails here.
    const std::string mode = LOTSEN_TRY(switch_to_wal(db, subject));
    // An in-memory database reports "memory"; anything else means WAL could not be enabled.
    if (mode != "wal" && mode != "memory")
        return Error{"WAL mode could not be enabled (journal_mode is " + in_quotes(mode) + ")"};
    if (setup.prepare != nullptr)
        LOTSEN_TRY(setup.prepare(db));
    return exec(db, subject, connection_pragmas(setup).c_str(), "configuring the connection");
}

// "<subject>: opening '<path>': <inner>", the inner error's own subject left out unless the setup
// keeps it (RepeatSubject).
Error opening_error(const std::string& path, std::string_view subject, RepeatSubject repeat, const Error& inner)
{
    std::string message = "opening " + in_quotes(path) + ": ";
    message += repeat == RepeatSubject::no && inner.subject == subject ? inner.message : inner.text();
    return Error{std::move(message), std::string(subject)};
}

}  // namespace

Database::Database(Database&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        sqlite3_close(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Database::~Database()
{
    sqlite3_close(m_db);  // a no-op for null
}

// Creates the database file 0600 before SQLite does (SQLite would take 0666 less the umask: 0644 under
// the usual 022), and tightens one this user owns that is readable by others. SQLite gives the -wal
// and -shm files the database file's mode, so one private file makes all three private.
Result<void> make_private(const std::string& path)
{
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
        return success();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return success();  // sqlite3_open_v2 says why, in the words every other opening error uses
    struct stat info {};
    const bool others_may_read = ::fstat(fd, &info) == 0 && (info.st_mode & 0077) != 0;
    const bool tightened = !others_may_read || info.st_uid != ::geteuid() || ::fchmod(fd, 0600) == 0;
    ::close(fd);
    if (!tightened)
        return Error{"others may read it and it could not be made private (chmod 600)"};
    return success();
}

Result<Database> open_database(const std::string& path, std::string_view subject, const DatabaseSetup& setup,
                               std::span<const Migration> migrations)
{
    if (auto made = make_private(path); !made)
        return opening_error(path, subject, setup.repeat_subject, made.error());
    sqlite3* raw = nullptr;
    // NOMUTEX: a connection is used by one thread at a time (one Store or Outbox per thread, the hub
    // store behind the server's lock), so SQLite's own locking would be pure overhead; `serialized` for
    // the one connection a second thread checks.
    const int threading = setup.serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | threading, nullptr);
    // Owned from here on, even when opening failed: sqlite3_close frees what the failed open allocated.
    Database db(raw);
    if (rc != SQLITE_OK) {
        const char* why = raw == nullptr ? "out of memory" : sqlite3_errmsg(raw);
        return opening_error(path, subject, setup.repeat_subject, Error{why});
    }
    if (auto configured = configure(raw, subject, setup); !configured)
        return opening_error(path, subject, setup.repeat_subject, configured.error());
    if (auto migrated = migrate(raw, subject, migrations, setup.noun); !migrated)
        return opening_error(path, subject, setup.repeat_subject, migrated.error());
    return db;
}

namespace {

// The header's own account of the file (https://www.sqlite.org/fileformat2.html, "The Database Header"):
// the magic string, the page size at offset 16, and the database size in pages at offset 28, valid when
// the change counter at 24 equals the "version-valid-for" number at 92. Empty when it looks right.
std::string header_fault(const std::string& path, std::int64_t file_size)
{
    unsigned char header[100] = {};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};  // SQLite says why when it opens it
    const ssize_t got = ::pread(fd, header, sizeof header, 0);
    ::close(fd);
    static constexpr char k_magic[] = "SQLite format 3";  // and its NUL: 16 bytes
    if (got < static_cast<ssize_t>(sizeof header) || std::memcmp(header, k_magic, sizeof k_magic) != 0)
        return "not a database (its first bytes are not \"SQLite format 3\")";
    const auto be32 = [&](int at) {
        return (std::uint32_t{header[at]} << 24) | (std::uint32_t{header[at + 1]} << 16) |
               (std::uint32_t{header[at + 2]} << 8) | std::uint32_t{header[at + 3]};
    };
    std::uint32_t page_size = (std::uint32_t{header[16]} << 8) | header[17];
    if (page_size == 1)
        page_size = 65536;
    const std::uint32_t pages = be32(28);
    if (be32(24) != be32(92) || pages == 0 || page_size < 512)
        return {};  // the size field is not kept up to date (older writers): nothing to compare
    // A checkpoint cut by a power cut may leave the file shorter than page 1 says; its -wal still holds
    // every page and SQLite copies them again when it opens. Only without one is a short file damage.
    struct stat wal {};
    if (::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0)
        return {};
    const std::int64_t expected = std::int64_t{pages} * page_size;
    if (file_size < expected)
        return "cut short: " + std::to_string(file_size) + " bytes where its header says " + std::to_string(expected);
    return {};
}

// Steps `sql` (a check that answers "ok" or one fault a row) to the end on `raw`.
FileCheck run_check(sqlite3* raw, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    std::string faults;
    int step = sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr);
    if (step == SQLITE_OK) {
        while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
            const auto* row = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
            const std::string_view text = row != nullptr ? row : "";
            if (text != "ok" && faults.size() < 300)
                faults += (faults.empty() ? "" : "; ") + std::string(text);
        }
    }
    const int code = sqlite3_extended_errcode(raw) & 0xff;
    const std::string message = sqlite3_errmsg(raw);
    sqlite3_finalize(stmt);
    if (step != SQLITE_DONE) {
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            return FileCheck{FileState::damaged, message + " (SQLite code " + std::to_string(code) + ")"};
        if (code == SQLITE_INTERRUPT)
            return FileCheck{FileState::unreadable, "interrupted"};
        return FileCheck{FileState::unreadable, message + " (SQLite code " + std::to_string(code) + ")"};
    }
    if (!faults.empty())
        return FileCheck{FileState::damaged, "integrity check: " + faults};
    return FileCheck{FileState::sound, {}};
}

}  // namespace

FileCheck check_file(const std::string& path, CheckDepth depth)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT)
            return FileCheck{FileState::missing, {}};
        return FileCheck{FileState::unreadable, path + ": " + std::strerror(errno)};
    }
    if (info.st_size == 0)
        return FileCheck{FileState::damaged, "the file is empty (0 bytes)"};
    if (std::string fault = header_fault(path, info.st_size); !fault.empty())
        return FileCheck{FileState::damaged, std::move(fault)};
    sqlite3* raw = nullptr;
    // No CREATE: the file is there. Read-write only because a WAL reader may have to build the -shm.
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK)
        return FileCheck{FileState::unreadable, raw == nullptr ? "out of memory" : sqlite3_errmsg(raw)};
    // Closing the last connection would checkpoint the -wal into the file: not into a damaged one.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(raw, 5000);
    // No -shm file either (the WAL index in the heap): the check works on a full disk, and leaves
    // nothing beside the file. Checked at start, before any other connection opens it.
    sqlite3_exec(raw, "PRAGMA locking_mode = EXCLUSIVE", nullptr, nullptr, nullptr);
    // The header depth reads the schema (page 1 and the pages of sqlite_schema, through the -wal):
    // a few pages whatever the size; quick_check reads every page.
    return run_check(raw, depth == CheckDepth::full ? "PRAGMA quick_check" : "SELECT 'ok' FROM sqlite_schema LIMIT 1");
}

FileCheck check_table(sqlite3* db, const std::string& table)
{
    std::string quoted;
    for (const char c : table)
        quoted += c == '\'' ? std::string("''") : std::string(1, c);
    const std::string sql = "PRAGMA quick_check('" + quoted + "')";
    return run_check(db, sql.c_str());
}

}  // namespace lotsen::sqlite
