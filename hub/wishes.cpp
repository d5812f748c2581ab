// wishes.cpp — reading the wishes table (hub_store.cpp's schema 5) and counting it per site and value
// with stats.hpp's SuppressedCells (see wishes.hpp for the rules).
#include "hub/wishes.hpp"

#include "core/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>

namespace lotsen::hub {

namespace {

using sqlite::Statement;

constexpr std::string_view k_subject = "hub store";

// The column of every value together, as the statistics name their totals.
constexpr const char* k_total = "total";

// The languages the kiosks offer (config/lotsen.toml): columns even when nobody asked for them, so a
// missing column never tells "nobody" from "fewer than five".
constexpr std::array<std::string_view, 7> k_kiosk_languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
constexpr std::array<std::string_view, 7> k_weekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 3> k_day_parts{"morning", "afternoon", "evening"};

// One stored wish as the counting needs it: where, and what it names ("" = not said).
struct WishRow {
    std::string site;
    std::array<std::string, 4> values;  ///< interest, weekday, day part, language (wish_table_ids' order)
};

std::string column_text(const Statement& s, int column)
{
    return s.is_null(column) ? std::string() : std::string(s.text(column));
}

Result<std::vector<WishRow>> read_wishes(HubStore& store, const WishQuery& query)
{
    // LEFT JOIN: a wish from a kiosk no longer in the table (never happens; kiosks are revoked, not
    // deleted) still counts, under "?".
    auto s = LOTSEN_TRY(Statement::prepare(
        store.connection(), k_subject,
        "SELECT coalesce(k.site, '?'), w.interest, w.weekday, w.day_part, w.language FROM wishes w "
        "LEFT JOIN kiosks k ON k.public_key = w.kiosk WHERE w.created_at_corrected >= ?1 AND w.created_at_corrected < ?2",
        "reading wishes"));
    s.bind(1, query.from);
    s.bind(2, query.to);
    std::vector<WishRow> rows;
    while (LOTSEN_TRY(s.step("reading wishes"))) {
        WishRow row;
        row.site = std::string(s.text(0));
        for (int i = 0; i < 4; ++i)
            row.values[static_cast<std::size_t>(i)] = column_text(s, i + 1);
        if (query.interests && !query.interests->count(row.values[0]))
            continue;  // an association sees what concerns its interests only
        rows.push_back(std::move(row));
    }
    return rows;
}

// The columns of dimension `d`: its known values, then any other value that was counted.
std::vector<std::string> columns_of(std::size_t d, const WishQuery& query, const std::vector<WishRow>& rows)
{
    std::vector<std::string> columns;
    auto add = [&](std::string_view value) {
        if (!value.empty() && std::find(columns.begin(), columns.end(), value) == columns.end())
            columns.emplace_back(value);
    };
    switch (d) {
    case 0:
        if (query.interests) {
            for (const std::string& interest : *query.interests)
                add(interest);
        } else {
            // A catalogue without interests of its own (or none at hand) uses the default vocabulary.
            const bool own = query.catalogue != nullptr && !query.catalogue->interests.empty();
            for (const Interest& interest : own ? query.catalogue->interests : default_interests())
                add(interest.id);
        }
        break;
    case 1: for (std::string_view day : k_weekdays) add(day); break;
    case 2: for (std::string_view part : k_day_parts) add(part); break;
    case 3: for (std::string_view language : k_kiosk_languages) add(language); break;
    default: break;
    }
    std::vector<std::string> others;
    for (const WishRow& row : rows) {
        const std::string& value = row.values[d];
        if (!value.empty() && std::find(columns.begin(), columns.end(), value) == columns.end()
            && std::find(others.begin(), others.end(), value) == others.end())
            others.push_back(value);
    }
    std::sort(others.begin(), others.end());
    columns.insert(columns.end(), others.begin(), others.end());
    return columns;
}

StatsTable count_dimension(std::size_t d, const WishQuery& query, const std::vector<WishRow>& rows)
{
    StatsTable table;
    static const char* const k_titles[] = {"Interests visitors miss, per site", "Weekdays visitors ask for, per site",
                                           "Times of day visitors ask for, per site", "Languages visitors ask for, per site"};
    table.id = wish_table_ids()[d];
    table.title = k_titles[d];
    std::vector<std::string> values = columns_of(d, query, rows);
    table.columns = values;
    table.columns.push_back(k_total);

    // A site is a row once a wish there answers this table's question, as the statistics list a
    // site once it has a check-in: a row of zeros at a site with no wishes would only make the
    // suppression hide the counts of the sites that have some.
    std::vector<std::string> row_keys;
    for (const WishRow& row : rows) {
        if (!row.values[d].empty() && std::find(row_keys.begin(), row_keys.end(), row.site) == row_keys.end())
            row_keys.push_back(row.site);
    }
    std::sort(row_keys.begin(), row_keys.end());
    row_keys.push_back("*");

    SuppressedCells cells;
    // Cells are keyed "site\x1fvalue"; the "*" site and the k_total value are the totals of their lines.
    auto cell = [&](const std::string& site, const std::string& value) { return cells.cell(site + '\x1f' + value); };
    for (const std::string& site : row_keys) {
        for (const std::string& column : table.columns)
            cell(site, column);
    }
    for (const WishRow& row : rows) {
        const std::string& value = row.values[d];
        if (value.empty())
            continue;
        for (const std::string& site : {row.site, std::string("*")}) {
            cells.add(cell(site, value));
            cells.add(cell(site, k_total));
        }
    }
    // Every row adds up to its total, every column to the all-sites row. The total stands first in
    // each line: where a line needs one more cell hidden and a total ties with a site's count (one
    // site asked), the total goes, and the page still says where visitors asked.
    for (const std::string& site : row_keys) {
        std::vector<std::size_t> line{cell(site, k_total)};
        for (const std::string& value : values)
            line.push_back(cell(site, value));
        cells.line(std::move(line));
    }
    for (const std::string& column : table.columns) {
        std::vector<std::size_t> line{cell("*", column)};
        for (const std::string& site : row_keys) {
            if (site != "*")
                line.push_back(cell(site, column));
        }
        cells.line(std::move(line));
    }
    cells.suppress();

    for (const std::string& site : row_keys) {
        StatsRow row;
        row.key = site;
        row.label = site == "*" ? std::string("all sites") : site;
        for (const std::string& column : table.columns) {
            const std::size_t c = cell(site, column);
            row.shown.push_back(cells.shown(c));
            row.values.push_back(cells.published(c) ? std::optional<std::int64_t>(cells.count(c)) : std::nullopt);
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace

const std::vector<std::string>& wish_table_ids()
{
    static const std::vector<std::string> ids{"wishes_interest", "wishes_weekday", "wishes_day_part", "wishes_language"};
    return ids;
}

Result<std::vector<StatsTable>> compute_wishes(HubStore& store, const WishQuery& query)
{
    const std::vector<WishRow> rows = LOTSEN_TRY(read_wishes(store, query));
    std::vector<StatsTable> tables;
    for (std::size_t d = 0; d < wish_table_ids().size(); ++d)
        tables.push_back(count_dimension(d, query, rows));
    return tables;
}

std::set<std::string> association_interests(const Catalogue& catalogue, const std::string& organisation_id)
{
    std::set<std::string> interests;
    for (const Activity& activity : catalogue.activities) {
        if (activity.organisation_id == organisation_id)
            interests.insert(activity.interests.begin(), activity.interests.end());
    }
    return interests;
}

}  // namespace lotsen::hub
