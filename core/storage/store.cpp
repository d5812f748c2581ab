// store.cpp — the SQLite store: schema and migrations, catalogue import, occurrences, search.
//
// Layout. Plain columns hold what queries filter or sort on (town, cost, drop-in, wheelchair
// access); interests and spoken languages are link tables so filters are index look-ups; every
// visitor-facing text lives once in `texts`, keyed by owner, field and language; the few nested
// values nobody queries (schedule, audience, accessibility list) are small JSON documents written
// here with nlohmann-json. `occurrences` is the schedule expanded for a window of time kept in
// `meta`. Search uses contentless FTS5 tables over the same texts, one kind that removes
// diacritics (and folds Arabic spelling variants, see fold_arabic()) and one that keeps them, so
// an accent-exact match can rank above a folded one; search() queries them in tiers.
//
// Every write is one transaction; statements are reset as soon as their handle goes out of scope,
// so no read transaction stays open between calls (that would pin an old snapshot and stop WAL
// checkpoints).
#include "core/storage/store.hpp"

#include "core/sqlite/sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace lotsen {

namespace {

using Json = nlohmann::json;

constexpr std::int64_t k_seconds_per_day = 86400;
constexpr std::int64_t k_minutes_per_day = 1440;

// Which text a row of `texts` is. Owners of different kinds share rowid numbers, so the field
// also says which table `owner` points into. Values are stored: never renumber.
enum class TextField : int {
    activity_title = 1,
    activity_description = 2,
    place_name = 3,
    cost_note = 4,
    organisation_name = 11,
    organisation_description = 12,
    interest_label = 21,
};

// Search weights per FTS column: a word in the title says far more about an activity than the
// same word somewhere in its description.
#define LOTSEN_WEIGHTS_ALL "10.0, 1.0, 4.0, 3.0"  // title, description, organisation, interests
#define LOTSEN_WEIGHTS_NAMES "10.0, 4.0, 3.0"     // title, organisation, interests

// ---------------------------------------------------------------------------------------------
// Schema. Each migration runs in its own transaction together with the user_version bump, so a
// failure leaves the database exactly at the version before it.

using sqlite::Migration;

Result<void> rebuild_search_index(sqlite3* db);

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
    field INTEGER NOT NULL,           -- TextField in store.cpp
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

constexpr std::array<const char*, 4> k_search_tables{"search_all_folded", "search_all_exact",
                                                      "search_names_folded", "search_names_exact"};

const std::array<Migration, 2> k_migrations{{
    {"catalogue tables and occurrences", k_schema_v1, nullptr},
    // Indexes whatever catalogue a version-1 database already holds.
    {"full-text search index", k_schema_v2, rebuild_search_index},
}};

// ---------------------------------------------------------------------------------------------
// SQLite (sqlite_db.hpp) and message helpers.

using sqlite::Statement;
using sqlite::Transaction;

// What every SQLite error message of the store starts with.
constexpr std::string_view k_subject = "store";

std::string in_quotes(std::string_view text)
{
    // Appended, not "'" + …: GCC 12 reports a bogus -Wrestrict for that at -O2.
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    quoted += text;
    quoted += '\'';
    return quoted;
}

// `inner` told by the store with `context` in front: "store: <context><inner>", where an inner error
// of the store's own does not repeat "store: ".
Error with_context(std::string context, const Error& inner)
{
    context += inner.subject == k_subject ? inner.message : inner.text();
    return Error{std::move(context), std::string(k_subject)};
}

// ---------------------------------------------------------------------------------------------
// Search text folding and query building.

void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// unicode61's remove_diacritics only knows Latin-script accents. Arabic script needs its own
// folding: vowel marks and tatweel are optional in writing, hamza-carrying alefs are often typed
// as a bare alef, and Persian and Arabic keyboards give different code points for yeh and kaf.
// Everything else, including malformed UTF-8, is copied unchanged.
std::string fold_arabic(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        // U+0600..U+06FF is encoded as D8 80 .. DB BF.
        if (lead < 0xD8 || lead > 0xDB || i + 1 >= text.size()
            || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80) {
            out += text[i];
            continue;
        }
        char32_t cp = static_cast<char32_t>(((lead & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
        ++i;
        const bool mark = (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670
                          || (cp >= 0x06D6 && cp <= 0x06ED) || cp == 0x0640;
        if (mark)
            continue;
        switch (cp) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: cp = 0x0627; break;  // alef forms → ا
        case 0x0649: case 0x06CC: cp = 0x064A; break;                            // ى, Persian ی → ي
        case 0x06A9: cp = 0x0643; break;                                         // Persian ک → ك
        case 0x0629: cp = 0x0647; break;                                         // ة → ه (Persian spelling)
        default: break;
        }
        append_utf8(out, cp);
    }
    return out;
}

constexpr std::string_view k_arabic_article = "\xD8\xA7\xD9\x84";  // "ال"
constexpr std::string_view k_arabic_and = "\xD9\x88";                // "و", written joined to the next word

// The word without a leading Arabic article when at least two letters remain, else empty.
std::string_view without_arabic_article(std::string_view word)
{
    if (word.size() >= k_arabic_article.size() + 4 && word.substr(0, k_arabic_article.size()) == k_arabic_article)
        return word.substr(k_arabic_article.size());
    return {};
}

bool is_separator(char c)
{
    return static_cast<unsigned char>(c) <= 0x20;  // ASCII space, control characters, NUL
}

std::vector<std::string_view> split_words(std::string_view text)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_separator(text[i]))
            ++i;
        const std::size_t begin = i;
        while (i < text.size() && !is_separator(text[i]))
            ++i;
        if (i > begin)
            words.push_back(text.substr(begin, i - begin));
    }
    return words;
}

// The text the folded index gets: Arabic folded, and words that begin with the article "ال" or
// the conjunction "و" (which Arabic writes joined to the next word) once more without them, so
// "قهوة" finds "القهوة" and "حديث" finds "وحديث"; the tokenizer cannot split them off. This is
// a light stemmer on the index side only: what the visitor typed still matches the full word.
// A conjunction is only removed when three letters remain (many words simply start with و).
std::string folded_document(std::string_view text)
{
    std::string folded = fold_arabic(text);
    std::string extra;
    auto add = [&extra](std::string_view stem) {
        extra += ' ';
        extra += stem;
    };
    for (std::string_view word : split_words(folded)) {
        if (word.size() >= k_arabic_and.size() + 6 && word.substr(0, k_arabic_and.size()) == k_arabic_and) {
            const std::string_view rest = word.substr(k_arabic_and.size());
            add(rest);
            if (const std::string_view stem = without_arabic_article(rest); !stem.empty())
                add(stem);
        }
        if (const std::string_view stem = without_arabic_article(word); !stem.empty())
            add(stem);
    }
    if (!extra.empty())
        folded += "\n" + extra;
    return folded;
}

constexpr std::size_t k_max_query_bytes = 256;
constexpr std::size_t k_max_query_words = 16;

