// store.hpp — the kiosk's SQLite store: the current catalogue, its occurrences and its search index.
//
// One Store is one connection; use one per thread. The database runs in WAL mode so readers never
// block the writer, and a catalogue is replaced inside one transaction: a reader sees either the old
// catalogue or the new one, never half of each, and a failed import leaves the old one in place.
//
// Occurrences are materialised for a window of time around the import (see expand_days_before /
// expand_days_after). The window is kept in the database, not in the Store, so every connection
// shares it; upcoming() widens it when asked about times outside it. The Store itself holds only
// its connection and a few prepared statements, never the catalogue.
//
// Refinements of the first sketch of this interface: the window lives in the database (the
// m_expanded_* members are gone); the window and result-size constants are public; ActivityFilter
// members have initializers; schema_version() says -1 when unreadable; search ranking and towns()
// order are specified.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/catalogue/model.hpp"
#include "core/catalogue/catalogue_stream.hpp"
#include "core/catalogue/geo.hpp"
#include "core/base/result.hpp"
#include "core/catalogue/schedule.hpp"
#include "core/sqlite/sqlite_db.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3_stmt;

namespace lotsen {

/// Filters the visitor can combine on the activity list. Unset fields do not filter.
/// (Every member has an initializer so designated initializers stay warning-free.)
struct ActivityFilter {
    std::optional<std::string> interest = std::nullopt;         ///< Interest id
    std::optional<std::string> town = std::nullopt;             ///< exact town name
    std::optional<LanguageCode> language_spoken = std::nullopt; ///< activity lists this language
    bool free_only = false;
    bool accessible_only = false;  ///< wheelchair accessible
    bool drop_in_only = false;
    bool operator==(const ActivityFilter&) const = default;
};

/// A query for occurrences starting in [from, to).
struct UpcomingQuery {
    UnixSeconds from = 0;
    UnixSeconds to = 0;  ///< at most Store::max_query_days after `from`; longer ranges are cut there
    ActivityFilter filter;
    std::optional<Nearby> near = std::nullopt;  ///< when set, only occurrences near the kiosk
    int limit = 500;
};

/// One line of an activity list: enough to draw it without loading the whole activity.
struct ActivityListItem {
    std::string activity_id;
    LocalizedText title;
    LocalizedText organisation_name;
    std::string town;
    LocalizedText place_name;
    bool free = false;
    bool drop_in = false;
    bool accessible = false;
    std::optional<GeoPoint> position;      ///< where it happens, when the catalogue says
    std::optional<Occurrence> occurrence;  ///< the occurrence this line is for (or the next one)
    std::optional<ImageRef> image;         ///< the activity's photo, else its organisation's logo
};

class Store;

/// A replacement of the store's catalogue written while it is read (Store::begin_import()): each piece
/// the sink is handed goes into the database at once, inside one transaction that finish() commits.
/// Destroyed unfinished (a refused file, a failure) it rolls back and the old catalogue stays. The
/// store is not queried while an import is open (the queries would see it half written).
class CatalogueImport final : public CatalogueSink {
public:
    ~CatalogueImport() override;
    CatalogueImport(const CatalogueImport&) = delete;
    CatalogueImport& operator=(const CatalogueImport&) = delete;

    Result<void> interests(const std::vector<Interest>& interests) override;
    Result<void> organisation(Organisation organisation) override;
    /// Refused (with which) when its organisation was not handed over before it.
    Result<void> activity(Activity activity) override;
    /// Records `version` and `published`, the occurrence window, the search index and the characters
    /// in use, and commits. The vocabulary is default_interests() when none was handed over.
    Result<void> finish(std::int64_t version, const std::string& published);
    /// Rolls back now and tells `why` as replace_catalogue() tells a failure: "replacing the catalogue
    /// with version N failed: …; catalogue version K stays in use".
    Error abandon(std::int64_t version, const Error& why);

private:
    friend class Store;
    struct State;
    CatalogueImport(Store& store, std::unique_ptr<State> state);
    /// Hands the activity just stored (its seq, its organisation's name as the index joins it, and that
    /// folded) to the search index.
    Result<void> index_activity(std::int64_t seq, const Activity& activity, const std::string& organisation,
                                const std::string& folded_organisation);
    /// Writes the occurrences gathered while the activities came, in the table's key order.
    Result<void> write_occurrences();

