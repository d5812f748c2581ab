// stats.cpp — counting, suppressing and laying out the statistics (see stats.hpp for the rules).
#include "hub/stats.hpp"

#include "hub/wishes.hpp"

#include "core/sqlite/sqlite_db.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace lotsen::hub {

namespace {

constexpr const char* k_small = "<5";
constexpr const char* k_complementary = "x";
constexpr const char* k_no_association = "(none)";

const std::array<const char*, 5> k_how_heard{"kiosk", "friend_or_family", "healthcare", "social_services", "other"};
const std::array<const char*, 4> k_moods{"heavy", "low", "okay", "good"};
const std::array<const char*, 4> k_outcomes{"contacted", "met", "could_not_reach", "declined"};
constexpr const char* k_no_outcome = "handled, no outcome";  // marked handled by `lotsen-hub inbox`
constexpr const char* k_no_site = "(unknown site)";
const std::array<const char*, 4> k_reply_buckets{"within 1 day", "1-3 days", "3-7 days", "over 7 days"};

const char* reply_bucket(std::int64_t seconds)
{
    constexpr std::int64_t day = 86400;
    return seconds <= day ? k_reply_buckets[0] : seconds <= 3 * day ? k_reply_buckets[1] : seconds <= 7 * day ? k_reply_buckets[2] : k_reply_buckets[3];
}

// The statistics' own view of a check-in: the store's CheckInRow and the kiosk's site.
struct CheckIn {
    std::string organisation_id;
    std::string activity_id;
    UnixSeconds created_at_corrected = 0;
    std::optional<bool> first_visit;
    std::string how_heard;
    std::string mood;
    std::string site;  ///< the kiosk's site; empty when the kiosk is no longer known
};

// A contact request's routing, timing and outcome (never the sealed box).
struct Contact {
    std::string organisation_id;
    UnixSeconds received_at = 0;
    std::optional<UnixSeconds> handled_at;
    std::string outcome;  ///< contact_outcomes.outcome, or empty
};

std::string text_or_empty(const sqlite::Statement& s, int column)
{
    return s.is_null(column) ? std::string() : std::string(s.text(column));
}

Result<std::vector<CheckIn>> read_checkins(HubStore& store, UnixSeconds from, UnixSeconds to)
{
    auto s = LOTSEN_TRY(sqlite::Statement::prepare(
        store.connection(), "statistics",
        "SELECT e.organisation_id, e.activity_id, e.created_at_corrected, e.first_visit, e.how_heard, e.mood, k.site "
        "FROM events e LEFT JOIN kiosks k ON k.public_key = e.kiosk "
        "WHERE e.kind = 'checkin' AND e.created_at_corrected >= ?1 AND e.created_at_corrected < ?2",
        "reading check-ins"));
    s.bind(1, from);
    s.bind(2, to);
    std::vector<CheckIn> rows;
    while (LOTSEN_TRY(s.step("reading check-ins"))) {
        CheckIn row{text_or_empty(s, 0), text_or_empty(s, 1), s.int64(2), std::nullopt, text_or_empty(s, 4),
                    text_or_empty(s, 5), text_or_empty(s, 6)};
        if (!s.is_null(3))
            row.first_visit = s.int64(3) != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<Contact>> read_contacts(HubStore& store, UnixSeconds from, UnixSeconds to)
{
    auto s = LOTSEN_TRY(sqlite::Statement::prepare(
        store.connection(), "statistics",
        "SELECT c.organisation_id, c.received_at, c.handled_at, o.outcome FROM contact_requests c "
        "LEFT JOIN contact_outcomes o ON o.event_id = c.event_id WHERE c.received_at >= ?1 AND c.received_at < ?2",
        "reading contact requests"));
    s.bind(1, from);
    s.bind(2, to);
    std::vector<Contact> rows;
    while (LOTSEN_TRY(s.step("reading contact requests"))) {
        Contact row{text_or_empty(s, 0), s.int64(1), std::nullopt, text_or_empty(s, 3)};
        if (!s.is_null(2))
            row.handled_at = s.int64(2);
        rows.push_back(std::move(row));
    }
    return rows;
}

// One row of a printed table: its key (CSV), label (table) and cells; `extra` are derived texts
// (shares, medians) printed after the cells.
struct Row {
    std::string key;
    std::string label;
    std::vector<std::size_t> cells;
    std::vector<std::string> extra;
};

struct Table {
    std::string id;
    std::string title;
    std::vector<std::string> columns;        ///< header labels of the cells, CSV column keys too
    std::vector<std::string> extra_columns;  ///< header labels of `extra`
    std::vector<Row> rows;
};

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    for (char c : text)
        width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;  // code points, not bytes
    return width;
}

std::string pad(const std::string& text, std::size_t width, bool right)
{
    const std::size_t w = display_width(text);
    const std::string spaces(w < width ? width - w : 0, ' ');
    return right ? spaces + text : text + spaces;
}

std::string csv_field(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string organisation_label(const Catalogue* catalogue, const std::string& id)
{
    if (id.empty())
        return k_no_association;
    if (catalogue) {
        if (const Organisation* organisation = catalogue->find_organisation(id))
            return std::string(organisation->name.get("sv"));
    }
    return id;
}

std::string activity_label(const Catalogue* catalogue, const std::string& id)
{
    if (catalogue) {
        for (const Activity& activity : catalogue->activities) {
            if (activity.id == id)
                return std::string(activity.title.get("sv"));
        }
    }
    return id;
}

std::string render_table(const StatsTable& table)
{
    std::vector<std::vector<std::string>> text;
    std::vector<std::string> header{""};
    header.insert(header.end(), table.columns.begin(), table.columns.end());
    header.insert(header.end(), table.extra_columns.begin(), table.extra_columns.end());
    text.push_back(header);
    for (const StatsRow& row : table.rows) {
        std::vector<std::string> line{(row.sub ? "  " : "") + row.label};
        line.insert(line.end(), row.shown.begin(), row.shown.end());
        line.insert(line.end(), row.extra.begin(), row.extra.end());
        text.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& line : text) {
        for (std::size_t i = 0; i < line.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], display_width(line[i]));
    }
    std::string out = table.title + "\n";
    for (const auto& line : text) {
        std::string printed;
        for (std::size_t i = 0; i < line.size(); ++i)
            printed += "  " + pad(line[i], widths[i], i > 0);
        while (!printed.empty() && printed.back() == ' ')
            printed.pop_back();
        out += printed + "\n";
    }
    if (table.rows.empty())
        out += "  (nothing in this period)\n";
    return out + "\n";
}

std::string render_csv(const StatsTable& table)
{
    std::string out;
    for (const StatsRow& row : table.rows) {
        for (std::size_t i = 0; i < row.shown.size(); ++i)
            out += table.id + "," + csv_field(row.key) + "," + csv_field(table.columns[i]) + "," + row.shown[i] + "\n";
        for (std::size_t i = 0; i < row.extra.size(); ++i)
            out += table.id + "," + csv_field(row.key) + "," + csv_field(table.extra_columns[i]) + ","
                   + csv_field(row.extra[i]) + "\n";
    }
    return out;
}

std::string percent(std::int64_t part, std::int64_t whole)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.0f %%", whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return text;
}

std::string duration_text(std::int64_t seconds)
{
    char text[32];
    if (seconds < 2 * 3600)
        std::snprintf(text, sizeof text, "%lld min", static_cast<long long>(seconds / 60));
    else if (seconds < 2 * 86400)
        std::snprintf(text, sizeof text, "%.1f h", static_cast<double>(seconds) / 3600.0);
    else
        std::snprintf(text, sizeof text, "%.1f d", static_cast<double>(seconds) / 86400.0);
    return text;
}

std::int64_t median(std::vector<std::int64_t> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string iso_week(const Date& date)
{
    // The ISO year and week are those of the week's Thursday.
    const Date thursday = date.plus_days(4 - date.iso_weekday());
    const std::int64_t day_of_year = thursday.days_since_epoch() - Date{thursday.year, 1, 1}.days_since_epoch();
    const int week = static_cast<int>(day_of_year / 7) + 1;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-W%02d", thursday.year, week);
    return text;
}

std::size_t SuppressedCells::cell(const std::string& key)
{
    for (std::size_t i = m_keys.size(); i-- > 0;) {
        if (m_keys[i] == key)
            return i;
    }
    m_keys.push_back(key);
    m_counts.push_back(0);
    m_states.push_back(State::shown);
    return m_keys.size() - 1;
}

void SuppressedCells::add(std::size_t cell, std::int64_t count)
{
    m_counts[cell] += count;
}

void SuppressedCells::line(std::vector<std::size_t> members)
{
    m_lines.push_back(std::move(members));
}

void SuppressedCells::suppress()
{
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_states[i] = m_counts[i] < k_min_published_count ? State::small : State::shown;
    // Complementary suppression to a fixed point; each pass hides at least one more cell or stops,
    // so it ends after at most as many passes as there are cells.
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& members : m_lines) {
            std::size_t hidden = 0;
            for (std::size_t member : members)
                hidden += m_states[member] == State::shown ? 0 : 1;
            if (hidden != 1)
                continue;
            std::size_t smallest = members.front();
            bool found = false;
            for (std::size_t member : members) {
                if (m_states[member] == State::shown && (!found || m_counts[member] < m_counts[smallest])) {
                    smallest = member;
                    found = true;
                }
            }
            if (found) {
                m_states[smallest] = State::complementary;
                changed = true;
            }
        }
    }
}