// Turns what a visitor typed into an FTS5 query that cannot be read as syntax: every
// whitespace-separated word becomes a quoted string (quotes doubled), so AND, NEAR(, *, ^, : and
// parentheses are searched for as text; the tokenizer then drops the punctuation. The words must
// all match; the last one is a prefix, because the visitor may still be typing it. `fold` gives
// the query for the folded index. Empty when nothing searchable is left.
std::string fts_query(std::string_view text, bool fold)
{
    if (text.size() > k_max_query_bytes) {
        std::size_t cut = k_max_query_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;  // never cut inside a UTF-8 sequence
        text = text.substr(0, cut);
    }
    std::vector<std::string_view> words = split_words(text);
    if (words.size() > k_max_query_words)
        words.resize(k_max_query_words);

    std::string query;
    for (std::string_view word : words) {
        std::string folded;
        if (fold) {
            folded = fold_arabic(word);
            if (const std::string_view stem = without_arabic_article(folded); !stem.empty())
                folded = std::string(stem);
            word = folded;
        }
        if (!query.empty())
            query += ' ';
        query += '"';
        for (char c : word) {
            if (c == '"')
                query += '"';
            query += c;
        }
        query += '"';
    }
    if (!query.empty())
        query += '*';
    return query;
}

// Swedish alphabetical order: case-insensitive, å ä ö after z (in that order), other bytes as is.
std::string swedish_sort_key(std::string_view text)
{
    std::string key;
    key.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            char mapped = 0;
            if (next == 0xA5 || next == 0x85) mapped = '{';       // å Å
            else if (next == 0xA4 || next == 0x84) mapped = '|';  // ä Ä
            else if (next == 0xB6 || next == 0x96) mapped = '}';  // ö Ö
            if (mapped != 0) {
                key += mapped;
                ++i;
                continue;
            }
        }
        key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    }
    return key;
}

// ---------------------------------------------------------------------------------------------
// JSON for the nested values (written and read only here).

Json schedule_to_json(const Schedule& schedule)
{
    Json weekly = Json::array();
    for (const WeeklyRule& rule : schedule.weekly) {
        weekly.push_back({{"weekday", rule.iso_weekday}, {"start", rule.start.to_string()},
                          {"end", rule.end.to_string()}, {"from", rule.valid_from.to_string()},
                          {"until", rule.valid_until.to_string()}, {"every_weeks", rule.every_weeks}});
    }
    Json dates = Json::array();
    for (const SingleDate& single : schedule.dates)
        dates.push_back({{"date", single.date.to_string()}, {"start", single.start.to_string()}, {"end", single.end.to_string()}});
    Json cancelled = Json::array();
    for (const Date& date : schedule.cancelled)
        cancelled.push_back(date.to_string());
    return {{"weekly", std::move(weekly)}, {"dates", std::move(dates)}, {"cancelled", std::move(cancelled)}};
}

// The stored JSON is ours, so a parse failure means a damaged database; nlohmann reports type
// mismatches by throwing, which must not leave core/, hence the try.
Result<Schedule> schedule_from_json(std::string_view text)
{
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded())
        return Error{"not JSON"};
    try {
        auto date = [](const Json& value) {
            return Date::parse(value.get<std::string>()).value_or(Date{});
        };
        auto time = [](const Json& value) {
            return TimeOfDay::parse(value.get<std::string>()).value_or(TimeOfDay{});
        };
        Schedule schedule;
        for (const Json& rule : json.at("weekly")) {
            schedule.weekly.push_back(WeeklyRule{rule.at("weekday").get<int>(), time(rule.at("start")),
                                                 time(rule.at("end")), date(rule.at("from")),
                                                 date(rule.at("until")), rule.at("every_weeks").get<int>()});
        }
        for (const Json& single : json.at("dates"))
            schedule.dates.push_back(SingleDate{date(single.at("date")), time(single.at("start")), time(single.at("end"))});
        for (const Json& cancelled : json.at("cancelled"))
            schedule.cancelled.push_back(date(cancelled));
        return schedule;
    } catch (const Json::exception& error) {
        return Error{error.what()};
    }
}

Json strings_to_json(const std::vector<std::string>& strings)
{
    return Json(strings);
}

Result<std::vector<std::string>> strings_from_json(std::string_view text)
{
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_array())
        return Error{"not a JSON array"};
    std::vector<std::string> strings;
    for (const Json& value : json) {
        if (!value.is_string())
            return Error{"array element is not a string"};
        strings.push_back(value.get<std::string>());
    }
    return strings;
}

Json audience_to_json(const Audience& audience)
{
    Json json = {{"groups", audience.groups}, {"min_age", nullptr}, {"max_age", nullptr}};
    if (audience.min_age)
        json["min_age"] = *audience.min_age;
    if (audience.max_age)
        json["max_age"] = *audience.max_age;
    return json;
}

Result<Audience> audience_from_json(std::string_view text)
{
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded())
        return Error{"not JSON"};
    try {
        Audience audience;
        audience.groups = json.at("groups").get<std::vector<std::string>>();
        if (!json.at("min_age").is_null())
            audience.min_age = json.at("min_age").get<int>();
        if (!json.at("max_age").is_null())
            audience.max_age = json.at("max_age").get<int>();
        return audience;
    } catch (const Json::exception& error) {
        return Error{error.what()};
    }
}

// A json_group_object(language, text) result as a LocalizedText; SQLite wrote it, so anything
// unreadable is a damaged database.
Result<LocalizedText> localized_from_json(std::string_view text)
{
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return Error{"a stored text is not a JSON object", std::string(k_subject)};
    TextMap map;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!it.value().is_string())
            return Error{"a stored text is not a string", std::string(k_subject)};
        map.emplace(it.key(), it.value().get<std::string>());
    }
    return LocalizedText(std::move(map));
}

// ---------------------------------------------------------------------------------------------
// Occurrence rows.

std::int64_t encode_local(const LocalDateTime& local)
{
    return local.date.days_since_epoch() * k_minutes_per_day + local.time.minutes;
}

LocalDateTime decode_local(std::int64_t value)
{
    std::int64_t days = value / k_minutes_per_day;
    std::int64_t minutes = value % k_minutes_per_day;
    if (minutes < 0) {
        minutes += k_minutes_per_day;
        --days;
    }
    return LocalDateTime{Date::from_days_since_epoch(days), TimeOfDay{static_cast<int>(minutes)}};
}

constexpr const char* k_sql_insert_occurrence =
    "INSERT OR IGNORE INTO occurrences(activity, starts, ends, local_start) VALUES (?1, ?2, ?3, ?4)";