    Store& m_store;
    std::unique_ptr<State> m_state;  ///< null once finished or abandoned
};

/// Opens, migrates and queries the store.
class Store {
public:
    /// Days before `now` whose occurrences replace_catalogue() materialises (an occurrence that
    /// started yesterday evening may still be running).
    static constexpr int expand_days_before = 1;
    /// Days after `now` whose occurrences replace_catalogue() materialises.
    static constexpr int expand_days_after = 60;
    /// Longest range upcoming() answers in one query, in days.
    static constexpr int max_query_days = 366;
    /// Most hits search() returns, whatever limit it is given.
    static constexpr int max_search_results = 1000;

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    /// ":memory:" gives a private in-memory store for tests. A database written by a newer
    /// program (higher schema version) is refused and left untouched.
    static Result<std::unique_ptr<Store>> open(const std::string& path);

    /// A store opened by open_recovering(), and where a damaged file went.
    struct Opened {
        std::unique_ptr<Store> store;
        std::string kept_aside;  ///< the damaged file's new name; empty when it was sound or new
        std::string damage;      ///< what was wrong with it
    };
    /// Like open(), but a damaged file does not stop the kiosk: the store is only a cache of the
    /// catalogue, so the file is set aside (keep_aside(), never deleted) and an empty store is made in
    /// its place. What is checked before opening does not grow with the catalogue: the file is empty,
    /// not a database, cut shorter than its header says, or its schema unreadable
    /// (sqlite::CheckDepth::header). Every page (PRAGMA quick_check) is read only when a check of the
    /// open store (check_table(), run by the kiosk on a thread after start-up) left its mark
    /// (mark_for_full_check()); the mark goes once the file is set aside or found sound. A file that
    /// cannot be checked (permissions, I/O) is left alone and opened as open() does. The kiosk's
    /// opening: the connection takes the file alone (exclusive locking, no -shm file), so it opens and
    /// reads on a full disk; another connection to the file waits and gets "database is locked". It is
    /// serialised (sqlite::DatabaseSetup::serialized) so that check_table() may run on another thread.
    static Result<Opened> open_recovering(const std::string& path);

    /// The file beside the store at `path` that asks the next open_recovering() to read every page.
    static std::string full_check_mark(const std::string& path);
    /// Leaves that mark, saying what was found (written atomically).
    static Result<void> mark_for_full_check(const std::string& path, const std::string& found);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Schema version this code writes (the number of migrations).
    static int current_schema_version();
    /// Schema version of the opened database (after migration equals current_schema_version());
    /// -1 when it cannot be read.
    int schema_version() const;

    /// Replaces the whole catalogue atomically and expands occurrences around `now`.
    /// On failure nothing changes and the old catalogue stays in use. A catalogue that declares no
    /// interests gets default_interests(). The store does not judge versions (that is the sync
    /// client's job); it records the catalogue's version as given.
    Result<void> replace_catalogue(const Catalogue& catalogue, UnixSeconds now);

    /// Begins replacing the whole catalogue with one handed over piece by piece (a streaming read's
    /// sink), occurrences expanded around `now`; see CatalogueImport. One import at a time.
    Result<std::unique_ptr<CatalogueImport>> begin_import(UnixSeconds now);

    /// Version of the catalogue in use (0 = none imported yet).
    Result<std::int64_t> catalogue_version();

    /// Occurrences starting in [query.from, query.to) that pass the filter (and are near, when
    /// query.near is set), ordered by start time, then activity id, at most query.limit lines. Expands occurrences further when
    /// the range needs it (a write: it may wait for another connection's import).
    Result<std::vector<ActivityListItem>> upcoming(const UpcomingQuery& query);

