// store_schema.cpp — the store's file: its schema and migrations, opening it, the search index's rank
// function, the statement cache and the integrity check (filling the search index:
// store_search_index.cpp).
//
// Layout. Plain columns hold what queries filter or sort on (town, cost, drop-in, wheelchair
// access); interests and spoken languages are link tables so filters are index look-ups; every
// visitor-facing text lives in `texts`, keyed by owner, field and language (the three a list line
// shows are copied into `list_texts`, arranged for reading a line in one language); the few nested
// values nobody queries (schedule, audience, accessibility list) are small JSON documents
// (store_rows.cpp). `occurrences` is the schedule expanded for a window of time kept in `meta`.
// Search uses contentless FTS5 tables over the same texts, one kind that removes diacritics (and
// folds Arabic spelling variants, see search_folding.hpp) and one that keeps them, so an
// accent-exact match can rank above a folded one; search() queries them in tiers (store_search.cpp).
//
// Every write is one transaction; statements are reset as soon as their handle goes out of scope,
// so no read transaction stays open between calls (that would pin an old snapshot and stop WAL
// checkpoints).
#include "core/storage/store.hpp"

#include "core/storage/search_tokenizer.hpp"
#include "core/storage/store_internal.hpp"
#include "core/base/file.hpp"

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

namespace lotsen {

using namespace store_internal;

namespace {

// ---------------------------------------------------------------------------------------------
// Schema. Each migration runs in its own transaction together with the user_version bump, so a
// failure leaves the database exactly at the version before it.

using sqlite::Migration;

constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE meta (
    name TEXT PRIMARY KEY NOT NULL,
    value
) WITHOUT ROWID;

CREATE TABLE interests (
    seq INTEGER PRIMARY KEY,          -- catalogue order
    id TEXT NOT NULL UNIQUE
);

CREATE TABLE organisations (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    web TEXT NOT NULL,
    municipality TEXT NOT NULL,
    reply_days INTEGER NOT NULL,
    accepts_contact_requests INTEGER NOT NULL
);

CREATE TABLE activities (
    seq INTEGER PRIMARY KEY,          -- catalogue order; FTS rowid
    id TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    town TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude REAL,
    longitude REAL,
    cost_sek INTEGER NOT NULL,
    drop_in INTEGER NOT NULL,
    accessible INTEGER NOT NULL,      -- accessibility lists "wheelchair"
    accessibility TEXT NOT NULL,      -- JSON array, catalogue order
    audience TEXT NOT NULL,           -- JSON {groups, min_age, max_age}
    schedule TEXT NOT NULL            -- JSON, expanded by schedule.cpp
);
CREATE INDEX activities_by_town ON activities(town);

CREATE TABLE activity_interests (
    activity INTEGER NOT NULL REFERENCES activities(seq),
    position INTEGER NOT NULL,
    interest TEXT NOT NULL,
    PRIMARY KEY (activity, position)
) WITHOUT ROWID;

CREATE TABLE activity_languages (
    activity INTEGER NOT NULL REFERENCES activities(seq),
    position INTEGER NOT NULL,
    language TEXT NOT NULL,
    PRIMARY KEY (activity, position)
) WITHOUT ROWID;

CREATE TABLE texts (
    owner INTEGER NOT NULL,           -- seq in the table `field` belongs to
    field INTEGER NOT NULL,           -- TextField in store_internal.hpp
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (owner, field, language)
) WITHOUT ROWID;

-- Ordered by start so a time range is one index range; by activity for "what is next".
CREATE TABLE occurrences (
    starts INTEGER NOT NULL,          -- Unix seconds
    activity INTEGER NOT NULL REFERENCES activities(seq),
    ends INTEGER NOT NULL,
    local_start INTEGER NOT NULL,     -- wall clock as printed: local days since epoch * 1440 + minutes
    PRIMARY KEY (starts, activity)
) WITHOUT ROWID;
CREATE INDEX occurrences_by_activity ON occurrences(activity, ends);
)sql";

// Two pairs of contentless FTS5 tables over the same texts. `_folded` removes diacritics (and folds
// Arabic spelling, see fold_arabic()), `_exact` keeps them. `search_all_*` hold every searched
// text; `search_names_*` only the short ones (title, organisation name, interest labels), so the
// best tiers of search() walk short doclists instead of filtering every description's positions.
// prefix='1 2 3': the first keystrokes of search-as-you-type are the most expensive prefix
// queries; prefix indexes answer them without merging every term that starts with the letter.
// Since version 6 only the names tables have them (k_schema_v6).
constexpr const char* k_schema_v2 = R"sql(
CREATE VIRTUAL TABLE search_all_folded USING fts5(
    title, description, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE search_all_exact USING fts5(
    title, description, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
CREATE VIRTUAL TABLE search_names_folded USING fts5(
    title, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
CREATE VIRTUAL TABLE search_names_exact USING fts5(
    title, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
)sql";

// ---------------------------------------------------------------------------------------------
// lotsen_rank(table, weight, …[, sizes]): FTS5's bm25 without the inverse document frequency. bm25()
// computes each phrase's IDF by walking every row that matches the phrase, once per query; for the
// first keystrokes ("s*") that walk is ten times the cost of the rows search() actually reads.
// Within one tier of one query the IDF barely matters (for a one-word query it is the same
// factor for every row), so it is left out. Lower is better, as with bm25().

struct RankAverages {
    double document_length = 1.0;  ///< average tokens per row, over all columns
};

// The row's length in tokens from the argument after the weights, its %_docsize.sz when the query
// joined it: one SQLite varint per column (FTS5's layout), summed as xColumnSize(-1) sums them. False
// when there is no such argument or it does not hold one size per column (then xColumnSize answers,
// and reports a damaged table as such).
bool length_from_sizes(const Fts5ExtensionApi* api, Fts5Context* fts, int argc, sqlite3_value** argv, int& length)
{
    const int columns = api->xColumnCount(fts);
    if (argc != columns + 1 || sqlite3_value_type(argv[columns]) != SQLITE_BLOB)
        return false;
    const auto* bytes = static_cast<const unsigned char*>(sqlite3_value_blob(argv[columns]));
    const int size = sqlite3_value_bytes(argv[columns]);
    int at = 0;
    int sum = 0;
    for (int column = 0; column < columns; ++column) {
        // A varint: seven bits a byte, high bit set while more follow; a ninth byte gives all eight.
        std::uint64_t value = 0;
        int used = 0;
        while (true) {
            if (at >= size)
                return false;
            const unsigned char byte = bytes[at++];
            if (++used == 9) {
                value = (value << 8) | byte;
                break;
            }
            value = (value << 7) | (byte & 0x7f);
            if ((byte & 0x80) == 0)
                break;
        }
        sum += static_cast<int>(static_cast<std::uint32_t>(value));  // as FTS5 reads it: 32 bits
    }
    length = sum;
    return true;
}

void lotsen_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
                 sqlite3_value** argv)
{
    constexpr double k1 = 1.2;  // the constants of SQLite's bm25()
    constexpr double b = 0.75;
    constexpr int k_max_phrases = 32;  // fts_query() makes at most 16

    auto* averages = static_cast<RankAverages*>(api->xGetAuxdata(fts, 0));
    if (averages == nullptr) {
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokens = 0;
        int rc = api->xRowCount(fts, &rows);
        if (rc == SQLITE_OK)
            rc = api->xColumnTotalSize(fts, -1, &tokens);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(context, rc);
            return;
        }
        averages = static_cast<RankAverages*>(sqlite3_malloc(sizeof(RankAverages)));
        if (averages == nullptr) {
            sqlite3_result_error_nomem(context);
            return;
        }
        averages->document_length = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0;
        rc = api->xSetAuxdata(fts, averages, sqlite3_free);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(context, rc);
            return;
        }
    }

    std::array<double, k_max_phrases> frequency{};
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < k_max_phrases)
            frequency[static_cast<std::size_t>(phrase)] += column < argc ? sqlite3_value_double(argv[column]) : 1.0;
    }
    int length = 0;
    if (rc == SQLITE_OK && !length_from_sizes(api, fts, argc, argv, length))
        rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    const double norm = k1 * (1.0 - b + b * static_cast<double>(length) / averages->document_length);
    double score = 0.0;
    for (double f : frequency)
        score += f * (k1 + 1.0) / (f + norm);
    sqlite3_result_double(context, -score);
}

}  // namespace