Result<void> insert_occurrences(Statement& insert, std::int64_t activity_seq, const Schedule& schedule,
                                UnixSeconds from, UnixSeconds to, std::string_view activity_id)
{
    for (const Occurrence& occurrence : expand(schedule, from, to)) {
        insert.bind(1, activity_seq);
        insert.bind(2, occurrence.start);
        insert.bind(3, occurrence.end);
        insert.bind(4, encode_local(occurrence.local_start));
        LOTSEN_TRY(insert.run("storing occurrences of activity " + in_quotes(activity_id)));
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// meta

Result<std::optional<std::int64_t>> read_meta_int(sqlite3* db, const char* name)
{
    auto stmt = Statement::prepare(db, k_subject, "SELECT value FROM meta WHERE name = ?1", "reading meta");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, name);
    auto row = stmt.value().step("reading meta " + in_quotes(name));
    if (!row)
        return row.error();
    if (!row.value() || stmt.value().is_null(0))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{stmt.value().int64(0)};
}

Result<void> write_meta(sqlite3* db, const char* name, const std::variant<std::int64_t, std::string>& value)
{
    auto stmt = Statement::prepare(
        db, k_subject,
        "INSERT INTO meta(name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        "writing meta");
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, name);
    if (const auto* number = std::get_if<std::int64_t>(&value))
        stmt.value().bind(2, *number);
    else
        stmt.value().bind(2, std::get<std::string>(value));
    return stmt.value().run("writing meta " + in_quotes(name));
}

// The occurrence window never spans more than this; see ensure_occurrences().
constexpr std::int64_t k_max_window_days = 2 * Store::max_query_days;

constexpr const char* k_meta_catalogue_version = "catalogue_version";
constexpr const char* k_meta_catalogue_published = "catalogue_published";
constexpr const char* k_meta_window_from = "occurrences_from";
constexpr const char* k_meta_window_to = "occurrences_to";

// ---------------------------------------------------------------------------------------------
// Search index: built from the stored rows (not from a Catalogue) so an import and a migration
// of an existing database index exactly the same thing.

Result<void> rebuild_search_index(sqlite3* db)
{
    for (const char* table : k_search_tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('delete-all')";
        LOTSEN_TRY(sqlite::exec(db, k_subject, sql.c_str(), "clearing the search index"));
    }

    auto read = Statement::prepare(db, k_subject, R"sql(
        SELECT a.seq,
          (SELECT group_concat(text, char(10)) FROM texts WHERE owner = a.seq AND field = 1),
          (SELECT group_concat(text, char(10)) FROM texts WHERE owner = a.seq AND field = 2),
          (SELECT group_concat(t.text, char(10)) FROM organisations g
             JOIN texts t ON t.owner = g.seq AND t.field = 11 WHERE g.id = a.organisation_id),
          (SELECT group_concat(t.text, char(10)) FROM activity_interests ai
             JOIN interests i ON i.id = ai.interest
             JOIN texts t ON t.owner = i.seq AND t.field = 21 WHERE ai.activity = a.seq)
        FROM activities a)sql",
                                   "reading texts to index");
    if (!read)
        return read.error();
    std::vector<Statement> inserts;
    for (const char* table : k_search_tables) {
        const bool names = std::string_view(table).find("names") != std::string_view::npos;
        const std::string sql = "INSERT INTO " + std::string(table)
                                + (names ? "(rowid, title, organisation, interests) VALUES (?1, ?2, ?4, ?5)"
                                         : "(rowid, title, description, organisation, interests) VALUES (?1, ?2, ?3, ?4, ?5)");
        auto insert = Statement::prepare(db, k_subject, sql.c_str(), "preparing the search index");
        if (!insert)
            return insert.error();
        inserts.push_back(std::move(insert.value()));
    }

    while (true) {
        auto row = read.value().step("reading texts to index");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const std::int64_t seq = read.value().int64(0);
        std::array<std::string_view, 4> exact{};
        std::array<std::string, 4> folded{};
        for (std::size_t column = 0; column < 4; ++column) {
            exact[column] = read.value().text(static_cast<int>(column) + 1);
            folded[column] = folded_document(exact[column]);
        }
        for (std::size_t table = 0; table < k_search_tables.size(); ++table) {
            const bool is_exact = std::string_view(k_search_tables[table]).find("exact") != std::string_view::npos;
            Statement& insert = inserts[table];
            insert.bind(1, seq);
            for (std::size_t column = 0; column < 4; ++column) {
                if (is_exact)
                    insert.bind(static_cast<int>(column) + 2, exact[column]);
                else
                    insert.bind(static_cast<int>(column) + 2, folded[column]);
            }
            LOTSEN_TRY(insert.run("indexing activity texts"));
        }
    }
    // One b-tree per index instead of many small segments: fewer pages touched per keystroke.
    for (const char* table : k_search_tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('optimize')";
        LOTSEN_TRY(sqlite::exec(db, k_subject, sql.c_str(), "optimising the search index"));
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// lotsen_rank(table, weight, …): FTS5's bm25 without the inverse document frequency. bm25()
// computes each phrase's IDF by walking every row that matches the phrase, once per query; for the
// first keystrokes ("s*") that walk is ten times the cost of the rows search() actually reads.
// Within one tier of one query the IDF barely matters (for a one-word query it is the same
// factor for every row), so it is left out. Lower is better, as with bm25().

struct RankAverages {
    double document_length = 1.0;  ///< average tokens per row, over all columns
};

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
    if (rc == SQLITE_OK)
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

// Registers lotsen_rank on this connection (FTS5 functions are per connection).
Result<void> register_rank_function(sqlite3* db)
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
    if (api->xCreateFunction(api, "lotsen_rank", nullptr, lotsen_rank, nullptr) != SQLITE_OK)
        return sqlite::error(db, k_subject, "registering lotsen_rank");
    return success();
}

// ---------------------------------------------------------------------------------------------
// Hot queries. They pick the rows first (ordered, limited) with plain columns only; the texts of
// the lines shown are then read in one more query (fill_list_texts), as rows rather than JSON, so
// nothing is encoded or parsed per line.

#define LOTSEN_ITEM_COLUMNS "a.seq, a.id, a.town, a.cost_sek = 0, a.drop_in, a.accessible"

// Columns 0..5 as in LOTSEN_ITEM_COLUMNS; returns the activity's seq.
std::int64_t read_item(const Statement& row, ActivityListItem& item)
{
    item.activity_id = std::string(row.text(1));
    item.town = std::string(row.text(2));
    item.free = row.integer(3) != 0;
    item.drop_in = row.integer(4) != 0;
    item.accessible = row.integer(5) != 0;
    return row.int64(0);
}

// Titles, place names and organisation names of the activities in the JSON array ?1.
constexpr const char* k_sql_list_texts =
    "SELECT j.value, t.field, t.language, t.text"
    " FROM json_each(?1) j JOIN texts t ON t.owner = j.value AND t.field IN (1, 3)"
    " UNION ALL"
    " SELECT j.value, 11, t.language, t.text"
    " FROM json_each(?1) j JOIN activities a ON a.seq = j.value"
    " JOIN organisations g ON g.id = a.organisation_id"
    " JOIN texts t ON t.owner = g.seq AND t.field = 11";

std::string json_array(const std::vector<std::int64_t>& numbers)
{
    std::string json = "[";
    for (std::int64_t number : numbers) {
        if (json.size() > 1)
            json += ',';
        json += std::to_string(number);
    }
    json += ']';
    return json;
}

constexpr const char* k_sql_upcoming =
    "SELECT " LOTSEN_ITEM_COLUMNS ", o.starts, o.ends, o.local_start"
    " FROM occurrences o JOIN activities a ON a.seq = o.activity"
    " WHERE o.starts >= ?1 AND o.starts < ?2"
    "   AND (?3 IS NULL OR EXISTS (SELECT 1 FROM activity_interests ai"
    "                              WHERE ai.activity = a.seq AND ai.interest = ?3))"
    "   AND (?4 IS NULL OR a.town = ?4)"
    "   AND (?5 IS NULL OR EXISTS (SELECT 1 FROM activity_languages al"
    "                              WHERE al.activity = a.seq AND al.language = ?5))"
    "   AND (?6 = 0 OR a.cost_sek = 0)"
    "   AND (?7 = 0 OR a.accessible <> 0)"
    "   AND (?8 = 0 OR a.drop_in <> 0)"
    " ORDER BY a.town = ?9 DESC, o.starts, a.id"
    " LIMIT ?10";

// Search runs in tiers, best first: title matches, then matches in titles, organisation names or
// interest labels, then matches anywhere; within each, accent-exact before folded. A tier is one
// FTS5 query in rowid order with a LIMIT and no ORDER BY, so it stops after a few dozen rows and
// only those are scored; search() stops asking once enough activities are found. Ranking every
// match of a one-letter prefix instead costs ~0.6 µs per matching activity, far too much per
// keystroke over 10,000 activities. The price: inside a tier with more matches than fit, only its
// first rows (in catalogue order) compete on score.
struct SearchTier {
    bool exact;
    const char* sql;
    bool titles_only;  ///< prefix the query with a {title} column filter
};

#define LOTSEN_SEARCH_SQL(table, weights)                                                       \
    "SELECT rowid, lotsen_rank(" table ", " weights ") FROM " table " WHERE " table " MATCH ?1" \
    " LIMIT ?2"
constexpr const char* k_sql_match_names_exact = LOTSEN_SEARCH_SQL("search_names_exact", LOTSEN_WEIGHTS_NAMES);
constexpr const char* k_sql_match_names_folded = LOTSEN_SEARCH_SQL("search_names_folded", LOTSEN_WEIGHTS_NAMES);
constexpr const char* k_sql_match_all_exact = LOTSEN_SEARCH_SQL("search_all_exact", LOTSEN_WEIGHTS_ALL);
constexpr const char* k_sql_match_all_folded = LOTSEN_SEARCH_SQL("search_all_folded", LOTSEN_WEIGHTS_ALL);

constexpr std::array<SearchTier, 6> k_search_tiers{{
    {true, k_sql_match_names_exact, true},
    {false, k_sql_match_names_folded, true},
    {true, k_sql_match_names_exact, false},
    {false, k_sql_match_names_folded, false},
    {true, k_sql_match_all_exact, false},
    {false, k_sql_match_all_folded, false},
}};

// The lines for the chosen activities, in the order of the JSON array ?1 of seqs, each with its
// next occurrence that has not ended at ?2 (or its schedule when the window holds none).
constexpr const char* k_sql_search_items =
    "SELECT " LOTSEN_ITEM_COLUMNS ", n.starts, n.ends, n.local_start,"
    "  CASE WHEN n.starts IS NULL THEN a.schedule END"
    " FROM json_each(?1) j JOIN activities a ON a.seq = j.value"
    " LEFT JOIN occurrences n ON n.activity = a.seq AND n.starts ="
    "   (SELECT min(starts) FROM occurrences WHERE activity = a.seq AND ends > ?2)"
    " ORDER BY j.key";

constexpr const char* k_sql_window =
    "SELECT (SELECT value FROM meta WHERE name = 'occurrences_from'),"
    "       (SELECT value FROM meta WHERE name = 'occurrences_to')";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Opening and migrating.

Store::Store(sqlite3* db) : m_db(db) {}

Store::~Store()
{
    for (auto& [sql, stmt] : m_statements)
        sqlite3_finalize(stmt);
    sqlite3_close(m_db);
}

int Store::current_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path)
{
    sqlite3* db = nullptr;
    // NOMUTEX: a Store is used by one thread at a time, so SQLite's own locking is pure overhead.
    const int rc = sqlite3_open_v2(path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    // The Store owns the handle from here on, even when opening failed (sqlite3_close needs it).
    std::unique_ptr<Store> store(new Store(db));
    const std::string context = "opening " + in_quotes(path) + ": ";
    if (rc != SQLITE_OK) {
        if (db == nullptr)
            return Error{context + "out of memory", std::string(k_subject)};
        return Error{context + sqlite3_errmsg(db), std::string(k_subject)};
    }
    if (auto configured = store->configure(); !configured)
        return with_context(context, configured.error());
    if (auto migrated = store->migrate(); !migrated)
        return with_context(context, migrated.error());
    return store;
}

Result<void> Store::configure()
{
    // Another connection may hold the write lock for a moment (an import, a window extension).
    sqlite3_busy_timeout(m_db, 5000);
    // The first statement that reads the file: a file that is not a database fails here.
    auto journal_mode = sqlite::switch_to_wal(m_db, k_subject);
    if (!journal_mode)
        return journal_mode.error();
    // An in-memory database reports "memory"; anything else means WAL could not be enabled.
    if (journal_mode.value() != "wal" && journal_mode.value() != "memory")
        return Error{"WAL mode could not be enabled (journal_mode is " + in_quotes(journal_mode.value()) + ")", std::string(k_subject)};
    // NORMAL is durable across a crash of the program in WAL mode; the catalogue can always be
    // fetched again, so losing the last import to a power cut is acceptable.
    LOTSEN_TRY(register_rank_function(m_db));
    // An import writes the whole catalogue through the WAL; without a limit the WAL file keeps
    // that size on disk after the checkpoint.
    return sqlite::exec(m_db, k_subject,
                        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 8388608;",
                        "configuring the connection");
}

int Store::schema_version() const
{
    return sqlite::user_version(m_db);
}

Result<void> Store::migrate()
{
    return sqlite::migrate(m_db, k_subject, k_migrations, "database");
}

Result<Store::Statement> Store::cached(const char* sql)
{
    for (const auto& [key, stmt] : m_statements) {
        if (key == sql)
            return Statement::borrow(stmt, k_subject);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return sqlite::error(m_db, k_subject, "preparing a query");
    m_statements.emplace_back(sql, stmt);
    return Statement::borrow(stmt, k_subject);
}

// ---------------------------------------------------------------------------------------------
// Import.

namespace {

// Prepared statements for one import, so each is compiled once per import, not once per row.
struct ImportStatements {
    Statement interest;
    Statement organisation;
    Statement activity;
    Statement activity_interest;
    Statement activity_language;
    Statement text;
    Statement occurrence;
};

Result<ImportStatements> prepare_import(sqlite3* db)
{
    const std::array<const char*, 7> sql{
        "INSERT INTO interests(id) VALUES (?1)",
        "INSERT INTO organisations(id, phone, email, web, municipality, reply_days, accepts_contact_requests)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO activities(id, organisation_id, town, address, latitude, longitude, cost_sek, drop_in,"
        " accessible, accessibility, audience, schedule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        "INSERT INTO activity_interests(activity, position, interest) VALUES (?1, ?2, ?3)",
        "INSERT INTO activity_languages(activity, position, language) VALUES (?1, ?2, ?3)",
        "INSERT INTO texts(owner, field, language, text) VALUES (?1, ?2, ?3, ?4)",
        k_sql_insert_occurrence,
    };
    std::vector<Statement> prepared;
    for (const char* text : sql) {
        auto stmt = Statement::prepare(db, k_subject, text, "preparing the import");
        if (!stmt)
            return stmt.error();
        prepared.push_back(std::move(stmt.value()));
    }
    return ImportStatements{std::move(prepared[0]), std::move(prepared[1]), std::move(prepared[2]),
                            std::move(prepared[3]), std::move(prepared[4]), std::move(prepared[5]),
                            std::move(prepared[6])};
}

Result<void> insert_texts(Statement& insert, std::int64_t owner, TextField field, const LocalizedText& text,
                          std::string_view what)
{
    for (const auto& [language, value] : text.all()) {
        insert.bind(1, owner);
        insert.bind(2, static_cast<int>(field));
        insert.bind(3, language);
        insert.bind(4, value);
        LOTSEN_TRY(insert.run(what));
    }
    return success();
}

// The whole import in one IMMEDIATE transaction; rolled back on any failure.
Result<void> import_catalogue(sqlite3* db, const Catalogue& catalogue, UnixSeconds now)
{
    auto transaction = Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting the transaction");
    if (!transaction)
        return transaction.error();

    // The foreign key would refuse a dangling organisation too, but without saying which.
    std::unordered_set<std::string_view> organisation_ids;
    for (const Organisation& organisation : catalogue.organisations)
        organisation_ids.insert(organisation.id);
    for (const Activity& activity : catalogue.activities) {
        if (organisation_ids.count(activity.organisation_id) == 0) {
            return Error{"activity " + in_quotes(activity.id) + " refers to organisation "
                         + in_quotes(activity.organisation_id) + ", which the catalogue does not contain"};
        }
    }

    // Children before parents, so the foreign-key checks find nothing left to point at.
    LOTSEN_TRY(sqlite::exec(db, k_subject,
                    "DELETE FROM occurrences; DELETE FROM activity_interests; DELETE FROM activity_languages;"
                    "DELETE FROM texts; DELETE FROM activities; DELETE FROM organisations; DELETE FROM interests;",
                    "deleting the old catalogue"));

    auto prepared = prepare_import(db);
    if (!prepared)
        return prepared.error();
    ImportStatements& st = prepared.value();

    const std::vector<Interest>& interests = catalogue.interests.empty() ? default_interests() : catalogue.interests;
    for (const Interest& interest : interests) {
        const std::string what = "storing interest " + in_quotes(interest.id);
        st.interest.bind(1, interest.id);
        LOTSEN_TRY(st.interest.run(what));
        LOTSEN_TRY(insert_texts(st.text, sqlite3_last_insert_rowid(db), TextField::interest_label, interest.label, what));
    }

    for (const Organisation& organisation : catalogue.organisations) {
        const std::string what = "storing organisation " + in_quotes(organisation.id);
        st.organisation.bind(1, organisation.id);
        st.organisation.bind(2, organisation.contact.phone);
        st.organisation.bind(3, organisation.contact.email);
        st.organisation.bind(4, organisation.contact.web);
        st.organisation.bind(5, organisation.municipality);
        st.organisation.bind(6, organisation.reply_days);
        st.organisation.bind(7, organisation.accepts_contact_requests);
        LOTSEN_TRY(st.organisation.run(what));
        const std::int64_t seq = sqlite3_last_insert_rowid(db);
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::organisation_name, organisation.name, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::organisation_description, organisation.description, what));
    }

    const UnixSeconds window_from = now - Store::expand_days_before * k_seconds_per_day;
    const UnixSeconds window_to = now + Store::expand_days_after * k_seconds_per_day;
    for (const Activity& activity : catalogue.activities) {
        const std::string what = "storing activity " + in_quotes(activity.id);
        const bool accessible = std::find(activity.accessibility.begin(), activity.accessibility.end(),
                                          "wheelchair") != activity.accessibility.end();
        st.activity.bind(1, activity.id);
        st.activity.bind(2, activity.organisation_id);
        st.activity.bind(3, activity.place.town);
        st.activity.bind(4, activity.place.address);
        st.activity.bind(5, activity.place.latitude);
        st.activity.bind(6, activity.place.longitude);
        st.activity.bind(7, activity.cost.sek);
        st.activity.bind(8, activity.drop_in);
        st.activity.bind(9, accessible);
        st.activity.bind(10, strings_to_json(activity.accessibility).dump());
        st.activity.bind(11, audience_to_json(activity.audience).dump());
        st.activity.bind(12, schedule_to_json(activity.schedule).dump());
        LOTSEN_TRY(st.activity.run(what));
        const std::int64_t seq = sqlite3_last_insert_rowid(db);

        LOTSEN_TRY(insert_texts(st.text, seq, TextField::activity_title, activity.title, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::activity_description, activity.description, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::place_name, activity.place.name, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::cost_note, activity.cost.note, what));
        for (std::size_t i = 0; i < activity.interests.size(); ++i) {
            st.activity_interest.bind(1, seq);
            st.activity_interest.bind(2, static_cast<std::int64_t>(i));
            st.activity_interest.bind(3, activity.interests[i]);
            LOTSEN_TRY(st.activity_interest.run(what));
        }
        for (std::size_t i = 0; i < activity.languages.size(); ++i) {
            st.activity_language.bind(1, seq);
            st.activity_language.bind(2, static_cast<std::int64_t>(i));
            st.activity_language.bind(3, activity.languages[i]);
            LOTSEN_TRY(st.activity_language.run(what));
        }
        LOTSEN_TRY(insert_occurrences(st.occurrence, seq, activity.schedule, window_from, window_to, activity.id));
    }

    LOTSEN_TRY(rebuild_search_index(db));
    LOTSEN_TRY(write_meta(db, k_meta_catalogue_version, catalogue.version));
    LOTSEN_TRY(write_meta(db, k_meta_catalogue_published, catalogue.published));
    LOTSEN_TRY(write_meta(db, k_meta_window_from, window_from));
    LOTSEN_TRY(write_meta(db, k_meta_window_to, window_to));
    return transaction.value().commit("committing");
}

}  // namespace

