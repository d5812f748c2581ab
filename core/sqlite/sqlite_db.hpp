// sqlite_db.hpp — the one SQLite layer of the store, the event log and the hub store: opening a file
// (open_database: WAL, PRAGMAs, migrations), errors built from a connection's state, one-shot SQL, a
// prepared statement that cleans up after itself, a transaction that rolls back unless committed.
//
// Every error reads "<subject>: <operation> failed: <SQLite's message> (SQLite code N)", the subject
// naming the caller ("store", "event log"): it is passed where a statement or transaction begins and
// kept for the steps and the commit after, so every caller's messages stay as they were.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace lotsen::sqlite {

/// "<subject>: <operation> failed: <SQLite's last message> (SQLite code <extended code>)".
Error error(sqlite3* db, std::string_view subject, std::string_view operation);

/// Runs `sql` (one or more statements, no rows wanted); on failure, error() for `operation`.
Result<void> exec(sqlite3* db, std::string_view subject, const char* sql, std::string_view operation);

/// Turns off SQLite's count of the memory it has allocated, for the whole process: with it on, every
/// allocation and free SQLite makes takes a process-wide mutex (the library is built thread-safe,
/// and our SQLite is built without lookaside, so that is every small allocation). Only processes
/// that never ask sqlite3_memory_used() call it, before their first connection; false (nothing
/// changed) when SQLite was already initialised.
bool stop_counting_memory();

/// PRAGMA user_version of `db`, or -1 when it cannot be read.
int user_version(sqlite3* db);

/// A prepared statement. Owned ones (prepare()) are finalized on destruction; borrowed ones
/// (borrow(), from a caller's cache) are reset and unbound instead, which also ends the read they
/// were doing.
class Statement {
public:
    /// Prepares a one-off statement that this handle owns.
    static Result<Statement> prepare(sqlite3* db, std::string_view subject, const char* sql,
                                     std::string_view operation);
    /// Wraps a statement the caller keeps prepared; `subject` must outlive the handle.
    static Statement borrow(sqlite3_stmt* stmt, std::string_view subject);

    /// Moves the handle; the moved-from one no longer touches the statement.
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    /// Finalizes an owned statement; resets and unbinds a borrowed one.
    ~Statement();

    // Bind errors only come from a wrong index or type, i.e. a bug in the caller: they assert,
    // they are not reported.

    /// Binds an integer.
    void bind(int index, std::int64_t value);
    /// Binds an integer.
    void bind(int index, int value);
    /// Binds 1 or 0.
    void bind(int index, bool value);
    /// Binds a floating-point number.
    void bind(int index, double value);
    /// Binds text (copied).
    void bind(int index, std::string_view text);
    /// Binds text (copied).
    void bind(int index, const char* text);
    /// Binds text (copied).
    void bind(int index, const std::string& text);
    /// Binds text without copying it: `text` must stay valid and unchanged until the statement has
    /// run and this parameter is bound again (for bulk writes that bind and run row after row).
    void bind_borrowed(int index, std::string_view text);
    /// Binds the value, or NULL when there is none.
    template <typename T>
    void bind(int index, const std::optional<T>& value)
    {
        if (value)
            bind(index, *value);
        else
            bind_null(index);
    }
    /// Binds NULL.
    void bind_null(int index);
    /// Binds a blob (copied).
    void bind_blob(int index, const std::vector<std::uint8_t>& bytes);

    /// Steps once: true when a row is ready, false when done.
    Result<bool> step(std::string_view operation);
    /// Runs a statement that returns no rows, leaving it ready to be bound and run again.
    Result<void> run(std::string_view operation);
    /// Ends the current run so the statement can be bound and stepped again.
    void reset();

    /// Column `column` of the current row as a 64-bit integer.
    std::int64_t int64(int column) const;
    /// Column `column` of the current row as an int.
    int integer(int column) const;
    /// Column `column` of the current row as a double.
    double real(int column) const;
    /// Column `column` of the current row as a double, nullopt when it is NULL.
    std::optional<double> optional_real(int column) const;
    /// Column `column` of the current row as text; valid until the next step, reset or bind.
    std::string_view text(int column) const;
    /// Column `column` of the current row as bytes (a copy).
    std::vector<std::uint8_t> blob(int column) const;
    /// True when column `column` of the current row is NULL.
    bool is_null(int column) const;
    /// Number of columns the statement returns.
    int columns() const;

private:
    Statement(sqlite3_stmt* stmt, bool owned, std::string_view subject);

    sqlite3_stmt* m_stmt = nullptr;
    bool m_owned = true;
    std::string_view m_subject;  ///< a string constant of the caller's
};

/// When a transaction takes the write lock.
enum class Locking {
    deferred,   ///< BEGIN: at the first write; the reads before it share one snapshot
    immediate,  ///< BEGIN IMMEDIATE: at once, so a read-then-write cannot interleave with another writer
};

/// A transaction that rolls back unless committed. Declare it before the statements it covers so
/// they are reset before it ends.
class Transaction {
public:
    /// Begins a transaction on `db`; `subject` must outlive the handle.
    static Result<Transaction> begin(sqlite3* db, std::string_view subject, Locking locking,
                                     std::string_view operation);

    /// Moves the handle; the moved-from one no longer ends the transaction.
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// Rolls back unless committed (and unless SQLite already did).
    ~Transaction();

    /// Commits; a failed commit is rolled back. With synchronous=FULL the data is on disk when
    /// this returns ok.
    Result<void> commit(std::string_view operation);

private:
    Transaction(sqlite3* db, std::string_view subject);