Result<fts5_api*> store_internal::fts5_api_of(sqlite3* db)
{
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
        return sqlite::error(db, k_subject, "finding FTS5");
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (api == nullptr || api->iVersion < 2)
        return Error{"this SQLite has no usable FTS5", std::string(k_subject)};
    return api;
}

namespace {

// Registers lotsen_rank and the search tokenizer on this connection (FTS5's functions and tokenizers
// are per connection), before anything touches the search tables.
Result<void> prepare_connection(sqlite3* db)
{
    fts5_api* api = LOTSEN_TRY(fts5_api_of(db));
    if (api->xCreateFunction(api, "lotsen_rank", nullptr, lotsen_rank, nullptr) != SQLITE_OK)
        return sqlite::error(db, k_subject, "registering lotsen_rank");
    return register_search_tokenizer(db);
}

// Catalogue format 1.2's images: an organisation's logo (kind 0, owner = organisations.seq) and an
// activity's photo (kind 1, owner = activities.seq). A database migrated from version 2 has none
// until the next import, which is all a catalogue without images needs.
constexpr const char* k_schema_v3 = R"sql(
CREATE TABLE images (
    kind INTEGER NOT NULL,            -- 0 organisation logo, 1 activity image
    owner INTEGER NOT NULL,           -- seq in the table `kind` names
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    type TEXT NOT NULL,               -- "png" or "jpeg"
    PRIMARY KEY (kind, owner)
) WITHOUT ROWID;
)sql";