Result<void> Store::replace_catalogue(const Catalogue& catalogue, UnixSeconds now)
{
    auto imported = import_catalogue(m_db, catalogue, now);
    if (imported)
        return success();
    Error failure = with_context("replacing the catalogue with version " + std::to_string(catalogue.version)
                                     + " failed: ",
                                 imported.error());
    // Read after the rollback: this is what visitors keep seeing.
    if (auto kept = catalogue_version(); kept && kept.value() > 0)
        failure.message += "; catalogue version " + std::to_string(kept.value()) + " stays in use";
    else
        failure.message += "; the store stays without a catalogue";
    return failure;
}

Result<std::int64_t> Store::catalogue_version()
{
    auto version = read_meta_int(m_db, k_meta_catalogue_version);
    if (!version)
        return version.error();
    return version.value().value_or(0);
}

// ---------------------------------------------------------------------------------------------
// Occurrences.

Result<void> Store::ensure_occurrences(UnixSeconds from, UnixSeconds to)
{
    // Fast path: one read of the shared window, no transaction of our own.
    {
        auto window = cached(k_sql_window);
        if (!window)
            return window.error();
        auto row = window.value().step("reading the occurrence window");
        if (!row)
            return row.error();
        // No window means no catalogue yet: nothing to expand.
        if (window.value().is_null(0) || window.value().is_null(1))
            return success();
        if (from >= window.value().int64(0) && to <= window.value().int64(1))
            return success();
    }

    const std::string operation = "extending the occurrence window";
    auto transaction = Transaction::begin(m_db, k_subject, sqlite::Locking::immediate, operation);
    if (!transaction)
        return transaction.error();
    // Read again under the write lock: another connection may just have extended it.
    auto stored_from = read_meta_int(m_db, k_meta_window_from);
    auto stored_to = read_meta_int(m_db, k_meta_window_to);
    if (!stored_from)
        return stored_from.error();
    if (!stored_to)
        return stored_to.error();
    if (!stored_from.value() || !stored_to.value())
        return success();
    const UnixSeconds old_from = *stored_from.value();
    const UnixSeconds old_to = *stored_to.value();
    if (from >= old_from && to <= old_to)
        return success();
    // The window stays one interval: the part between it and the query is filled in too. A query
    // far away from it (years back, say) starts a new window instead, so one odd query never
    // materialises years of occurrences.
    UnixSeconds new_from = std::min(from, old_from);
    UnixSeconds new_to = std::max(to, old_to);
    UnixSeconds kept_from = old_from;  // [kept_from, kept_to) is materialised already
    UnixSeconds kept_to = old_to;
    if (new_to - new_from > k_max_window_days * k_seconds_per_day) {
        LOTSEN_TRY(sqlite::exec(m_db, k_subject, "DELETE FROM occurrences", operation));
        new_from = from;
        new_to = to;
        kept_from = to;
        kept_to = to;
    }

    auto activities = Statement::prepare(m_db, k_subject, "SELECT seq, id, schedule FROM activities", operation);
    if (!activities)
        return activities.error();
    auto insert = Statement::prepare(m_db, k_subject, k_sql_insert_occurrence, operation);
    if (!insert)
        return insert.error();
    while (true) {
        auto row = activities.value().step(operation);
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const std::string_view id = activities.value().text(1);
        auto schedule = schedule_from_json(activities.value().text(2));
        if (!schedule)
            return Error{"the stored schedule of activity " + in_quotes(id) + " is damaged: " + schedule.error().text(), std::string(k_subject)};
        const std::int64_t seq = activities.value().int64(0);
        if (new_from < kept_from)
            LOTSEN_TRY(insert_occurrences(insert.value(), seq, schedule.value(), new_from, kept_from, id));
        if (new_to > kept_to)
            LOTSEN_TRY(insert_occurrences(insert.value(), seq, schedule.value(), kept_to, new_to, id));
    }
    LOTSEN_TRY(write_meta(m_db, k_meta_window_from, new_from));
    LOTSEN_TRY(write_meta(m_db, k_meta_window_to, new_to));
    return transaction.value().commit(operation);
}

