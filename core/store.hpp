// store.hpp — the kiosk's SQLite store: the current catalogue, its occurrences and its search index.
//
// One Store is one connection; use one per thread. The database runs in WAL mode so readers never
// block the writer, and a catalogue is replaced inside one transaction: a reader sees either the old
// catalogue or the new one, never half of each, and a failed import leaves the old one in place.
#pragma once

#include "civil_time.hpp"
#include "model.hpp"
#include "result.hpp"
#include "schedule.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace lotsen {

/// Filters the visitor can combine on the activity list. Unset fields do not filter.
struct ActivityFilter {
    std::optional<std::string> interest;         ///< Interest id
    std::optional<std::string> town;             ///< exact town name
    std::optional<LanguageCode> language_spoken; ///< activity lists this language
    bool free_only = false;
    bool accessible_only = false;  ///< wheelchair accessible
    bool drop_in_only = false;
};

/// A query for occurrences starting in [from, to).
struct UpcomingQuery {
    UnixSeconds from = 0;
    UnixSeconds to = 0;
    ActivityFilter filter;
    std::string home_town;  ///< this kiosk's town: its activities are listed first
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
    std::optional<Occurrence> occurrence;  ///< the occurrence this line is for (or the next one)
};

/// Opens, migrates and queries the store.
class Store {
public:
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    /// ":memory:" gives a private in-memory store for tests.
    static Result<std::unique_ptr<Store>> open(const std::string& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Schema version this code writes (the number of migrations).
    static int current_schema_version();
    /// Schema version of the opened database (after migration equals current_schema_version()).
    int schema_version() const;

    /// Replaces the whole catalogue atomically and expands occurrences around `now`.
    /// On failure nothing changes and the old catalogue stays in use.
    Result<void> replace_catalogue(const Catalogue& catalogue, UnixSeconds now);

    /// Version of the catalogue in use (0 = none imported yet).
    Result<std::int64_t> catalogue_version();

    /// Occurrences starting in [query.from, query.to) that pass the filter, ordered with the home
    /// town first, then by start time. Expands occurrences further when the range needs it.
    Result<std::vector<ActivityListItem>> upcoming(const UpcomingQuery& query);

    /// Full-text search over titles, descriptions, organisation names and interest labels in every
    /// language: prefix matching on the last word (search as you type), diacritic-insensitive, with
    /// exact (accent-preserving) matches ranked higher. Each hit carries its next occurrence after
    /// `now`, if any.
    Result<std::vector<ActivityListItem>> search(std::string_view text, UnixSeconds now, int limit = 50);

    /// The whole activity, or nullopt when no such id exists.
    Result<std::optional<Activity>> activity(std::string_view id);
    /// The whole organisation, or nullopt.
    Result<std::optional<Organisation>> organisation(std::string_view id);
    /// The interest vocabulary of the current catalogue.
    Result<std::vector<Interest>> interests();
    /// Every town that has at least one activity, sorted.
    Result<std::vector<std::string>> towns();
    /// Number of activities in the current catalogue.
    Result<std::int64_t> activity_count();

    /// Runs PRAGMA integrity_check; ok when the database is sound.
    Result<void> check_integrity();

private:
    explicit Store(sqlite3* db);
    Result<void> migrate();
    Result<void> ensure_occurrences(UnixSeconds from, UnixSeconds to);

    sqlite3* m_db = nullptr;
    UnixSeconds m_expanded_from = 0;  ///< occurrence table covers [m_expanded_from, m_expanded_to)
    UnixSeconds m_expanded_to = 0;
};

}  // namespace lotsen