// Catalogue format 1.3's measured reply time of an organisation (all three NULL when the catalogue has
// none). A database migrated from version 3 has none until the next import.
constexpr const char* k_schema_v4 = R"sql(
ALTER TABLE organisations ADD COLUMN measured_reply_minutes INTEGER;
ALTER TABLE organisations ADD COLUMN measured_reply_requests INTEGER;
ALTER TABLE organisations ADD COLUMN measured_reply_window_days INTEGER;
)sql";

// Catalogue format 1.4's last-checked date of an activity ("YYYY-MM-DD"; NULL when the catalogue has
// none). A database migrated from version 4 has none until the next import.
constexpr const char* k_schema_v5 = R"sql(
ALTER TABLE activities ADD COLUMN last_checked TEXT;
)sql";

// The all-text search tables without prefix indexes. Their tiers (store_search.cpp) run only when the
// names tables, which keep theirs, found fewer activities than asked for; by then a prefix is rarely
// one or two letters, and one that is merges the few terms that start with it. The prefix indexes
// were two thirds of these tables (10,000 activities: 17.2 MB each against 5.5 MB) and most of an
// import's time in the search index. Migrated stores get the two tables anew, indexed from their
// rows; the names tables stay as they are.
constexpr const char* k_schema_v6 = R"sql(
DROP TABLE search_all_folded;
DROP TABLE search_all_exact;
CREATE VIRTUAL TABLE search_all_folded USING fts5(
    title, description, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_all_exact USING fts5(
    title, description, organisation, interests,
    content='', tokenize='unicode61 remove_diacritics 0');
)sql";