Result<std::vector<ActivityListItem>> Store::upcoming(const UpcomingQuery& query)
{
    std::vector<ActivityListItem> items;
    const UnixSeconds to = std::min(query.to, query.from + max_query_days * k_seconds_per_day);
    if (to <= query.from || query.limit <= 0)
        return items;
    LOTSEN_TRY(ensure_occurrences(query.from, to));

    std::vector<std::int64_t> seqs;
    {
        auto stmt = cached(k_sql_upcoming);
        if (!stmt)
            return stmt.error();
        Statement& s = stmt.value();
        const ActivityFilter& filter = query.filter;
        s.bind(1, query.from);
        s.bind(2, to);
        s.bind(3, filter.interest);
        s.bind(4, filter.town);
        s.bind(5, filter.language_spoken);
        s.bind(6, filter.free_only);
        s.bind(7, filter.accessible_only);
        s.bind(8, filter.drop_in_only);
        s.bind(9, query.home_town);
        s.bind(10, query.limit);
        while (true) {
            auto row = s.step("listing upcoming activities");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            ActivityListItem& item = items.emplace_back();
            seqs.push_back(read_item(s, item));
            item.occurrence = Occurrence{s.int64(6), s.int64(7), decode_local(s.int64(8))};
        }
    }
    LOTSEN_TRY(fill_list_texts(items, seqs));
    return items;
}