    /// Full-text search over titles, descriptions, organisation names and interest labels in every
    /// language: prefix matching on the last word (search as you type), diacritic-insensitive, with
    /// exact (accent-preserving) matches ranked higher. Every word must match. Hits are ranked
    /// title matches first, then organisation-name or interest-label matches, then the rest, each
    /// accent-exact before folded. Each hit carries its next occurrence that has not ended at
    /// `now`, if any. Any text is accepted: FTS5 syntax in it is searched for literally; empty
    /// text finds nothing. With `language` set, each hit's title, organisation name and place name
    /// hold only the one text LocalizedText::get(language) answers with (that language, else
    /// Swedish, else English, else the first present): what a list line in that language shows, read
    /// for a fraction of the cost; empty gives every language.
    Result<std::vector<ActivityListItem>> search(std::string_view text, UnixSeconds now, int limit = 50,
                                                 std::string_view language = {});

    /// The whole activity, or nullopt when no such id exists.
    Result<std::optional<Activity>> activity(std::string_view id);
    /// The whole organisation, or nullopt.
    Result<std::optional<Organisation>> organisation(std::string_view id);
    /// Every image the current catalogue references, once each (by SHA-256): logos first, then
    /// activity images, in catalogue order.
    Result<std::vector<ImageRef>> images();
    /// The interest vocabulary of the current catalogue, in catalogue order.
    Result<std::vector<Interest>> interests();
    /// Organisations that accept contact requests, those of `home_municipality` first, then in
    /// catalogue order; names and public contact only (no descriptions).
    Result<std::vector<Organisation>> contact_organisations(std::string_view home_municipality);
    /// Every town that has at least one activity, in Swedish alphabetical order (… z, å, ä, ö).
    Result<std::vector<std::string>> towns();
    /// Every distinct character the catalogue's texts, addresses and contacts use, once each, as
    /// UTF-8 (the kiosk builds its font atlas from them). Texts are valid UTF-8 (the parser checks).
    Result<std::string> text_characters();
    /// Number of activities in the current catalogue.
    Result<std::int64_t> activity_count();

    /// Runs PRAGMA integrity_check, the foreign-key check and every search index's own check;
    /// ok when the database is sound.
    Result<void> check_integrity();
    /// The names of the store's tables with b-trees (sqlite_schema and the search indexes' shadow
    /// tables included), for check_table().
    Result<std::vector<std::string>> table_names();
    /// PRAGMA quick_check of one table and its indexes. The one call that may run on another thread
    /// while this one uses the store, on a store from open_recovering() (serialised: each waits for
    /// the other's call to end); it prepares its own statement and shares no state with the others.
    sqlite::FileCheck check_table(const std::string& table);
    /// Stops a check_table() in progress on another thread (sqlite3_interrupt); call it only when this
    /// thread runs nothing on the store, as it interrupts every statement of the connection.
    void interrupt();

private:
    friend class CatalogueImport;
    using Statement = sqlite::Statement;

    /// `why` an import of `version` failed, with the version that stays in use (read after the rollback).
    Error import_failed(std::int64_t version, const Error& why);

    explicit Store(sqlite::Database db);
    Result<void> ensure_occurrences(UnixSeconds from, UnixSeconds to);
    /// Sets title, organisation name and place name of each item in every language, and its image;
    /// items[i] is activity seqs[i].
    Result<void> fill_list_texts(std::vector<ActivityListItem>& items, const std::vector<std::int64_t>& seqs);
    /// A prepared statement for `sql` (a string constant: it is cached by address), reset and
    /// unbound when the returned handle goes out of scope.
    Result<Statement> cached(const char* sql);

    sqlite::Database m_db;
    std::vector<std::pair<const char*, sqlite3_stmt*>> m_statements;  ///< hot statements, by SQL; finalized first
};

}  // namespace lotsen