    sqlite3* m_db = nullptr;
    std::string_view m_subject;  ///< a string constant of the caller's
};

/// One step of a file's schema: SQL, then optionally work SQL alone cannot do.
struct Migration {
    const char* description;
    const char* sql;
    Result<void> (*after)(sqlite3* db) = nullptr;
};

/// Brings `db` from its user_version up to migrations.size(), each step in its own IMMEDIATE
/// transaction together with its user_version bump, so a failure leaves the file exactly at the
/// version before it. A file newer than this program is refused and left unchanged. `noun` names the
/// file in the messages ("the <noun> stays at schema version 1").
Result<void> migrate(sqlite3* db, std::string_view subject, std::span<const Migration> migrations, std::string_view noun);

/// An open connection, closed when the handle goes (made by open_database()). Finalize every
/// statement of it first: sqlite3_close refuses to close a connection that still has some.
class Database {
public:
    /// Takes over `db` (may be null).
    explicit Database(sqlite3* db) noexcept : m_db(db) {}
    /// Moves the connection; the moved-from handle no longer closes it.
    Database(Database&& other) noexcept;
    /// Closes this handle's connection and takes over `other`'s.
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    /// Closes the connection.
    ~Database();

    /// The connection, for the C API and for this header's functions.
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

/// Whether a message from inside the opening repeats the subject that "<subject>: opening '<path>': "
/// has just named. The store's never have; the event log's and the hub store's always have
/// ("event log: opening 'x': event log: switching to WAL mode failed: …"), and messages stay as they are.
enum class RepeatSubject { no, yes };

/// How far a commit has gone when it returns (PRAGMA synchronous, in WAL mode).
enum class Synchronous {
    normal,  ///< survives a crash of the program; a power cut may lose the last commits
    full,    ///< on disk: survives a power cut too
};

/// What one kind of file needs beyond what open_database() does for every file. The connection
/// settings are per connection, not stored in the file, so every open applies them again.
struct DatabaseSetup {
    /// PRAGMA synchronous.
    Synchronous synchronous = Synchronous::full;
    /// PRAGMA journal_size_limit in bytes: what the WAL file is cut back to after a checkpoint; -1
    /// keeps SQLite's default (never cut back).
    std::int64_t journal_size_limit = -1;
    /// PRAGMA foreign_keys.
    bool foreign_keys = false;
    /// Per-connection work SQL cannot do (the store registers its rank function), run before the
    /// PRAGMAs; none when null.
    Result<void> (*prepare)(sqlite3* db) = nullptr;
    /// How the migration messages name the file: "the <noun> stays at schema version 1".
    std::string_view noun = "database";
    /// See RepeatSubject.
    RepeatSubject repeat_subject = RepeatSubject::no;
    /// PRAGMA locking_mode = EXCLUSIVE, set before WAL mode: the WAL index then lives in the heap and
    /// no -shm file is made, so the file opens and reads on a full disk (a -shm needs new blocks).
    /// Only for a file that one connection uses at a time: others wait and get "database is locked".
    bool exclusive = false;
    /// SQLITE_OPEN_FULLMUTEX instead of NOMUTEX: SQLite serialises the connection's calls, so a second
    /// thread may use it (the kiosk's store check after start-up, check_table()).
    bool serialized = false;
};

/// Opens (creating if needed) the file at `path` the way every Lotsen database is opened: a
/// connection for one thread at a time, a 5 s busy timeout, WAL mode (refused when SQLite will not
/// switch; ":memory:" gives a private in-memory database), `setup`, then `migrations` (migrate()).
/// Every error reads "<subject>: opening '<path>': <what failed>" and carries `subject` as data.
Result<Database> open_database(const std::string& path, std::string_view subject, const DatabaseSetup& setup,
                               std::span<const Migration> migrations);

/// What check_file() found.
enum class FileState {
    missing,     ///< no file: opening creates a new one
    sound,       ///< opens, and the check found nothing wrong
    damaged,     ///< empty (0 bytes), not a database, cut short, or PRAGMA quick_check finds faults: set it aside
    unreadable,  ///< cannot tell (permissions, I/O error, disk full, interrupted): leave it alone
};

/// One look at a database file.
struct FileCheck {
    FileState state = FileState::missing;
    std::string detail;  ///< what was wrong (damaged, unreadable); empty otherwise
};

/// How far check_file() reads.
enum class CheckDepth {
    /// The header and the schema: an empty file, one that is not a database, one cut shorter than its
    /// header says, a schema SQLite cannot read. Reads a few pages, whatever the file's size.
    header,
    /// Every page: PRAGMA quick_check, which reads the whole file (O(size)).
    full,
};

/// Looks at the database file at `path` (with its -wal) without changing it: checkpoints are off on
/// that connection, so a damaged file is left exactly as it was found, and it takes the file alone
/// (no -shm file), so call it before anything else opens the file. An empty file is damaged, not
/// new: SQLite would take it for a new database and delete its -wal, and with it what was committed.
FileCheck check_file(const std::string& path, CheckDepth depth = CheckDepth::full);

/// PRAGMA quick_check of one table and its indexes (`table` as sqlite_schema names it) on an open
/// connection: what the table's size costs, not the file's. Damaged when it finds faults or SQLite
/// says the file is corrupt; unreadable ("interrupted") when sqlite3_interrupt() stopped it.
FileCheck check_table(sqlite3* db, const std::string& table);

}  // namespace lotsen::sqlite