Result<void> Store::fill_list_texts(std::vector<ActivityListItem>& items, const std::vector<std::int64_t>& seqs)
{
    assert(items.size() == seqs.size());
    if (items.empty())
        return success();
    // An activity can be on several lines (one per occurrence).
    std::unordered_map<std::int64_t, std::vector<std::size_t>> lines;
    std::vector<std::int64_t> distinct;
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        auto& indices = lines[seqs[i]];
        if (indices.empty())
            distinct.push_back(seqs[i]);
        indices.push_back(i);
    }
    auto stmt = cached(k_sql_list_texts);
    if (!stmt)
        return stmt.error();
    Statement& s = stmt.value();
    s.bind(1, json_array(distinct));
    while (true) {
        auto row = s.step("reading activity texts");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const auto found = lines.find(s.int64(0));
        if (found == lines.end())
            continue;
        const auto field = static_cast<TextField>(s.integer(1));
        const std::string language(s.text(2));
        const std::string_view text = s.text(3);
        for (std::size_t index : found->second) {
            ActivityListItem& item = items[index];
            LocalizedText& target = field == TextField::activity_title ? item.title
                                    : field == TextField::place_name   ? item.place_name
                                                                       : item.organisation_name;
            target.set(language, std::string(text));
        }
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// Search.

Result<std::vector<ActivityListItem>> Store::search(std::string_view text, UnixSeconds now, int limit)
{
    std::vector<ActivityListItem> items;
    const std::string folded_query = fts_query(text, true);
    const std::string exact_query = fts_query(text, false);
    if (folded_query.empty() || limit <= 0)
        return items;
    limit = std::min(limit, max_search_results);

    struct Candidate {
        std::int64_t seq;
        std::size_t tier;
        double score;  ///< lotsen_rank: lower is better
    };
    std::vector<Candidate> candidates;
    std::unordered_set<std::int64_t> seen;
    // Twice the limit gives the score some choice inside a tier that has more matches than fit.
    const int per_tier = 2 * limit;
    for (std::size_t tier = 0; tier < k_search_tiers.size() && seen.size() < static_cast<std::size_t>(limit); ++tier) {
        const SearchTier& spec = k_search_tiers[tier];
        const std::string& query = spec.exact ? exact_query : folded_query;
        auto stmt = cached(spec.sql);
        if (!stmt)
            return stmt.error();
        Statement& s = stmt.value();
        s.bind(1, spec.titles_only ? "{title} : (" + query + ")" : query);
        s.bind(2, per_tier);
        while (true) {
            auto row = s.step("searching");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            const std::int64_t seq = s.int64(0);
            if (seen.insert(seq).second)
                candidates.push_back(Candidate{seq, tier, s.real(1)});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.tier, a.score, a.seq) < std::tie(b.tier, b.score, b.seq);
    });
    if (candidates.size() > static_cast<std::size_t>(limit))
        candidates.resize(static_cast<std::size_t>(limit));
    if (candidates.empty())
        return items;

    std::vector<std::int64_t> order;
    order.reserve(candidates.size());
    for (const Candidate& candidate : candidates)
        order.push_back(candidate.seq);

    std::vector<std::int64_t> seqs;
    {
        auto stmt = cached(k_sql_search_items);
        if (!stmt)
            return stmt.error();
        Statement& s = stmt.value();
        s.bind(1, json_array(order));
        s.bind(2, now);
        items.reserve(candidates.size());
        while (true) {
            auto row = s.step("reading search hits");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            ActivityListItem& item = items.emplace_back();
            seqs.push_back(read_item(s, item));
            if (!s.is_null(6)) {
                item.occurrence = Occurrence{s.int64(6), s.int64(7), decode_local(s.int64(8))};
            } else {
                // Nothing in the materialised window (a rare date far ahead, or a window that has
                // not been extended lately): ask the schedule itself.
                auto schedule = schedule_from_json(s.text(9));
                if (!schedule) {
                    return Error{"the stored schedule of activity " + in_quotes(item.activity_id)
                                 + " is damaged: " + schedule.error().text(), std::string(k_subject)};
                }
                item.occurrence = next_occurrence(schedule.value(), now);
            }
        }
    }
    LOTSEN_TRY(fill_list_texts(items, seqs));
    return items;
}