// What a list line shows of an activity, one row per activity and language (store_list_texts.cpp):
// its title, place name and organisation name, read in two seeks per line instead of a dozen through
// texts, activities, organisations and images (perf, search as you type over 10,000 activities: 54 %
// of a keystroke). The row with language '' holds what a language without a text of its own shows
// (LocalizedText::get's fallback: Swedish, English, the first present) and in which language, and
// the line's image (the activity's photo, else its organisation's logo); the others a language's own
// texts, NULL where it has none or is that fallback already. The migration fills it from the stored
// rows (rebuild_list_texts), as an import writes it.
constexpr const char* k_schema_v7 = R"sql(
CREATE TABLE list_texts (
    activity INTEGER NOT NULL REFERENCES activities(seq),
    language TEXT NOT NULL,           -- '' for the fallback row
    title TEXT,
    title_language TEXT,              -- *_language and image_*: in the fallback row only
    place TEXT,
    place_language TEXT,
    organisation TEXT,
    organisation_language TEXT,
    image_sha256 TEXT,                -- the line's image, as in `images`; NULL when it has none
    image_bytes INTEGER,
    image_width INTEGER,
    image_height INTEGER,
    image_type TEXT,
    PRIMARY KEY (activity, language)
) WITHOUT ROWID;
)sql";

const std::array<Migration, 7> k_migrations{{
    {"catalogue tables and occurrences", k_schema_v1, nullptr},
    // Indexes whatever catalogue a version-1 database already holds.
    {"full-text search index", k_schema_v2, rebuild_search_index},
    {"catalogue images", k_schema_v3, nullptr},
    {"measured reply times", k_schema_v4, nullptr},
    {"last-checked dates", k_schema_v5, nullptr},
    {"all-text search without prefix indexes", k_schema_v6, rebuild_all_text_search_tables},
    {"list texts", k_schema_v7, rebuild_list_texts},
}};

constexpr sqlite::DatabaseSetup k_setup{
    // FULL: the updater records a published catalogue as accepted (updates/state.json, synced) right
    // after the import commits, so the commit must be on disk by then. With NORMAL a power cut could
    // keep the old catalogue while the state file says the new one is in, and it would not be
    // fetched again until the next publication. An import is rare; the extra sync costs nothing.
    .synchronous = sqlite::Synchronous::full,
    // An import writes the whole catalogue through the WAL; without a limit the WAL file keeps
    // that size on disk after the checkpoint.
    .journal_size_limit = 8 << 20,
    .foreign_keys = true,
    .prepare = prepare_connection,
    .noun = "database",
    .repeat_subject = sqlite::RepeatSubject::no,
    .exclusive = false,
};

// The kiosk's own opening (open_recovering): one connection (the UI thread's) uses the store, so it
// takes the file alone and makes no -shm file: it then opens and visitors browse on a full disk.
// Tests and tools that look at the file beside an open store use open().
constexpr sqlite::DatabaseSetup k_kiosk_setup{
    .synchronous = k_setup.synchronous,
    .journal_size_limit = k_setup.journal_size_limit,
    .foreign_keys = k_setup.foreign_keys,
    .prepare = k_setup.prepare,
    .noun = k_setup.noun,
    .repeat_subject = k_setup.repeat_subject,
    .exclusive = true,
    .serialized = true,
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Opening and migrating.

Store::Store(sqlite::Database db) : m_db(std::move(db)) {}

Store::~Store()
{
    // Before m_db closes the connection: sqlite3_close refuses while statements are left.
    for (auto& [sql, stmt] : m_statements)
        sqlite3_finalize(stmt);
}

int Store::current_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path)
{
    auto db = LOTSEN_TRY(sqlite::open_database(path, k_subject, k_setup, k_migrations));
    return std::unique_ptr<Store>(new Store(std::move(db)));
}