std::string SuppressedCells::shown(std::size_t cell) const
{
    switch (m_states[cell]) {
    case State::shown: return std::to_string(m_counts[cell]);
    case State::small: return k_small;
    case State::complementary: return k_complementary;
    }
    return k_small;
}

bool SuppressedCells::published(std::size_t cell) const
{
    return m_states[cell] == State::shown;
}

// ---------------------------------------------------------------------------------------------

const StatsTable* StatsReport::find(const std::string& id) const
{
    for (const StatsTable& table : tables) {
        if (table.id == id)
            return &table;
    }
    return nullptr;
}

const std::vector<std::string>& stats_table_ids()
{
    static const std::vector<std::string> ids{"checkins_per_week", "checkins_per_site", "first_visits", "how_heard",
                                              "mood", "contact_requests", "contact_outcomes", "reply_times"};
    return ids;
}

Result<StatsReport> compute_stats(HubStore& store, const StatsOptions& options)
{
    const UnixSeconds from = options.from ? stockholm::start_of_day(*options.from) : std::numeric_limits<UnixSeconds>::min();
    const UnixSeconds to =
        options.to ? stockholm::start_of_day(options.to->plus_days(1)) : std::numeric_limits<UnixSeconds>::max();
    const auto checkins = LOTSEN_TRY(read_checkins(store, from, to));
    const auto contacts = LOTSEN_TRY(read_contacts(store, from, to));

    // Which associations, activities and weeks appear, sorted for a stable report.
    std::set<std::string> weeks;
    std::map<std::string, std::set<std::string>> activities_of;  // association → activities
    std::set<std::string> sites;
    for (const CheckIn& row : checkins) {
        sites.insert(row.site);
        weeks.insert(iso_week(stockholm::to_local(row.created_at_corrected).date));
        activities_of[row.organisation_id].insert(row.activity_id);
    }

    SuppressedCells cells;
    // Cell keys: "n|assoc|week" (per association), "a|assoc|activity|week", week "*" = all weeks,
    // assoc "*" = every association. The same key in two tables is the same cell.
    auto checkin_cell = [&](const std::string& association, const std::string& week) {
        return cells.cell("n|" + association + "|" + week);
    };
    auto activity_cell = [&](const std::string& association, const std::string& activity, const std::string& week) {
        return cells.cell("a|" + association + "|" + activity + "|" + week);
    };
    for (const CheckIn& row : checkins) {
        const std::string week = iso_week(stockholm::to_local(row.created_at_corrected).date);
        for (const std::string& w : {week, std::string("*")}) {
            cells.add(checkin_cell(row.organisation_id, w));
            cells.add(checkin_cell("*", w));
            cells.add(activity_cell(row.organisation_id, row.activity_id, w));
            cells.add(cells.cell("s|" + row.site + "|" + w));
        }
        const char* visit = !row.first_visit ? "not answered" : *row.first_visit ? "first visit" : "been before";
        cells.add(cells.cell(std::string("f|") + row.organisation_id + "|" + visit));
        cells.add(cells.cell(std::string("f|*|") + visit));
        cells.add(cells.cell("h|" + (row.how_heard.empty() ? std::string("not answered") : row.how_heard)));
        cells.add(cells.cell("m|" + (row.mood.empty() ? std::string("not answered") : row.mood)));
    }

    std::vector<std::string> week_columns(weeks.begin(), weeks.end());
    week_columns.push_back("total");
    auto week_key = [&](std::size_t i) { return i + 1 == week_columns.size() ? std::string("*") : week_columns[i]; };

    // Table 1: check-ins per association (and its activities) per ISO week.
    Table weekly{"checkins_per_week", "Check-ins per association and activity, per ISO week", week_columns, {}, {}};
    for (const auto& [association, activities] : activities_of) {
        Row row{association.empty() ? k_no_association : association, organisation_label(options.catalogue, association), {}, {}};
        for (std::size_t i = 0; i < week_columns.size(); ++i)
            row.cells.push_back(checkin_cell(association, week_key(i)));
        cells.line(row.cells);  // weeks + total
        weekly.rows.push_back(row);
        for (const std::string& activity : activities) {
            Row sub{row.key + "/" + activity, "  " + activity_label(options.catalogue, activity), {}, {}};
            for (std::size_t i = 0; i < week_columns.size(); ++i)
                sub.cells.push_back(activity_cell(association, activity, week_key(i)));
            cells.line(sub.cells);
            weekly.rows.push_back(sub);
        }
        for (std::size_t i = 0; i < week_columns.size(); ++i) {  // the activities add up to the association
            std::vector<std::size_t> members;
            for (const std::string& activity : activities)
                members.push_back(activity_cell(association, activity, week_key(i)));
            members.push_back(checkin_cell(association, week_key(i)));
            cells.line(members);
        }
    }
    if (!activities_of.empty()) {
        Row all{"*", "All associations", {}, {}};
        for (std::size_t i = 0; i < week_columns.size(); ++i) {
            all.cells.push_back(checkin_cell("*", week_key(i)));
            std::vector<std::size_t> members;
            for (const auto& entry : activities_of)
                members.push_back(checkin_cell(entry.first, week_key(i)));
            members.push_back(checkin_cell("*", week_key(i)));
            cells.line(members);
        }
        cells.line(all.cells);
        weekly.rows.push_back(all);
    }

    // Table 1b: check-ins per site (the kiosk's site at enrolment) per ISO week; the "all" row is
    // table 1's, so the sites and the associations are one system of lines.
    Table per_site{"checkins_per_site", "Check-ins per site, per ISO week", week_columns, {}, {}};
    for (const std::string& site : sites) {
        Row row{site.empty() ? k_no_site : site, site.empty() ? k_no_site : site, {}, {}};
        for (std::size_t i = 0; i < week_columns.size(); ++i)
            row.cells.push_back(cells.cell("s|" + site + "|" + week_key(i)));
        cells.line(row.cells);
        per_site.rows.push_back(row);
    }
    if (!sites.empty()) {
        Row all{"*", "All sites", {}, {}};
        for (std::size_t i = 0; i < week_columns.size(); ++i) {
            all.cells.push_back(checkin_cell("*", week_key(i)));
            std::vector<std::size_t> members;
            for (const std::string& site : sites)
                members.push_back(cells.cell("s|" + site + "|" + week_key(i)));
            members.push_back(checkin_cell("*", week_key(i)));
            cells.line(members);
        }
        per_site.rows.push_back(all);
    }

    // Table 2: first visits per association; the totals are table 1's.
    const std::vector<std::string> visit_columns{"first visit", "been before", "not answered", "total"};
    Table visits{"first_visits", "First visits per association", visit_columns, {"share of first visits"}, {}};
    std::vector<std::string> associations;
    for (const auto& entry : activities_of)
        associations.push_back(entry.first);
    if (!associations.empty())
        associations.push_back("*");
    for (const std::string& association : associations) {
        Row row{association == "*" ? "*" : (association.empty() ? k_no_association : association),
                association == "*" ? "All associations" : organisation_label(options.catalogue, association), {}, {}};
        for (std::size_t i = 0; i + 1 < visit_columns.size(); ++i)
            row.cells.push_back(cells.cell("f|" + association + "|" + visit_columns[i]));
        row.cells.push_back(checkin_cell(association, "*"));
        cells.line(row.cells);
        visits.rows.push_back(row);
    }
    for (std::size_t i = 0; i + 1 < visit_columns.size(); ++i) {
        std::vector<std::size_t> members;
        for (const std::string& association : associations) {
            if (association != "*")
                members.push_back(cells.cell("f|" + association + "|" + visit_columns[i]));
        }
        if (!members.empty()) {
            members.push_back(cells.cell("f|*|" + visit_columns[i]));
            cells.line(members);
        }
    }

    // Tables 3 and 4: how visitors heard of it, and mood, over every check-in of the period.
    auto distribution = [&](const char* id, const char* title, char prefix, const auto& categories) {
        Table table{id, title, {"check-ins"}, {}, {}};
        if (checkins.empty())
            return table;
        std::vector<std::size_t> members;
        std::vector<std::string> names(categories.begin(), categories.end());
        names.push_back("not answered");
        for (const std::string& name : names) {
            const std::size_t cell = cells.cell(std::string(1, prefix) + "|" + name);
            members.push_back(cell);
            table.rows.push_back(Row{name, name, {cell}, {}});
        }
        members.push_back(checkin_cell("*", "*"));
        table.rows.push_back(Row{"*", "total", {checkin_cell("*", "*")}, {}});
        cells.line(members);
        return table;
    };
    Table heard = distribution("how_heard", "How visitors heard of the activity", 'h', k_how_heard);
    Table mood = distribution("mood", "Mood at check-in", 'm', k_moods);

    // Table 5: contact requests per association, and how long they waited for a reply.
    std::map<std::string, std::vector<std::int64_t>> reply_times;
    std::set<std::string> contact_associations;
    for (const Contact& row : contacts) {
        contact_associations.insert(row.organisation_id);
        for (const std::string& a : {row.organisation_id, std::string("*")}) {
            cells.add(cells.cell("c|" + a + "|received"));
            cells.add(cells.cell("c|" + a + (row.handled_at ? "|handled" : "|open")));
            if (row.handled_at)
                reply_times[a].push_back(std::max<std::int64_t>(0, *row.handled_at - row.received_at));
            if (row.handled_at)  // the open ones are table 5's "open" cell
                cells.add(cells.cell("o|" + a + "|" + (row.outcome.empty() ? k_no_outcome : row.outcome)));
        }
        if (row.handled_at)
            cells.add(cells.cell(std::string("r|") + reply_bucket(*row.handled_at - row.received_at)));
    }
    const std::vector<std::string> contact_columns{"handled", "open", "received"};
    Table requests{"contact_requests", "Contact requests per association", contact_columns, {"median reply time"}, {}};
    std::vector<std::string> contact_rows(contact_associations.begin(), contact_associations.end());
    if (!contact_rows.empty())
        contact_rows.push_back("*");
    for (const std::string& association : contact_rows) {
        Row row{association, association == "*" ? "All associations" : organisation_label(options.catalogue, association),
                {}, {}};
        for (const std::string& column : contact_columns)
            row.cells.push_back(cells.cell("c|" + association + "|" + column));
        cells.line(row.cells);
        requests.rows.push_back(row);
    }
    for (const std::string& column : contact_columns) {
        std::vector<std::size_t> members;
        for (const std::string& association : contact_associations)
            members.push_back(cells.cell("c|" + association + "|" + column));
        if (!members.empty()) {
            members.push_back(cells.cell("c|*|" + column));
            cells.line(members);
        }
    }

    // Table 6: what came of the requests (the office's contact_outcomes), per association; the
    // received column is table 5's.
    std::vector<std::string> outcome_columns(k_outcomes.begin(), k_outcomes.end());
    outcome_columns.insert(outcome_columns.end(), {k_no_outcome, "open", "received"});
    Table outcomes{"contact_outcomes", "What came of the contact requests", outcome_columns, {}, {}};
    for (const std::string& association : contact_rows) {
        Row row{association, association == "*" ? "All associations" : organisation_label(options.catalogue, association),
                {}, {}};
        for (std::size_t i = 0; i + 2 < outcome_columns.size(); ++i)
            row.cells.push_back(cells.cell("o|" + association + "|" + outcome_columns[i]));
        row.cells.push_back(cells.cell("c|" + association + "|open"));
        row.cells.push_back(cells.cell("c|" + association + "|received"));
        cells.line(row.cells);
        // handled = the outcomes and "handled, no outcome"; open is the same count in both tables
        std::vector<std::size_t> handled(row.cells.begin(), row.cells.begin() + static_cast<std::ptrdiff_t>(k_outcomes.size() + 1));
        handled.push_back(cells.cell("c|" + association + "|handled"));
        cells.line(handled);
        outcomes.rows.push_back(row);
    }
    for (std::size_t i = 0; i + 2 < outcome_columns.size(); ++i) {
        std::vector<std::size_t> members;
        for (const std::string& association : contact_associations)
            members.push_back(cells.cell("o|" + association + "|" + outcome_columns[i]));
        if (!members.empty()) {
            members.push_back(cells.cell("o|*|" + outcome_columns[i]));
            cells.line(members);
        }
    }

    // Table 7: how fast the requests were answered (received → handled), over every association.
    Table speed{"reply_times", "How fast contact requests were answered", {"requests"}, {}, {}};
    if (!contacts.empty()) {
        std::vector<std::size_t> buckets;
        for (const char* bucket : k_reply_buckets) {
            buckets.push_back(cells.cell(std::string("r|") + bucket));
            speed.rows.push_back(Row{bucket, bucket, {buckets.back()}, {}});
        }
        std::vector<std::size_t> handled = buckets;
        handled.push_back(cells.cell("c|*|handled"));
        cells.line(handled);
        const std::size_t open = cells.cell("c|*|open");  // table 5's
        speed.rows.push_back(Row{"open", "open", {open}, {}});
        std::vector<std::size_t> all = buckets;
        all.push_back(open);
        all.push_back(cells.cell("c|*|received"));
        cells.line(all);
        speed.rows.push_back(Row{"*", "total", {cells.cell("c|*|received")}, {}});
    }

    cells.suppress();

    // Derived figures, only from published counts.
    for (Row& row : visits.rows) {
        const std::size_t first = row.cells[0];
        const std::size_t before = row.cells[1];
        row.extra.push_back(cells.published(first) && cells.published(before)
                                ? percent(cells.count(first), cells.count(first) + cells.count(before))
                                : std::string("-"));
    }
    for (Row& row : requests.rows) {
        const std::size_t handled = row.cells[0];
        const auto times = reply_times.find(row.key);
        row.extra.push_back(cells.published(handled) && times != reply_times.end() ? duration_text(median(times->second))
                                                                                   : std::string("-"));
    }

    StatsReport report;
    report.from = options.from;
    report.to = options.to;
    for (const Table* table : {&weekly, &per_site, &visits, &heard, &mood, &requests, &outcomes, &speed}) {
        StatsTable published{table->id, table->title, table->columns, table->extra_columns, {}};
        for (const Row& row : table->rows) {
            const bool sub = row.label.rfind("  ", 0) == 0;
            StatsRow out{row.key, sub ? row.label.substr(2) : row.label, sub, {}, {}, row.extra};
            for (const std::size_t cell : row.cells) {
                out.shown.push_back(cells.shown(cell));
                out.values.push_back(cells.published(cell) ? std::optional<std::int64_t>(cells.count(cell)) : std::nullopt);
            }
            published.rows.push_back(std::move(out));
        }
        report.tables.push_back(std::move(published));
    }
    return report;
}