// ---------------------------------------------------------------------------------------------
// Whole records.

Result<std::optional<Activity>> Store::activity(std::string_view id)
{
    const std::string operation = "reading activity " + in_quotes(id);
    // One snapshot for the four reads below.
    auto transaction = Transaction::begin(m_db, k_subject, sqlite::Locking::deferred, operation);
    if (!transaction)
        return transaction.error();

    auto row = Statement::prepare(m_db, k_subject,
                                  "SELECT seq, organisation_id, town, address, latitude, longitude, cost_sek, drop_in,"
                                  " accessibility, audience, schedule FROM activities WHERE id = ?1",
                                  operation);
    if (!row)
        return row.error();
    Statement& r = row.value();
    r.bind(1, id);
    auto found = r.step(operation);
    if (!found)
        return found.error();
    if (!found.value())
        return std::optional<Activity>{};

    Activity activity;
    activity.id = std::string(id);
    const std::int64_t seq = r.int64(0);
    activity.organisation_id = std::string(r.text(1));
    activity.place.town = std::string(r.text(2));
    activity.place.address = std::string(r.text(3));
    activity.place.latitude = r.optional_real(4);
    activity.place.longitude = r.optional_real(5);
    activity.cost.sek = r.integer(6);
    activity.drop_in = r.integer(7) != 0;
    auto accessibility = strings_from_json(r.text(8));
    auto audience = audience_from_json(r.text(9));
    auto schedule = schedule_from_json(r.text(10));
    if (!accessibility || !audience || !schedule)
        return Error{"the stored details of activity " + in_quotes(id) + " are damaged", std::string(k_subject)};
    activity.accessibility = std::move(accessibility.value());
    activity.audience = std::move(audience.value());
    activity.schedule = std::move(schedule.value());

    auto texts = Statement::prepare(m_db, k_subject,
                                    "SELECT field, language, text FROM texts WHERE owner = ?1 AND field BETWEEN 1 AND 4",
                                    operation);
    if (!texts)
        return texts.error();
    texts.value().bind(1, seq);
    while (true) {
        auto text_row = texts.value().step(operation);
        if (!text_row)
            return text_row.error();
        if (!text_row.value())
            break;
        const Statement& t = texts.value();
        std::string language(t.text(1));
        std::string value(t.text(2));
        switch (static_cast<TextField>(t.integer(0))) {
        case TextField::activity_title: activity.title.set(language, std::move(value)); break;
        case TextField::activity_description: activity.description.set(language, std::move(value)); break;
        case TextField::place_name: activity.place.name.set(language, std::move(value)); break;
        case TextField::cost_note: activity.cost.note.set(language, std::move(value)); break;
        default: break;
        }
    }

    const std::array<std::pair<const char*, std::vector<std::string>*>, 2> lists{{
        {"SELECT interest FROM activity_interests WHERE activity = ?1 ORDER BY position", &activity.interests},
        {"SELECT language FROM activity_languages WHERE activity = ?1 ORDER BY position", &activity.languages},
    }};
    for (const auto& [sql, list] : lists) {
        auto stmt = Statement::prepare(m_db, k_subject, sql, operation);
        if (!stmt)
            return stmt.error();
        stmt.value().bind(1, seq);
        while (true) {
            auto list_row = stmt.value().step(operation);
            if (!list_row)
                return list_row.error();
            if (!list_row.value())
                break;
            list->emplace_back(stmt.value().text(0));
        }
    }
    return std::optional<Activity>{std::move(activity)};
}

Result<std::optional<Organisation>> Store::organisation(std::string_view id)
{
    const std::string operation = "reading organisation " + in_quotes(id);
    // One statement, one snapshot: the texts come along as JSON.
    auto row = Statement::prepare(
        m_db, k_subject,
        "SELECT phone, email, web, municipality, reply_days, accepts_contact_requests,"
        " (SELECT json_group_object(language, text) FROM texts WHERE owner = g.seq AND field = 11),"
        " (SELECT json_group_object(language, text) FROM texts WHERE owner = g.seq AND field = 12)"
        " FROM organisations g WHERE id = ?1",
        operation);
    if (!row)
        return row.error();
    Statement& r = row.value();
    r.bind(1, id);
    auto found = r.step(operation);
    if (!found)
        return found.error();
    if (!found.value())
        return std::optional<Organisation>{};
    Organisation organisation;
    organisation.id = std::string(id);
    organisation.contact.phone = std::string(r.text(0));
    organisation.contact.email = std::string(r.text(1));
    organisation.contact.web = std::string(r.text(2));
    organisation.municipality = std::string(r.text(3));
    organisation.reply_days = r.integer(4);
    organisation.accepts_contact_requests = r.integer(5) != 0;
    auto name = localized_from_json(r.text(6));
    auto description = localized_from_json(r.text(7));
    if (!name || !description)
        return Error{"the texts of organisation " + in_quotes(id) + " are damaged", std::string(k_subject)};
    organisation.name = std::move(name.value());
    organisation.description = std::move(description.value());
    return std::optional<Organisation>{std::move(organisation)};
}