Result<Store::Opened> Store::open_recovering(const std::string& path)
{
    const std::string mark = full_check_mark(path);
    std::error_code missing;
    const bool marked = std::filesystem::exists(mark, missing);
    // Reading every page costs what the catalogue's size does (100 ms of CPU for 10,000 activities
    // here, a 72 MB file), so it waits for the mark of a check of the open store; the header and the
    // schema are read at every start.
    const sqlite::FileCheck check = sqlite::check_file(path, marked ? sqlite::CheckDepth::full : sqlite::CheckDepth::header);
    auto open_alone = [&]() -> Result<std::unique_ptr<Store>> {
        auto db = LOTSEN_TRY(sqlite::open_database(path, k_subject, k_kiosk_setup, k_migrations));
        return std::unique_ptr<Store>(new Store(std::move(db)));
    };
    if (check.state == sqlite::FileState::unreadable)
        return Opened{LOTSEN_TRY(open_alone()), {}, {}};  // the mark stays for a start that can read it
    if (marked)
        std::filesystem::remove(mark, missing);  // set aside below, or found sound after all
    if (check.state != sqlite::FileState::damaged)
        return Opened{LOTSEN_TRY(open_alone()), {}, {}};
    std::string aside = LOTSEN_TRY(keep_aside(path));
    return Opened{LOTSEN_TRY(open_alone()), std::move(aside), check.detail};
}

std::string Store::full_check_mark(const std::string& path)
{
    return path + ".check-every-page";
}

Result<void> Store::mark_for_full_check(const std::string& path, const std::string& found)
{
    return write_file_atomically(full_check_mark(path), found + "\n");
}

Result<std::vector<std::string>> Store::table_names()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject,
                                              "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid",
                                              "listing the tables"));
    // The schema's own table first; a search index is checked through its shadow tables, which are
    // ordinary tables (its virtual table has no b-tree of its own).
    std::vector<std::string> names{"sqlite_schema"};
    while (LOTSEN_TRY(stmt.step("listing the tables")))
        names.emplace_back(stmt.text(0));
    return names;
}

sqlite::FileCheck Store::check_table(const std::string& table)
{
    return sqlite::check_table(m_db.handle(), table);
}

void Store::interrupt()
{
    sqlite3_interrupt(m_db.handle());
}

int Store::schema_version() const
{
    return sqlite::user_version(m_db.handle());
}

Result<Store::Statement> Store::cached(const char* sql)
{
    for (const auto& [key, stmt] : m_statements) {
        if (key == sql)
            return Statement::borrow(stmt, k_subject);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return sqlite::error(m_db.handle(), k_subject, "preparing a query");
    m_statements.emplace_back(sql, stmt);
    return Statement::borrow(stmt, k_subject);
}

Result<void> Store::check_integrity()
{
    std::vector<std::string> problems;
    {
        auto stmt = LOTSEN_TRY(
            Statement::prepare(m_db.handle(), k_subject, "PRAGMA integrity_check", "checking integrity"));
        while (LOTSEN_TRY(stmt.step("checking integrity"))) {
            if (stmt.text(0) != "ok")  // a sound database answers a single "ok"
                problems.emplace_back(stmt.text(0));
        }
    }
    {
        // One row per violation: child table, child rowid (NULL for WITHOUT ROWID), parent table.
        auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "PRAGMA foreign_key_check",
                                                  "checking foreign keys"));
        while (LOTSEN_TRY(stmt.step("checking foreign keys"))) {
            std::string problem = "a row of ";
            problem += stmt.text(0);
            problem += " refers to a missing row of ";
            problem += stmt.text(2);
            problems.push_back(std::move(problem));
        }
    }
    // The FTS5 tables check their own b-trees (contentless: structure only).
    for (const char* table : k_search_tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('integrity-check')";
        if (auto checked = sqlite::exec(m_db.handle(), k_subject, sql.c_str(), "checking the search index"); !checked)
            problems.push_back(checked.error().text());
    }
    if (problems.empty())
        return success();
    std::string message = "integrity check failed:";
    for (const std::string& problem : problems) {
        message += ' ';
        message += problem;
        message += ';';
    }
    message.pop_back();
    return Error{std::move(message), std::string(k_subject)};
}

}  // namespace lotsen
