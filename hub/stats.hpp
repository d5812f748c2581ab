// stats.hpp — the region's anonymous statistics, one computation for `lotsen-hub stats` (text or
// CSV) and the office's follow-up page (HTML tables, SVG plots, the same CSV): check-ins per
// association and activity per ISO week, check-ins per site per week, first visits, how visitors
// heard of the activity, mood, contact requests per association with their reply times (received →
// handled, median), what came of them (contact_outcomes) and how fast they were answered.
//
// Disclosure control. Every count under 5 (0 included) is printed "<5", never the number. Totals
// would give such a cell away (total − the visible cells), so the tables are one system of additive
// "lines" (a row and its total, a column and its total, an association and its activities), and the
// cells shared between tables (an association's check-ins, the grand total) are the same cell in
// every table. Whenever a line holds exactly one hidden cell, its smallest visible cell is hidden
// too (printed "x"), repeated until no line has exactly one: no "<5" is then the difference of a
// published total and published cells. This is the classic primary + complementary suppression; it
// does not defend against every interval argument over several lines at once, and shares and medians
// are only shown when every count they are computed from is shown.
#pragma once

#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "core/catalogue/model.hpp"
#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub {

/// Counts below this are suppressed.
inline constexpr std::int64_t k_min_published_count = 5;

/// What stats reports.
struct StatsOptions {
    std::optional<Date> from;  ///< first day included (Swedish time); none = from the start
    std::optional<Date> to;    ///< last day included; none = up to now
    bool csv = false;          ///< table,row,column,value lines instead of tables
    const Catalogue* catalogue = nullptr;  ///< names instead of ids
    std::string table;         ///< one table only (its id, stats_table_ids()); empty = every table
};

/// One row of a table as published: every cell already suppressed.
struct StatsRow {
    std::string key;    ///< the CSV's row field
    std::string label;  ///< for people (a catalogue name when there is one)
    bool sub = false;   ///< an activity under its association
    std::vector<std::string> shown;                  ///< per column: the count, "<5" or "x"
    std::vector<std::optional<std::int64_t>> values;  ///< per column: the count when published, else none
    std::vector<std::string> extra;                  ///< derived texts (shares, medians), per extra column
};

/// One table as published.
struct StatsTable {
    std::string id;     ///< the CSV's table field
    std::string title;
    std::vector<std::string> columns;        ///< the cells' column keys (and headers)
    std::vector<std::string> extra_columns;  ///< headers of `extra`
    std::vector<StatsRow> rows;
};

/// The whole report, suppressed.
struct StatsReport {
    std::optional<Date> from;
    std::optional<Date> to;
    std::vector<StatsTable> tables;
    /// The table with this id, or null.
    const StatsTable* find(const std::string& id) const;
};

/// Every table id, in report order.
const std::vector<std::string>& stats_table_ids();

/// Counts and suppresses (one implementation for the command and the office).
Result<StatsReport> compute_stats(HubStore& store, const StatsOptions& options);

/// The report as the command prints it: text tables, or CSV (header "table,row,column,value") when
/// options.csv; options.table limits it to that table.
std::string format_stats(const StatsReport& report, const StatsOptions& options);

/// ISO 8601 week of a date, e.g. "2025-W47".
std::string iso_week(const Date& date);

/// Cells and additive lines with primary and complementary suppression (see the file comment).
class SuppressedCells {
public:
    /// The cell named `key`, created at 0 if new.
    std::size_t cell(const std::string& key);
    /// Adds `count` to a cell.
    void add(std::size_t cell, std::int64_t count = 1);
    /// Declares that the last member equals the sum of the others.
    void line(std::vector<std::size_t> members);
    /// Runs suppression; call once after every add() and line().
    void suppress();
    /// The cell as published: its count, "<5" or "x".
    std::string shown(std::size_t cell) const;
    /// True when the cell's count is published.
    bool published(std::size_t cell) const;
    /// The raw count (for computing what is then checked with published()).
    std::int64_t count(std::size_t cell) const { return m_counts[cell]; }

private:
    enum class State { shown, small, complementary };
    std::vector<std::int64_t> m_counts;
    std::vector<State> m_states;
    std::vector<std::string> m_keys;
    std::vector<std::vector<std::size_t>> m_lines;
};

/// compute_stats() then format_stats(), with what visitors miss (hub/wishes.hpp, tables wishes_*) after
/// the other tables; an unknown options.table is an error naming the known ones.
Result<std::string> render_stats(HubStore& store, const StatsOptions& options);

}  // namespace lotsen::hub