std::string format_stats(const StatsReport& report, const StatsOptions& options)
{
    std::string out;
    if (options.csv) {
        out = "table,row,column,value\n";
        for (const StatsTable& table : report.tables) {
            if (options.table.empty() || table.id == options.table)
                out += render_csv(table);
        }
        return out;
    }
    out = "Lotsen statistics, " + (report.from ? report.from->to_string() : std::string("the start")) + " to "
          + (report.to ? report.to->to_string() : std::string("now")) + " (Swedish time)\n"
          + "Counts under 5 are shown as \"<5\"; \"x\" hides a count that would let a \"<5\" be worked out from a total.\n\n";
    for (const StatsTable& table : report.tables) {
        if (options.table.empty() || table.id == options.table)
            out += render_table(table);
    }
    return out;
}

Result<std::string> render_stats(HubStore& store, const StatsOptions& options)
{
    const auto& wish_ids = wish_table_ids();
    const bool wish_table = std::find(wish_ids.begin(), wish_ids.end(), options.table) != wish_ids.end();
    if (!options.table.empty() && !wish_table) {
        const auto& ids = stats_table_ids();
        if (std::find(ids.begin(), ids.end(), options.table) == ids.end()) {
            std::string known;
            for (const std::string& id : ids)
                known += (known.empty() ? "" : ", ") + id;
            for (const std::string& id : wish_ids)
                known += ", " + id;
            return Error{"no statistics table is called \"" + options.table + "\" (known: " + known + ")"};
        }
    }
    StatsReport report;
    if (!wish_table)
        report = LOTSEN_TRY(compute_stats(store, options));
    report.from = options.from;
    report.to = options.to;
    // What visitors miss (hub/wishes.hpp), after the check-in and contact tables: counted per site
    // with the same suppression, in separate lines (a wish shares no cell with a check-in).
    if (options.table.empty() || wish_table) {
        WishQuery query;
        query.from = options.from ? stockholm::start_of_day(*options.from) : std::numeric_limits<UnixSeconds>::min();
        query.to = options.to ? stockholm::start_of_day(options.to->plus_days(1)) : std::numeric_limits<UnixSeconds>::max();
        query.catalogue = options.catalogue;
        std::vector<StatsTable> wishes = LOTSEN_TRY(compute_wishes(store, query));
        for (StatsTable& table : wishes)
            report.tables.push_back(std::move(table));
    }
    return format_stats(report, options);
}

}  // namespace lotsen::hub
