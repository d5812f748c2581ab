// store_internal.hpp — what the store's files share and nobody else sees: the subject of its
// messages, how a text row says which text it is, the nested values stored as JSON, occurrence rows,
// the meta table, and the search index built from the stored rows. Not part of the store's API.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/catalogue/schedule.hpp"
#include "core/sqlite/sqlite_db.hpp"
#include "core/storage/store.hpp"
#include "core/time/civil_time.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct fts5_api;

namespace lotsen::store_internal {

using sqlite::Statement;
using sqlite::Transaction;

/// What every error message of the store starts with.
inline constexpr std::string_view k_subject = "store";

/// Seconds in a day (a UTC day; local days go through civil_time).
inline constexpr std::int64_t k_seconds_per_day = 86400;
/// Minutes in a day, the unit of occurrences.local_start.
inline constexpr std::int64_t k_minutes_per_day = 1440;

/// `inner` told by the store with `context` in front: "store: <context><inner>", where an inner error
/// of the store's own does not repeat "store: ".
Error with_context(std::string context, const Error& inner);

// ---------------------------------------------------------------------------------------------
// Texts

/// Which text a row of `texts` is. Owners of different kinds share rowid numbers, so the field also
/// says which table `owner` points into. Values are stored: never renumber. The SQL that names a
/// field builds it from here (sql_text()), so this is the only place the numbers are written.
enum class TextField : int {
    activity_title = 1,
    activity_description = 2,
    place_name = 3,
    cost_note = 4,
    place_how_to_find_us = 5,
    organisation_name = 11,
    organisation_description = 12,
    organisation_needs = 13,   ///< catalogue format 1.5
    organisation_offers = 14,  ///< catalogue format 1.5
    interest_label = 21,
};

/// Whose image a row of `images` is (stored: never renumber).
enum class ImageOwner : int {
    organisation = 0,  ///< its logo; owner = organisations.seq
    activity = 1,      ///< its photo; owner = activities.seq
};

/// Appends a piece of SQL text.
inline void append_sql(std::string& sql, std::string_view text)
{
    sql += text;
}

/// Appends the number `field` is stored as.
inline void append_sql(std::string& sql, TextField field)
{
    sql += std::to_string(static_cast<int>(field));
}

/// Appends the number `owner` is stored as.
inline void append_sql(std::string& sql, ImageOwner owner)
{
    sql += std::to_string(static_cast<int>(owner));
}

/// SQL text joined from pieces, each TextField written as its stored number:
/// sql_text("... field = ", TextField::activity_title, " AND ...").
template <typename... Pieces>
std::string sql_text(const Pieces&... pieces)
{
    std::string sql;
    (append_sql(sql, pieces), ...);
    return sql;
}

/// A json_group_object(language, text) result as a LocalizedText; an error means a damaged database.
Result<LocalizedText> localized_from_json(std::string_view text);

// ---------------------------------------------------------------------------------------------
// The nested values nobody queries, stored as small JSON documents (written and read only by the
// store). A read error means a damaged database.

/// The schedule as stored in activities.schedule.
std::string schedule_to_json(const Schedule& schedule);
/// A stored schedule.
Result<Schedule> schedule_from_json(std::string_view text);
/// A list of strings as stored (activities.accessibility).
std::string strings_to_json(const std::vector<std::string>& strings);
/// A stored list of strings.
Result<std::vector<std::string>> strings_from_json(std::string_view text);
/// The audience as stored in activities.audience.
std::string audience_to_json(const Audience& audience);
/// A stored audience.
Result<Audience> audience_from_json(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Occurrences

/// A wall-clock time as occurrences.local_start stores it: local days since epoch * 1440 + minutes.
std::int64_t encode_local(const LocalDateTime& local);
/// The wall-clock time occurrences.local_start holds.
LocalDateTime decode_local(std::int64_t value);

/// Inserts one occurrence: ?1 activity seq, ?2 start, ?3 end, ?4 encode_local(local start).
inline constexpr const char* k_sql_insert_occurrence =
    "INSERT OR IGNORE INTO occurrences(activity, starts, ends, local_start) VALUES (?1, ?2, ?3, ?4)";

/// Stores the occurrences of `schedule` starting in [from, to) through `insert` (k_sql_insert_occurrence).
Result<void> insert_occurrences(Statement& insert, std::int64_t activity_seq, const Schedule& schedule,
                                UnixSeconds from, UnixSeconds to, std::string_view activity_id);

/// The occurrence window never spans more than this many days; see Store::ensure_occurrences().
inline constexpr std::int64_t k_max_window_days = 2 * Store::max_query_days;

// ---------------------------------------------------------------------------------------------
// meta

/// meta: the version of the catalogue in use.
inline constexpr const char* k_meta_catalogue_version = "catalogue_version";
/// meta: when that catalogue was published.
inline constexpr const char* k_meta_catalogue_published = "catalogue_published";
/// meta: the first second of the materialised occurrence window.
inline constexpr const char* k_meta_window_from = "occurrences_from";
/// meta: the end (exclusive) of the materialised occurrence window.
inline constexpr const char* k_meta_window_to = "occurrences_to";

/// meta: every distinct character the catalogue's texts use (collect_characters), stored by the import so
/// that a start need not read every text again.
inline constexpr const char* k_meta_characters = "characters";

/// The integer stored under `name` in meta, nullopt when there is none.
Result<std::optional<std::int64_t>> read_meta_int(sqlite3* db, const char* name);
/// The text stored under `name` in meta, nullopt when there is none.
Result<std::optional<std::string>> read_meta_text(sqlite3* db, const char* name);
/// Stores `value` under `name` in meta.
Result<void> write_meta(sqlite3* db, const char* name, const std::variant<std::int64_t, std::string>& value);

/// A set of characters, one bit per code point (136 KiB): a set of strings cost ~0.3 s for 5,000
/// activities. Texts are valid UTF-8 (the catalogue parser checks); an ill-formed sequence anywhere is
/// left out (utf8_step), never read past.
class CharacterSet {
public:
    CharacterSet();
    void add(std::string_view utf8);
    /// Every character added, once each in code point order, as UTF-8.
    std::string utf8() const;

private:
    std::vector<std::uint64_t> m_seen;
};

/// This connection's FTS5 interface (for its functions and tokenizers), or why there is none.
Result<fts5_api*> fts5_api_of(sqlite3* db);

/// Every distinct character of the stored texts, addresses, towns and contacts, once each in code point
/// order, as UTF-8, read from every row. An import collects the same set as it writes those rows
/// (CatalogueImport) and stores it (k_meta_characters); this is for a store that has none.
Result<std::string> collect_characters(sqlite3* db);

// ---------------------------------------------------------------------------------------------
// List lines. The hot queries pick the rows first (ordered, limited) with plain columns only; the
// texts of the lines shown come from list_texts (store_list_texts.cpp), as rows rather than JSON, so
// nothing is encoded or parsed per line: read in one more query (Store::fill_list_texts), or, for a
// line in one language, joined to the query that picks it (line_joins(), search()).

/// The columns read_item() reads, from `activities a`.
#define LOTSEN_ITEM_COLUMNS "a.seq, a.id, a.town, a.cost_sek = 0, a.drop_in, a.accessible, a.latitude, a.longitude"

/// Reads columns 0..7 (LOTSEN_ITEM_COLUMNS) of `row` into `item`; returns the activity's seq.
std::int64_t read_item(const Statement& row, ActivityListItem& item);

/// An ImageRef from columns sha256, bytes, width, height, type of `row`, starting at `first`.
ImageRef image_from_row(const Statement& row, int first);

/// What a line in one language shows besides its item columns, from line_joins(): the texts its
/// language and the fallback row hold (9 columns) and its image (5).
#define LOTSEN_LINE_COLUMNS                                                                            \
    "d.title, d.title_language, d.place, d.place_language, d.organisation, d.organisation_language," \
    " w.title, w.place, w.organisation,"                                                             \
    " d.image_sha256, d.image_bytes, d.image_width, d.image_height, d.image_type"

/// The joins LOTSEN_LINE_COLUMNS reads, for `activities a` and the visitor's language in the SQL
/// parameter `language` (say "?3"): two seeks in list_texts per line.
std::string line_joins(std::string_view language);

/// Reads LOTSEN_LINE_COLUMNS, from column `first` of `row` on, into `item`: of its title, place name
/// and organisation name the one text LocalizedText::get(language) answers with, and its image.
void read_line(const Statement& row, int first, std::string_view language, ActivityListItem& item);

/// `numbers` as a JSON array, for json_each(?N).
std::string json_array(const std::vector<std::int64_t>& numbers);

/// Inserts one row of list_texts: ?1 activity seq, ?2 language ('' for the fallback row), ?3 title,
/// ?4 its language, ?5 place name, ?6 its language, ?7 organisation name, ?8 its language, ?9..?13
/// the image's sha256, bytes, width, height and type (the languages and the image in the fallback row
/// only).
inline constexpr const char* k_sql_insert_list_text =
    "INSERT INTO list_texts(activity, language, title, title_language, place, place_language, organisation,"
    " organisation_language, image_sha256, image_bytes, image_width, image_height, image_type)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/// Writes the list_texts rows of activity `activity_seq` (store_list_texts.cpp) through `insert`
/// (k_sql_insert_list_text): what its list line shows in each language, from its title, its place's
/// name and its organisation's name, and `image` (its photo, else its organisation's logo; none when
/// null or not resolved).
Result<void> insert_list_texts(Statement& insert, std::int64_t activity_seq, const LocalizedText& title,
                               const LocalizedText& place, const LocalizedText& organisation, const ImageRef* image,
                               std::string_view what);

/// Fills list_texts from the stored rows (a store migrated from a version without it): the same rows
/// an import writes.
Result<void> rebuild_list_texts(sqlite3* db);

// ---------------------------------------------------------------------------------------------
// Search index

/// The four FTS5 tables (store_schema.cpp): every searched text, and the short ones only; each
/// folded and exact.
inline constexpr std::array<const char*, 4> k_search_tables{"search_all_folded", "search_all_exact",
                                                             "search_names_folded", "search_names_exact"};

using SearchTables = std::span<const char* const>;

/// What one activity gives the search index: its seq (the tables' rowid) and four columns, each
/// every language's text joined by '\n' in the order of the languages' codes, as `texts` keeps them:
/// its title, its description, its organisation's name, and its interests' labels (interest by
/// interest in the activity's order). The folded tables get folded_document() of each, made by
/// SearchIndexFill unless the document brings it (`folded`, for the texts an import sees again and
/// again: the organisation's name, the interests' labels).
struct SearchDocument {
    std::int64_t seq = 0;
    std::array<std::string, 4> texts;  ///< title, description, organisation, interests
    std::array<std::optional<std::string>, 4> folded;  ///< folded_document(texts[i]) where already known
};

/// Appends `text`'s texts to `joined` as a SearchDocument column holds them; `any` says whether
/// `joined` holds a text already (an empty one counts), and is set when `text` had one.
void join_texts(std::string& joined, bool& any, const LocalizedText& text);

/// Fills search tables anew inside the caller's transaction: begin() clears them, add() takes one
/// activity's document at a time (written a chunk of a few hundred at a time, table by table), and
/// finish() writes the rest and merges each table into one b-tree. An import hands it documents as it
/// reads (store_import.cpp); rebuild_search_index() reads them from the stored rows, the same texts
/// in the same order, so both index exactly the same thing.
class SearchIndexFill {
public:
    static Result<SearchIndexFill> begin(sqlite3* db, SearchTables tables);
    Result<void> add(SearchDocument document);
    Result<void> finish();

private:
    SearchIndexFill(sqlite3* db, SearchTables tables);
    Result<void> write_chunk();

    sqlite3* m_db = nullptr;
    SearchTables m_tables;
    std::vector<Statement> m_inserts;  ///< one per table, in m_tables' order
    std::vector<SearchDocument> m_chunk;
};

/// Rebuilds every search table from the stored rows (not from a Catalogue): a migration, or an import
/// that handed over no documents.
Result<void> rebuild_search_index(sqlite3* db);

/// Rebuilds only search_all_folded and search_all_exact from the stored rows (migration 6, which
/// made them anew).
Result<void> rebuild_all_text_search_tables(sqlite3* db);

}  // namespace lotsen::store_internal
