// store_search_index.cpp — filling the four FTS5 search tables: from documents an import hands over
// as it reads (SearchIndexFill), or from the stored rows (a migration, an import that could not).
// The tables themselves and the rank function are store_schema.cpp's; the tiers that query them
// store_search.cpp's.
#include "core/storage/search_folding.hpp"
#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>

namespace lotsen {

using namespace store_internal;

namespace {

// FTS5's merge settings (kept in each table's `_config`): `automerge` merges segments as rows come in,
// `crisismerge` whenever that many wait at one level. A bulk fill sets both out of the way and merges
// once at the end ('optimize'): merging as it goes rewrote the growing index again and again (perf,
// 50,000 activities: 21 % of the import in FTS5's flushes and merges). Crisis merges stay possible,
// so the segment count (FTS5 allows 2,000) is never reached.
constexpr int k_fts_automerge_default = 4;
constexpr int k_fts_crisismerge_default = 16;
constexpr int k_fts_crisismerge_bulk = 1000;

// The documents of a few hundred activities at a time, each table filled from them in turn: feeding
// every table row by row kept all four tables' pending terms (FTS5's in-memory hash, about 1 MiB
// each) hot at once, and their chain walks missed the CPU caches (perf, 10,000 activities: the
// inserts took 40 % longer than one table after the other; 25 % of all samples in FTS5's hash
// look-up against 5 %).
constexpr std::size_t k_chunk = 512;

Result<void> set_merge_settings(sqlite3* db, SearchTables tables, int automerge, int crisismerge)
{
    for (const char* table : tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ", rank) VALUES ('automerge', "
                                + std::to_string(automerge) + "); INSERT INTO " + table + "(" + table
                                + ", rank) VALUES ('crisismerge', " + std::to_string(crisismerge) + ")";
        LOTSEN_TRY(sqlite::exec(db, k_subject, sql.c_str(), "setting how the search index merges"));
    }
    return success();
}

bool is_names_table(std::string_view table)
{
    return table.find("names") != std::string_view::npos;
}

bool is_exact_table(std::string_view table)
{
    return table.find("exact") != std::string_view::npos;
}

// Fills `tables` anew from the stored rows, each column's texts joined as SearchDocument says.
Result<void> fill_from_rows(sqlite3* db, SearchTables tables)
{
    // group_concat takes the texts in the order it meets them: `texts` in its key's order (owner,
    // field, language), an activity's interests in their positions' order.
    const std::string read_sql = sql_text(
        "SELECT a.seq,"
        " (SELECT group_concat(text, char(10)) FROM texts WHERE owner = a.seq AND field = ",
        TextField::activity_title, "),"
        " (SELECT group_concat(text, char(10)) FROM texts WHERE owner = a.seq AND field = ",
        TextField::activity_description, "),"
        " (SELECT group_concat(t.text, char(10)) FROM organisations g"
        "    JOIN texts t ON t.owner = g.seq AND t.field = ", TextField::organisation_name,
        " WHERE g.id = a.organisation_id),"
        " (SELECT group_concat(t.text, char(10)) FROM activity_interests ai"
        "    JOIN interests i ON i.id = ai.interest"
        "    JOIN texts t ON t.owner = i.seq AND t.field = ", TextField::interest_label,
        " WHERE ai.activity = a.seq)"
        " FROM activities a");
    auto read = LOTSEN_TRY(Statement::prepare(db, k_subject, read_sql.c_str(), "reading texts to index"));
    auto fill = LOTSEN_TRY(SearchIndexFill::begin(db, tables));
    while (LOTSEN_TRY(read.step("reading texts to index"))) {
        SearchDocument document;
        document.seq = read.int64(0);
        for (std::size_t column = 0; column < document.texts.size(); ++column)
            document.texts[column] = read.text(static_cast<int>(column) + 1);
        LOTSEN_TRY(fill.add(std::move(document)));
    }
    return fill.finish();
}

}  // namespace

void store_internal::join_texts(std::string& joined, bool& any, const LocalizedText& text)
{
    for (const auto& [language, value] : text.all()) {  // by language, as `texts` keeps them
        if (any)
            joined += '\n';
        joined += value;
        any = true;
    }
}

Result<SearchIndexFill> SearchIndexFill::begin(sqlite3* db, SearchTables tables)
{
    for (const char* table : tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('delete-all')";
        LOTSEN_TRY(sqlite::exec(db, k_subject, sql.c_str(), "clearing the search index"));
    }
    LOTSEN_TRY(set_merge_settings(db, tables, 0, k_fts_crisismerge_bulk));
    SearchIndexFill fill(db, tables);
    for (const char* table : tables) {
        const std::string sql = "INSERT INTO " + std::string(table)
                                + (is_names_table(table)
                                       ? "(rowid, title, organisation, interests) VALUES (?1, ?2, ?4, ?5)"
                                       : "(rowid, title, description, organisation, interests) VALUES (?1, ?2, ?3, ?4, ?5)");
        fill.m_inserts.push_back(LOTSEN_TRY(Statement::prepare(db, k_subject, sql.c_str(), "preparing the search index")));
    }
    fill.m_chunk.reserve(k_chunk);
    return fill;
}

SearchIndexFill::SearchIndexFill(sqlite3* db, SearchTables tables) : m_db(db), m_tables(tables) {}

Result<void> SearchIndexFill::add(SearchDocument document)
{
    m_chunk.push_back(std::move(document));
    if (m_chunk.size() < k_chunk)
        return success();
    return write_chunk();
}

Result<void> SearchIndexFill::write_chunk()
{
    std::vector<std::array<std::string, 4>> folded(m_chunk.size());
    for (std::size_t i = 0; i < m_chunk.size(); ++i) {
        for (std::size_t column = 0; column < 4; ++column) {
            std::optional<std::string>& known = m_chunk[i].folded[column];
            folded[i][column] = known ? std::move(*known) : folded_document(m_chunk[i].texts[column]);
        }
    }
    for (std::size_t table = 0; table < m_tables.size(); ++table) {
        const bool exact = is_exact_table(m_tables[table]);
        Statement& insert = m_inserts[table];
        for (std::size_t i = 0; i < m_chunk.size(); ++i) {
            insert.bind(1, m_chunk[i].seq);
            const std::array<std::string, 4>& texts = exact ? m_chunk[i].texts : folded[i];
            for (std::size_t column = 0; column < 4; ++column)
                insert.bind_borrowed(static_cast<int>(column) + 2, texts[column]);  // the chunk outlives the run
            LOTSEN_TRY(insert.run("indexing activity texts"));
        }
    }
    m_chunk.clear();
    return success();
}

Result<void> SearchIndexFill::finish()
{
    LOTSEN_TRY(write_chunk());
    m_inserts.clear();
    // One b-tree per index instead of many small segments: fewer pages touched per keystroke.
    for (const char* table : m_tables) {
        const std::string sql = "INSERT INTO " + std::string(table) + "(" + table + ") VALUES ('optimize')";
        LOTSEN_TRY(sqlite::exec(m_db, k_subject, sql.c_str(), "optimising the search index"));
    }
    // Back to FTS5's defaults, so the stored settings are the ones every other writer expects.
    return set_merge_settings(m_db, m_tables, k_fts_automerge_default, k_fts_crisismerge_default);
}

Result<void> store_internal::rebuild_search_index(sqlite3* db)
{
    return fill_from_rows(db, k_search_tables);
}

Result<void> store_internal::rebuild_all_text_search_tables(sqlite3* db)
{
    static constexpr std::array<const char*, 2> all_text{"search_all_folded", "search_all_exact"};
    return fill_from_rows(db, all_text);
}

}  // namespace lotsen