Result<std::vector<Interest>> Store::interests()
{
    auto stmt = Statement::prepare(
        m_db, k_subject,
        "SELECT id, (SELECT json_group_object(language, text) FROM texts WHERE owner = i.seq AND field = 21)"
        " FROM interests i ORDER BY seq",
        "reading interests");
    if (!stmt)
        return stmt.error();
    std::vector<Interest> interests;
    while (true) {
        auto row = stmt.value().step("reading interests");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        Interest interest;
        interest.id = std::string(stmt.value().text(0));
        auto label = localized_from_json(stmt.value().text(1));
        if (!label)
            return Error{"the label of interest " + in_quotes(interest.id) + " is damaged", std::string(k_subject)};
        interest.label = std::move(label.value());
        interests.push_back(std::move(interest));
    }
    return interests;
}

Result<std::vector<Organisation>> Store::contact_organisations(std::string_view home_municipality)
{
    const char* operation = "listing organisations that accept contact requests";
    auto stmt = Statement::prepare(
        m_db, k_subject,
        "SELECT id, phone, email, web, municipality, reply_days,"
        " (SELECT json_group_object(language, text) FROM texts WHERE owner = g.seq AND field = 11)"
        " FROM organisations g WHERE accepts_contact_requests != 0"
        " ORDER BY municipality != ?1, seq",
        operation);
    if (!stmt)
        return stmt.error();
    stmt.value().bind(1, home_municipality);
    std::vector<Organisation> organisations;
    while (true) {
        auto row = stmt.value().step(operation);
        if (!row)
            return row.error();
        if (!row.value())
            break;
        Statement& r = stmt.value();
        Organisation organisation;
        organisation.id = std::string(r.text(0));
        organisation.contact.phone = std::string(r.text(1));
        organisation.contact.email = std::string(r.text(2));
        organisation.contact.web = std::string(r.text(3));
        organisation.municipality = std::string(r.text(4));
        organisation.reply_days = r.integer(5);
        organisation.accepts_contact_requests = true;
        auto name = localized_from_json(r.text(6));
        if (!name)
            return Error{"the name of organisation " + in_quotes(organisation.id) + " is damaged", std::string(k_subject)};
        organisation.name = std::move(name.value());
        organisations.push_back(std::move(organisation));
    }
    return organisations;
}

Result<std::vector<std::string>> Store::towns()
{
    auto stmt = Statement::prepare(m_db, k_subject, "SELECT DISTINCT town FROM activities", "listing towns");
    if (!stmt)
        return stmt.error();
    std::vector<std::string> towns;
    while (true) {
        auto row = stmt.value().step("listing towns");
        if (!row)
            return row.error();
        if (!row.value())
            break;
        towns.emplace_back(stmt.value().text(0));
    }
    std::sort(towns.begin(), towns.end(), [](const std::string& a, const std::string& b) {
        return swedish_sort_key(a) < swedish_sort_key(b);
    });
    return towns;
}

Result<std::string> Store::text_characters()
{
    const char* operation = "collecting the characters of the catalogue";
    auto stmt = Statement::prepare(m_db, k_subject,
                                   "SELECT text FROM texts UNION ALL SELECT address FROM activities"
                                   " UNION ALL SELECT town FROM activities UNION ALL SELECT phone FROM organisations"
                                   " UNION ALL SELECT email FROM organisations",
                                   operation);
    if (!stmt)
        return stmt.error();
    // One bit per code point (136 KiB): the kiosk calls this at every start, over every text of the
    // catalogue, and a set of strings cost ~0.3 s for 5,000 activities (lotsen-bench startup).
    std::vector<std::uint64_t> seen((0x110000 + 63) / 64, 0);
    while (true) {
        auto row = stmt.value().step(operation);
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const std::string_view text = stmt.value().text(0);
        for (std::size_t i = 0; i < text.size();) {
            const auto lead = static_cast<unsigned char>(text[i]);
            const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (i + length > text.size())
                break;  // texts are valid UTF-8 (the catalogue parser checks); never read past one
            char32_t code = length == 1 ? lead : length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
            for (std::size_t k = 1; k < length; ++k)
                code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            if (code < 0x110000)
                seen[code / 64] |= std::uint64_t{1} << (code % 64);
            i += length;
        }
    }
    std::string characters;
    for (std::size_t word = 0; word < seen.size(); ++word) {
        for (std::uint64_t bits = seen[word]; bits != 0; bits &= bits - 1) {
            const auto code = static_cast<char32_t>(word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
            append_utf8(characters, code);
        }
    }
    return characters;
}

Result<std::int64_t> Store::activity_count()
{
    auto stmt = Statement::prepare(m_db, k_subject, "SELECT count(*) FROM activities", "counting activities");
    if (!stmt)
        return stmt.error();
    auto row = stmt.value().step("counting activities");
    if (!row)
        return row.error();
    return stmt.value().int64(0);
}

Result<void> Store::check_integrity()
{
    std::vector<std::string> problems;
    {
        auto stmt = Statement::prepare(m_db, k_subject, "PRAGMA integrity_check", "checking integrity");
        if (!stmt)
            return stmt.error();
        while (true) {
            auto row = stmt.value().step("checking integrity");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            if (stmt.value().text(0) != "ok")  // a sound database answers a single "ok"
                problems.emplace_back(stmt.value().text(0));
        }
    }
    {
        // One row per violation: child table, child rowid (NULL for WITHOUT ROWID), parent table.
        auto stmt = Statement::prepare(m_db, k_subject, "PRAGMA foreign_key_check", "checking foreign keys");
        if (!stmt)
            return stmt.error();
        while (true) {
            auto row = stmt.value().step("checking foreign keys");
            if (!row)
                return row.error();
            if (!row.value())
                break;
            std::string problem = "a row of ";
            problem += stmt.value().text(0);
            problem += " refers to a missing row of ";
            problem += stmt.value().text(2);
            problems.push_back(std::move(problem));
        }
    }
    // The FTS5 tables check their own b-trees (contentless: structure only).
    for (const char* table : k_search_tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('integrity-check')";
        if (auto checked = sqlite::exec(m_db, k_subject, sql.c_str(), "checking the search index"); !checked)
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
