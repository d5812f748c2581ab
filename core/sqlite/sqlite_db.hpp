// sqlite_db.hpp — the thin SQLite layer the store and the event log share: errors built from a
// connection's state, one-shot SQL, a prepared statement that cleans up after itself, a transaction
// that rolls back unless committed, the two PRAGMAs both files open their connection with, and the schema migration runner.
//
// Every error reads "<subject>: <operation> failed: <SQLite's message> (SQLite code N)", the subject
// naming the caller ("store", "event log"): it is passed where a statement or transaction begins and
// kept for the steps and the commit after, so both callers' messages stay as they were.
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

/// PRAGMA user_version of `db`, or -1 when it cannot be read.
int user_version(sqlite3* db);

/// Runs PRAGMA journal_mode = WAL and returns the mode SQLite reports afterwards ("wal"; an
/// in-memory database says "memory"); empty when it reports none.
Result<std::string> switch_to_wal(sqlite3* db, std::string_view subject);

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

}  // namespace lotsen::sqlite
