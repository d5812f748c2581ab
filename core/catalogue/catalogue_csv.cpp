// catalogue_csv.cpp — imports an association's spreadsheet into the catalogue model
// (docs/catalogue.md, "CSV import").
//
// Three steps. The text is split into records (RFC 4180; the separator is detected from the header
// row; catalogue_csv_syntax.cpp). Each record becomes an activity, and the first row of each organisation becomes that
// organisation. The model is then serialised and read back by parse_catalogue_json(), which holds the
// only copy of the catalogue rules; what it reports at a JSON path is mapped back to the row and column
// the value came from. So a spreadsheet is held to exactly the rules a JSON catalogue is, and its
// author still reads "row 7, column 'weekly'". This file and catalogue_csv_syntax.cpp only check what
// JSON cannot express: the CSV syntax, the columns, the cell syntax (lists, "tue 18:00-20:00", yes/no)
// and that repeated organisation cells agree.
#include "core/catalogue/catalogue_csv.hpp"

#include "core/catalogue/catalogue_csv_encoding.hpp"
#include "core/catalogue/catalogue_csv_syntax.hpp"
#include "core/catalogue/catalogue_csv_words.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/base/text_checks.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <limits>
#include <set>
#include <unordered_map>

namespace lotsen {

namespace {

using namespace catalogue_csv_detail;

// ---------------------------------------------------------------------------------------------------
// Columns

enum class Field {
    id,
    organisation_id,
    organisation_name,
    organisation_description,
    organisation_needs,   // catalogue format 1.5: "Vi behöver"
    organisation_offers,  // catalogue format 1.5: "Vi erbjuder"
    organisation_phone,
    organisation_email,
    organisation_web,
    municipality,
    reply_days,
    accepts_contact_requests,
    organisation_logo,
    title,
    description,
    interests,
    weekly,
    day,   // "Dag": weekdays whose times are in the `time` column
    time,  // "Tid"
    from,
    until,
    dates,
    cancelled,
    place_name,
    how_to_find_us,
    address,
    town,
    lat,
    lon,
    cost_sek,
    cost_note,
    languages,
    accessibility,
    audience,
    min_age,
    max_age,
    drop_in,
    image,
    unnamed,  // empty header cell: ignored while its cells are empty (spreadsheets add such columns)
    ignored,  // unknown, duplicate or misnamed; reported once at the header
};

struct Column {
    Field field = Field::ignored;
    std::string name;      // the header folded (fold_word), as problems name it
    std::string language;  // for per-language columns
};

constexpr std::array<std::pair<std::string_view, Field>, 29> k_fixed_columns{{
    {"day", Field::day},
    {"time", Field::time},
    {"id", Field::id},
    {"organisation_id", Field::organisation_id},
    {"organisation_phone", Field::organisation_phone},
    {"organisation_email", Field::organisation_email},
    {"organisation_web", Field::organisation_web},
    {"municipality", Field::municipality},
    {"reply_days", Field::reply_days},
    {"accepts_contact_requests", Field::accepts_contact_requests},
    {"interests", Field::interests},
    {"weekly", Field::weekly},
    {"from", Field::from},
    {"until", Field::until},
    {"dates", Field::dates},
    {"cancelled", Field::cancelled},
    {"address", Field::address},
    {"town", Field::town},
    {"lat", Field::lat},
    {"lon", Field::lon},
    {"cost_sek", Field::cost_sek},
    {"languages", Field::languages},
    {"accessibility", Field::accessibility},
    {"audience", Field::audience},
    {"min_age", Field::min_age},
    {"max_age", Field::max_age},
    {"drop_in", Field::drop_in},
    {"image_file", Field::image},
    {"organisation_logo_file", Field::organisation_logo},
}};

// Longer prefixes first, so "organisation_description_sv" is not read as "description_…".
constexpr std::array<std::pair<std::string_view, Field>, 9> k_language_columns{{
    {"organisation_description_", Field::organisation_description},
    {"organisation_needs_", Field::organisation_needs},
    {"organisation_offers_", Field::organisation_offers},
    {"how_to_find_us_", Field::how_to_find_us},
    {"organisation_name_", Field::organisation_name},
    {"description_", Field::description},
    {"cost_note_", Field::cost_note},
    {"title_", Field::title},
    {"place_", Field::place_name},
}};

bool is_organisation_field(Field field)
{
    return field >= Field::organisation_name && field <= Field::organisation_logo;
}

// ---------------------------------------------------------------------------------------------------
// Import

/// Where a JSON-path problem lands in the spreadsheet.
struct CsvLocation {
    std::size_t row = 0;  // 0: not a row; keep the JSON path
    std::string column;   // empty: the whole row
    std::optional<std::size_t> entry;  // 0-based entry in a weekly/dates cell
    std::string entry_field;           // field of that entry, e.g. "every_weeks"
    bool whole_schedule = false;       // the schedule as a whole (weekly, dates, from, until)
};

/// Builds the model from the records, collecting every problem, then validates it through the JSON
/// reader and maps that reader's problems back to rows and columns.
class CsvImporter {
public:
    explicit CsvImporter(const CsvImportOptions& options)
        : m_limits(options.limits), m_association(options.association), m_one_association(options.one_association),
          m_problems(options.limits.max_problems)
    {
        m_catalogue.version = options.version;
    }

    ImportedSpreadsheet run(std::string_view bytes);
    ImportedSpreadsheet run_cells(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

private:
    void read_records(const CsvRecord& header, const std::function<bool(CsvRecord&)>& next);
    ImportedSpreadsheet finish(ImportedSpreadsheet imported);
    void problem(std::size_t row, const std::string& column, std::string reason);
    void add(std::string where, std::string reason);
    bool read_header(const CsvRecord& header);
    void read_row(const CsvRecord& record);
    Organisation read_organisation(std::size_t row, const std::vector<std::string>& cells, std::string id);
    void read_words(std::size_t row, const Column& column, const std::string& cell, Vocabulary vocabulary,
                    std::vector<std::string>& out);
    bool belongs_to_association(std::size_t row, Activity& activity);
    std::string display(std::string_view canonical) const;
    void validate();
    CsvLocation locate(std::string_view json_path) const;
    std::string rows_for_paths(std::string reason) const;

    const CatalogueLimits& m_limits;
    std::optional<std::string> m_association;  // every row's association, once known
    bool m_one_association;
    std::size_t m_association_row = 0;         // the row that named it (0: given by the caller)
    std::vector<Column> m_columns;
    std::unordered_map<std::string, std::string> m_display;  // canonical column name → the header's name
    Catalogue m_catalogue;
    std::vector<std::size_t> m_activity_rows;      // activity index → row
    std::vector<std::size_t> m_organisation_rows;  // organisation index → its first row
    struct FirstRow {
        std::size_t row;
        std::vector<std::string> cells;
    };
    std::unordered_map<std::string, FirstRow> m_organisation_first_rows;  // organisation id → first row
    std::set<std::pair<std::size_t, std::string>> m_flagged;  // cells that already have a problem
    CatalogueProblemList m_problems;
    bool m_too_many_rows = false;
};

void CsvImporter::add(std::string where, std::string reason)
{
    m_problems.add(std::move(where), std::move(reason));
}

// The name a column has in this spreadsheet's header ("aktivitet" for title_sv), so a problem names
// the column its author wrote; canonical names the header did not use stay as they are.
std::string CsvImporter::display(std::string_view canonical) const
{
    const auto it = m_display.find(std::string(canonical));
    return it == m_display.end() ? std::string(canonical) : it->second;
}

void CsvImporter::problem(std::size_t row, const std::string& canonical, std::string reason)
{
    const std::string column = display(canonical);
    m_flagged.emplace(row, column);
    std::string where = "row " + std::to_string(row);
    if (!column.empty())
        where += ", column " + in_quotes(column);
    add(std::move(where), std::move(reason));
}

bool CsvImporter::read_header(const CsvRecord& header)
{
    std::unordered_map<std::string, std::size_t> positions;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        Column column;
        const std::string_view raw = trim(header.fields[i]);
        if (find_invalid_utf8(raw) != std::string_view::npos) {
            column.name = "column " + std::to_string(i + 1);
            add("row 1, " + column.name, "the column name is not valid UTF-8; save the spreadsheet as \"CSV UTF-8\"");
            m_columns.push_back(std::move(column));
            continue;
        }
        column.name = fold_word(raw);
        if (column.name.empty()) {
            column.field = Field::unnamed;
            m_columns.push_back(std::move(column));
            continue;
        }
        // A Swedish or plain-English header stands for its canonical column ("Aktivitet" is title_sv).
        const std::string canonical(column_for_header(column.name).value_or(column.name));
        if (const auto [first, inserted] = positions.try_emplace(canonical, i); !inserted) {
            problem(1, column.name, "the column appears twice (columns " + std::to_string(first->second + 1) + " and " +
                                        std::to_string(i + 1) + (canonical != column.name ? ", both " + in_quotes(canonical) : "") +
                                        "); the second is ignored");
            m_columns.push_back(std::move(column));
            continue;
        }
        for (const auto& [name, field] : k_fixed_columns) {
            if (canonical == name)
                column.field = field;
        }
        if (column.field == Field::ignored) {
            for (const auto& [prefix, field] : k_language_columns) {
                if (canonical.size() > prefix.size() && canonical.compare(0, prefix.size(), prefix) == 0) {
                    column.language = canonical.substr(prefix.size());
                    column.field = field;
                    break;
                }
            }
            if (column.field == Field::ignored) {
                problem(1, column.name, "unknown column");
            } else if (!is_language_code(column.language)) {
                // Column suffixes become text keys; the JSON reader would catch a bad one on every row,
                // checking here reports it once, at the header.
                problem(1, column.name, quote_for_message(column.language) +
                                            " is not a language code like \"sv\", \"en\", \"ar\" or \"sv-easy\"");
                column.field = Field::ignored;
            }
        }
        if (column.field != Field::ignored && canonical != column.name)
            m_display.emplace(canonical, column.name);
        m_columns.push_back(std::move(column));
    }

    // Without these columns every row would fail; say it once instead.
    const auto has = [&](Field field, std::string_view language = {}) {
        return std::any_of(m_columns.begin(), m_columns.end(), [&](const Column& column) {
            return column.field == field && (language.empty() || column.language == language);
        });
    };
    const std::size_t before = m_problems.total();
    struct Required {
        std::string_view english;
        std::string_view swedish;
        Field field;
    };
    for (const Required& required : {Required{"id", "Aktivitets-id", Field::id},
                                     Required{"municipality", "Kommun", Field::municipality},
                                     Required{"interests", "Intressen", Field::interests},
                                     Required{"address", "Adress", Field::address}, Required{"town", "Ort", Field::town}}) {
        if (!has(required.field))
            add("row 1", "no column '" + std::string(required.english) + "' ('" + std::string(required.swedish) +
                             "'); it is required");
    }
    // With the association given, a row without an organisation id is that association's.
    if (!has(Field::organisation_id) && !m_association)
        add("row 1", "no column 'organisation_id' ('Förenings-id'); it is required unless the association is "
                     "given (lotsen-hub publish --association ID)");
    if (!has(Field::title, "sv") && !has(Field::title, "en"))
        add("row 1", "no column 'title_sv' ('Aktivitet') or 'title_en'; one of them is required");
    if (!has(Field::organisation_name, "sv") && !has(Field::organisation_name, "en"))
        add("row 1", "no column 'organisation_name_sv' ('Förening') or 'organisation_name_en'; one of them is required");
    if (!has(Field::weekly) && !has(Field::dates) && !has(Field::day))
        add("row 1", "no column 'weekly', 'day' ('Dag') or 'dates' ('Datum'); one of them is required");
    if (has(Field::day) != has(Field::time))
        add("row 1", has(Field::day) ? "no column 'time' ('Tid'); it is required with 'day' ('Dag')"
                                     : "no column 'day' ('Dag'); it is required with 'time' ('Tid')");
    const bool weekly = has(Field::weekly) || has(Field::day);
    if (!has(Field::weekly) && has(Field::day)) {
        // Weekly rules made from "Dag" are reported at that column.
        for (const Column& column : m_columns) {
            if (column.field == Field::day)
                m_display.emplace("weekly", column.name);
        }
    }
    if (weekly && !has(Field::from))
        add("row 1", "no column 'from' ('Från'); it is required with 'weekly' or 'day'");
    if (weekly && !has(Field::until))
        add("row 1", "no column 'until' ('Till'); it is required with 'weekly' or 'day'");
    return m_problems.total() == before;
}

Organisation CsvImporter::read_organisation(std::size_t row, const std::vector<std::string>& cells, std::string id)
{
    Organisation organisation;
    organisation.id = std::move(id);
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const Column& column = m_columns[i];
        const std::string& cell = cells[i];
        if (cell.empty())
            continue;
        switch (column.field) {
        case Field::organisation_name:
            organisation.name.set(column.language, cell);
            break;
        case Field::organisation_description:
            organisation.description.set(column.language, cell);
            break;
        case Field::organisation_needs:
            organisation.needs.set(column.language, cell);
            break;
        case Field::organisation_offers:
            organisation.offers.set(column.language, cell);
            break;
        case Field::organisation_phone:
            organisation.contact.phone = cell;
            break;
        case Field::organisation_email:
            organisation.contact.email = cell;
            break;
        case Field::organisation_web:
            organisation.contact.web = cell;
            break;
        case Field::municipality:
            organisation.municipality = cell;
            break;
        case Field::reply_days:
            if (const auto days = parse_integer(cell); days && *days >= INT_MIN && *days <= INT_MAX)
                organisation.reply_days = static_cast<int>(*days);
            else
                problem(row, column.name, quote_for_message(cell) + " is not a whole number");
            break;
        case Field::accepts_contact_requests:
            if (const auto accepts = parse_yes_no(cell))
                organisation.accepts_contact_requests = *accepts;
            else
                problem(row, column.name, quote_for_message(cell) + " is not yes or no (also ja/nej, true/false, sant/falskt, 1/0)");
            break;
        case Field::organisation_logo:
            organisation.logo = ImageRef{cell, {}, 0, 0, 0, {}};  // checked by the JSON reader, then by publish
            break;
        default:
            break;
        }
    }
    return organisation;
}

void CsvImporter::read_row(const CsvRecord& record)
{
    const std::size_t row = record.row;
    if (std::all_of(record.fields.begin(), record.fields.end(),
                    [](const std::string& field) { return trim(field).empty(); }))
        return;  // blank lines and rows of bare separators carry nothing
    if (!record.fields.empty() && trim(record.fields[0]).substr(0, 1) == "#")
        return;  // a comment row, like the one under the template's header (no id starts with '#')
    const auto report_syntax_issues = [&] {
        for (const auto& [index, reason] : record.issues) {
            if (index >= m_columns.size())
                add("row " + std::to_string(row) + ", column " + std::to_string(index + 1), reason);
            else if (m_columns[index].field != Field::ignored && m_columns[index].field != Field::unnamed)
                problem(row, m_columns[index].name, reason);
        }
    };
    if (record.fields.size() != m_columns.size()) {
        report_syntax_issues();  // an unclosed quote is usually why the count is off
        const std::size_t count = record.fields.size();
        add("row " + std::to_string(row), "has " + std::to_string(count) + (count == 1 ? " field" : " fields") +
                                              " but the header has " + std::to_string(m_columns.size()) +
                                              "; the row is skipped");
        return;
    }
    if (m_catalogue.activities.size() >= m_limits.max_activities) {
        if (!m_too_many_rows)
            add("row " + std::to_string(row), "more than " + std::to_string(m_limits.max_activities) +
                                                  " activities, the limit; this and later rows are skipped");
        m_too_many_rows = true;
        return;
    }

    std::vector<std::string> cells(record.fields.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Column& column = m_columns[i];
        const std::string_view cell = trim(record.fields[i]);
        if (column.field == Field::unnamed) {
            if (!cell.empty())
                add("row " + std::to_string(row) + ", column " + std::to_string(i + 1),
                    quote_for_message(cell) + " is in a column without a name");
            continue;
        }
        if (column.field == Field::ignored)
            continue;  // reported once, at the header
        if (const std::size_t bad = find_invalid_utf8(cell); bad != std::string_view::npos) {
            static constexpr char digits[] = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(cell[bad]);
            problem(row, column.name, std::string("is not valid UTF-8 (byte 0x") + digits[byte >> 4] +
                                          digits[byte & 0xF] + " at byte " + std::to_string(bad) +
                                          " of the cell); save the spreadsheet as \"CSV UTF-8\"");
            continue;
        }
        cells[i] = cell;
    }
    report_syntax_issues();

    Activity activity;
    std::optional<std::size_t> weekly_column;
    std::optional<std::size_t> day_column;
    std::optional<std::size_t> time_column;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].field == Field::day)
            day_column = i;
        else if (m_columns[i].field == Field::time)
            time_column = i;
    }
    std::optional<Date> from;
    std::optional<Date> until;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const Column& column = m_columns[i];
        const std::string& cell = cells[i];
        if (cell.empty())
            continue;
        std::string why;
        switch (column.field) {
        case Field::id:
            activity.id = cell;
            break;
        case Field::organisation_id:
            activity.organisation_id = cell;
            break;
        case Field::title:
            activity.title.set(column.language, cell);
            break;
        case Field::description:
            activity.description.set(column.language, cell);
            break;
        case Field::interests:
            read_words(row, column, cell, Vocabulary::interests, activity.interests);
            break;
        case Field::weekly:
            weekly_column = i;  // needs from and until, which may come in later columns
            break;
        case Field::day:
        case Field::time:
            break;  // together, below
        case Field::from:
        case Field::until:
            if (const auto date = Date::parse(cell))
                (column.field == Field::from ? from : until) = date;
            else
                problem(row, column.name, quote_for_message(cell) + " is not a date YYYY-MM-DD");
            break;
        case Field::dates:
            for (const std::string& entry : split_list(cell)) {
                if (const auto date = parse_date_entry(entry, why))
                    activity.schedule.dates.push_back(*date);
                else
                    problem(row, column.name,
                            quote_for_message(entry) + " is not a date entry like \"2026-12-05 10:00-14:00\": " + why);
            }
            break;
        case Field::cancelled:
            for (const std::string& entry : split_list(cell)) {
                if (const auto date = Date::parse(entry))
                    activity.schedule.cancelled.push_back(*date);
                else
                    problem(row, column.name, quote_for_message(entry) + " is not a date YYYY-MM-DD");
            }
            break;
        case Field::place_name:
            activity.place.name.set(column.language, cell);
            break;
        case Field::how_to_find_us:
            activity.place.how_to_find_us.set(column.language, cell);
            break;
        case Field::address:
            activity.place.address = cell;
            break;
        case Field::town:
            activity.place.town = cell;
            break;
        case Field::lat:
        case Field::lon:
            if (const auto degrees = parse_decimal(cell))
                (column.field == Field::lat ? activity.place.latitude : activity.place.longitude) = degrees;
            else
                problem(row, column.name, quote_for_message(cell) + " is not a decimal number like 56.648 or 56,648");
            break;
        case Field::cost_sek:
            if (const auto kronor = parse_cost(cell); kronor && *kronor <= INT_MAX)
                activity.cost.sek = static_cast<int>(*kronor);
            else
                problem(row, column.name, quote_for_message(cell) + " is not a cost: write whole kronor like 20, \"20 kr\" "
                                          "or \"gratis\"; anything more goes in 'cost_note_sv' ('Om kostnaden')");
            break;
        case Field::min_age:
        case Field::max_age:
            if (const auto number = parse_integer(cell); number && *number >= INT_MIN && *number <= INT_MAX) {
                const int value = static_cast<int>(*number);
                (column.field == Field::min_age ? activity.audience.min_age : activity.audience.max_age) = value;
            } else {
                problem(row, column.name, quote_for_message(cell) + " is not a whole number");
            }
            break;
        case Field::cost_note:
            activity.cost.note.set(column.language, cell);
            break;
        case Field::languages:
            read_words(row, column, cell, Vocabulary::languages, activity.languages);
            break;
        case Field::accessibility:
            read_words(row, column, cell, Vocabulary::accessibility, activity.accessibility);
            break;
        case Field::audience:
            read_words(row, column, cell, Vocabulary::audience, activity.audience.groups);
            break;
        case Field::drop_in:
            if (const auto drop_in = parse_yes_no(cell))
                activity.drop_in = *drop_in;
            else
                problem(row, column.name, quote_for_message(cell) + " is not yes or no (also ja/nej, true/false, sant/falskt, 1/0)");
            break;
        case Field::image:
            activity.image = ImageRef{cell, {}, 0, 0, 0, {}};
            break;
        default:
            break;  // organisation columns: below
        }
    }

    if (weekly_column) {
        const Column& column = m_columns[*weekly_column];
        for (const std::string& entry : split_list(cells[*weekly_column])) {
            std::string why;
            if (const auto parsed = parse_weekly_entry(entry, why)) {
                if (from && until)
                    activity.schedule.weekly.push_back(
                        WeeklyRule{parsed->iso_weekday, parsed->times.start, parsed->times.end, *from, *until,
                                   parsed->every_weeks});
            } else {
                problem(row, column.name,
                        quote_for_message(entry) + " is not a weekly entry like \"tue 18:00-20:00\": " + why);
            }
        }
    }
    if (day_column && time_column) {
        // "Dag" and "Tid": each day of the day cell at the time of the time cell.
        const Column& days = m_columns[*day_column];
        const std::string& time_cell = cells[*time_column];
        const auto times = parse_time_range(time_cell);
        if (!cells[*day_column].empty() && !times && !m_flagged.contains({row, m_columns[*time_column].name})) {
            m_flagged.emplace(row, days.name);  // the rules on the schedule as a whole would only echo this
            problem(row, m_columns[*time_column].name,
                    time_cell.empty() ? std::string("is empty; it is required when 'day' is given")
                                      : quote_for_message(time_cell) + " is not a time range like \"18:00-20:00\", "
                                                                       "\"18.00–20.00\" or \"18-20\"");
        }
        for (const std::string& entry : split_word_list(cells[*day_column])) {
            std::string why;
            const auto day = parse_day(entry, why);
            if (!day) {
                problem(row, days.name, why);
            } else if (!day->second.empty()) {
                problem(row, days.name, quote_for_message(entry) + " has more than a day; the time goes in column " +
                                            in_quotes(m_columns[*time_column].name));
            } else if (times && from && until) {
                activity.schedule.weekly.push_back(
                    WeeklyRule{day->first.iso_weekday, times->start, times->end, *from, *until, day->first.every_weeks});
            }
        }
    }
    const bool has_weekly = (weekly_column && !cells[*weekly_column].empty()) || (day_column && !cells[*day_column].empty());
    if (has_weekly) {
        for (const auto& [field, name] : {std::pair{Field::from, "from"}, std::pair{Field::until, "until"}}) {
            const bool given = field == Field::from ? from.has_value() : until.has_value();
            if (!given && !m_flagged.contains({row, display(name)}))
                problem(row, name, "is required when 'weekly' or 'day' is given");
        }
    }

    const std::string& organisation_id = activity.organisation_id;
    if (organisation_id.empty() && m_association && m_association_row == 0)
        activity.organisation_id = *m_association;
    if (organisation_id.empty()) {
        problem(row, "organisation_id", "is empty; every row names the id of its organisation");
    } else if (!belongs_to_association(row, activity)) {
        return;
    } else if (const auto it = m_organisation_first_rows.find(organisation_id); it == m_organisation_first_rows.end()) {
        m_catalogue.organisations.push_back(read_organisation(row, cells, organisation_id));
        m_organisation_rows.push_back(row);
        m_organisation_first_rows.emplace(organisation_id, FirstRow{row, cells});
    } else {
        // Repeating organisation cells is convenient in a spreadsheet but must not say two things.
        const FirstRow& first = it->second;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (is_organisation_field(m_columns[i].field) && !cells[i].empty() && cells[i] != first.cells[i])
                problem(row, m_columns[i].name, "differs from row " + std::to_string(first.row) +
                                                    " for organisation " + quote_for_message(organisation_id));
        }
    }
    m_catalogue.activities.push_back(std::move(activity));
    m_activity_rows.push_back(row);
}

// Reads the JSON path the JSON reader reported ("$.activities[3].schedule.weekly[0].every_weeks") and
// finds the row and column that value came from.
CsvLocation CsvImporter::locate(std::string_view json_path) const
{
    CsvLocation location;
    struct Segment {
        std::string name;
        std::optional<std::size_t> index;  // the "[n]" following the name, if any
    };
    std::vector<Segment> segments;
    std::size_t i = 1;  // after '$'
    while (i < json_path.size()) {
        if (json_path[i] == '.') {
            const std::size_t end = json_path.find_first_of(".[", i + 1);
            segments.push_back(Segment{std::string(json_path.substr(i + 1, end - i - 1)), std::nullopt});
            i = end == std::string_view::npos ? json_path.size() : end;
        } else if (json_path[i] == '[' && !segments.empty()) {
            const std::size_t end = json_path.find(']', i);
            const auto index = parse_integer(json_path.substr(i + 1, end - i - 1));
            if (!index || end == std::string_view::npos)
                return location;  // a quoted key: CSV columns never produce one
            segments.back().index = static_cast<std::size_t>(*index);
            i = end + 1;
        } else {
            return location;
        }
    }
    if (segments.empty() || !segments.front().index)
        return location;
    const std::size_t item = segments.front().index.value_or(0);
    const auto name = [&](std::size_t k) {
        return k < segments.size() ? std::string_view(segments[k].name) : std::string_view();
    };
    const auto language = [&](std::size_t k) { return k < segments.size() ? segments[k].name : std::string("sv"); };
    const std::string_view field = name(1);

    if (name(0) == "organisations" && item < m_organisation_rows.size()) {
        location.row = m_organisation_rows[item];
        if (field == "id")
            location.column = "organisation_id";
        else if (field == "name" || field == "description" || field == "needs" || field == "offers")
            location.column = "organisation_" + std::string(field) + "_" + language(2);
        else if (field == "contact" && !name(2).empty())
            location.column = "organisation_" + std::string(name(2));
        else if (field == "municipality" || field == "reply_days" || field == "accepts_contact_requests")
            location.column = field;
        else if (field == "logo")
            location.column = "organisation_logo_file";
        return location;
    }
    if (name(0) != "activities" || item >= m_activity_rows.size())
        return location;
    location.row = m_activity_rows[item];
    if (field == "id" || field == "interests" || field == "languages" || field == "accessibility" ||
        field == "drop_in") {
        location.column = field;
    } else if (field == "organisation") {
        location.column = "organisation_id";
    } else if (field == "image") {
        location.column = "image_file";
    } else if (field == "title" || field == "description") {
        location.column = std::string(field) + "_" + language(2);
    } else if (field == "schedule") {
        const std::string_view part = name(2);
        const std::string_view entry_field = name(3);
        if (part.empty()) {
            location.column = "weekly";
            location.whole_schedule = true;
        } else if (part == "weekly" && (entry_field == "from" || entry_field == "until")) {
            location.column = entry_field;  // every entry shares the row's from and until
        } else {
            location.column = part;
            if (part != "cancelled") {
                location.entry = segments.size() > 2 ? segments[2].index : std::nullopt;
                location.entry_field = entry_field;
            }
        }
    } else if (field == "place") {
        const std::string_view part = name(2);
        if (part == "name")
            location.column = "place_" + language(3);
        else if (part == "how_to_find_us")
            location.column = "how_to_find_us_" + language(3);
        else if (part == "address" || part == "town" || part == "lat" || part == "lon")
            location.column = part;
    } else if (field == "cost") {
        if (name(2) == "sek")
            location.column = "cost_sek";
        else if (name(2) == "note")
            location.column = "cost_note_" + language(3);
    } else if (field == "audience") {
        location.column = name(2) == "groups" || name(2).empty() ? std::string("audience") : std::string(name(2));
    }
    return location;
}

// The JSON reader refers to other activities by path ("already used by $.activities[2]"); a
// spreadsheet author knows rows.
std::string CsvImporter::rows_for_paths(std::string reason) const
{
    static constexpr std::string_view prefix = "$.activities[";
    std::size_t at = 0;
    while ((at = reason.find(prefix, at)) != std::string::npos) {
        const std::size_t close = reason.find(']', at);
        const auto index = close == std::string::npos
                               ? std::nullopt
                               : parse_integer(std::string_view(reason).substr(at + prefix.size(),
                                                                               close - at - prefix.size()));
        if (!index || *index < 0 || static_cast<std::size_t>(*index) >= m_activity_rows.size()) {
            at += prefix.size();
            continue;
        }
        const std::string row = "row " + std::to_string(m_activity_rows[static_cast<std::size_t>(*index)]);
        reason.replace(at, close + 1 - at, row);
        at += row.size();
    }
    return reason;
}

void CsvImporter::validate()
{
    CatalogueLimits inner = m_limits;
    inner.max_problems = std::numeric_limits<std::size_t>::max();  // the importer applies the limit
    inner.max_file_bytes = std::numeric_limits<std::size_t>::max(); // the CSV text was checked already
    CatalogueParseResult checked = parse_catalogue_json(catalogue_to_json(m_catalogue, false), inner);

    std::set<std::string> reported;  // rules on shared cells (from, until) fire once per weekly entry
    for (const CatalogueProblem& found : checked.problems) {
        CsvLocation location = locate(found.where);
        location.column = display(location.column);
        if (location.row == 0) {
            add(found.where, rows_for_paths(found.reason));
            continue;
        }
        // A cell that was already reported (a bad entry left out, say) would only echo here.
        const auto flagged = [&](const std::string& column) {
            return m_flagged.contains({location.row, column});
        };
        if (flagged(location.column))
            continue;
        if (location.whole_schedule && (flagged(display("dates")) || flagged(display("from")) || flagged(display("until"))))
            continue;
        std::string reason = rows_for_paths(found.reason);
        if (location.entry) {
            std::string entry = "entry " + std::to_string(*location.entry + 1);
            if (!location.entry_field.empty())
                entry += " (" + location.entry_field + ")";
            reason = entry + ": " + reason;
        }
        std::string where = "row " + std::to_string(location.row);
        if (!location.column.empty())
            where += ", column " + in_quotes(location.column);
        if (reported.insert(where + '\n' + reason).second)
            add(std::move(where), std::move(reason));
    }
    if (m_problems.empty() && checked.catalogue)
        m_catalogue = std::move(*checked.catalogue);
}

ImportedSpreadsheet CsvImporter::run(std::string_view bytes)
{
    ImportedSpreadsheet imported;
    if (bytes.size() > m_limits.max_file_bytes) {
        add("file", "the file is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                        std::to_string(m_limits.max_file_bytes) + " bytes");
    } else if (DecodedText decoded = decode_spreadsheet_bytes(bytes); !decoded.encoding) {
        add("file", decoded.problem);
    } else {
        imported.encoding = std::string(encoding_name(*decoded.encoding));
        imported.read_as_windows_1252 = decoded.encoding == TextEncoding::windows_1252;
        const std::string_view text = decoded.text;
        imported.separator = detect_separator(text);
        CsvSplitter splitter(text, imported.separator);
        CsvRecord record;
        if (!splitter.next(record) || (record.fields.size() == 1 && trim(record.fields[0]).empty())) {
            add("row 1", "the file is empty; the first row must name the columns");
        } else {
            read_records(record, [&](CsvRecord& next) { return splitter.next(next); });
        }
    }
    return finish(std::move(imported));
}

// The header, then every row, then the rules of the JSON reader: the same for a file and for cells.
void CsvImporter::read_records(const CsvRecord& header, const std::function<bool(CsvRecord&)>& next)
{
    for (const auto& [index, reason] : header.issues)
        add("row 1, column " + std::to_string(index + 1), reason);
    if (!read_header(header))
        return;
    CsvRecord record;
    while (next(record) && !m_too_many_rows)
        read_row(record);
    validate();
}

ImportedSpreadsheet CsvImporter::run_cells(const std::vector<std::string>& header,
                                           const std::vector<std::vector<std::string>>& rows)
{
    ImportedSpreadsheet imported;
    imported.encoding = "UTF-8";
    std::size_t at = 0;
    read_records(CsvRecord{1, header, {}}, [&](CsvRecord& record) {
        if (at == rows.size())
            return false;
        record = CsvRecord{at + 2, rows[at], {}};
        ++at;
        return true;
    });
    return finish(std::move(imported));
}

ImportedSpreadsheet CsvImporter::finish(ImportedSpreadsheet imported)
{
    CatalogueParseResult& result = imported.result;
    if (m_problems.empty()) {
        result.catalogue = std::move(m_catalogue);
        imported.activity_rows = std::move(m_activity_rows);
        imported.association = m_association;
    }
    result.problems = std::move(m_problems).finish();
    return imported;
}

// Words a spreadsheet writes for ids ("handarbete", "arabiska") become the ids; a word that is
// neither a listed word nor an id of the vocabulary is reported here, with words that are.
void CsvImporter::read_words(std::size_t row, const Column& column, const std::string& cell, Vocabulary vocabulary,
                             std::vector<std::string>& out)
{
    std::vector<std::string> unknown;
    for (const std::string& word : split_word_list(cell)) {
        if (auto id = id_for_word(vocabulary, word)) {
            out.push_back(std::move(*id));
            continue;
        }
        const std::string lower = fold_word(word);
        bool known = false;
        switch (vocabulary) {
        case Vocabulary::interests:
            known = std::any_of(default_interests().begin(), default_interests().end(),
                                [&](const Interest& interest) { return interest.id == lower; });
            break;
        case Vocabulary::languages:
            known = is_language_code(lower);
            break;
        case Vocabulary::accessibility:
            known = std::find(known_accessibility_features().begin(), known_accessibility_features().end(), lower) !=
                    known_accessibility_features().end();
            break;
        case Vocabulary::audience:
            known = std::find(known_audience_groups().begin(), known_audience_groups().end(), lower) !=
                    known_audience_groups().end();
            break;
        }
        if (known)
            out.push_back(lower);
        else
            unknown.push_back(word);
    }
    if (unknown.empty())
        return;
    std::string what = quote_for_message(unknown.front());
    for (std::size_t i = 1; i < unknown.size(); ++i)
        what += ", " + quote_for_message(unknown[i]);
    static constexpr std::array<std::string_view, 4> k_kind{"an interest", "a language", "an accessibility feature",
                                                            "an audience group"};
    problem(row, column.name, what + (unknown.size() == 1 ? " is not " : " are not ") +
                                  std::string(k_kind[static_cast<std::size_t>(vocabulary)]) + "; write one of: " +
                                  word_examples(vocabulary) +
                                  (vocabulary == Vocabulary::languages ? ", or a language code such as \"sv\"" : ""));
}

// A spreadsheet published as one association's part holds that association's rows only: a row for
// another is refused, named by row and column, and left out.
bool CsvImporter::belongs_to_association(std::size_t row, Activity& activity)
{
    if (!m_one_association && !m_association)
        return true;
    if (!m_association) {
        m_association = activity.organisation_id;
        m_association_row = row;
        return true;
    }
    if (activity.organisation_id == *m_association)
        return true;
    const std::string because =
        m_association_row == 0 ? "the spreadsheet is published as association " + quote_for_message(*m_association)
                               : "row " + std::to_string(m_association_row) + " names association " +
                                     quote_for_message(*m_association);
    problem(row, "organisation_id",
            quote_for_message(activity.organisation_id) + " is another association, but " + because +
                "; a spreadsheet is one association's part, so rows for another association are refused "
                "(publish them from that association's own spreadsheet)");
    return false;
}

}  // namespace

ImportedSpreadsheet import_catalogue_cells(const std::vector<std::string>& header,
                                           const std::vector<std::vector<std::string>>& rows,
                                           const CsvImportOptions& options)
{
    try {
        return CsvImporter(options).run_cells(header, rows);
    } catch (const std::exception& error) {
        ImportedSpreadsheet imported;
        imported.result.problems.push_back(CatalogueProblem{"file", std::string("could not be read: ") + error.what()});
        return imported;
    }
}

ImportedSpreadsheet import_catalogue_csv(std::string_view bytes, const CsvImportOptions& options)
{
    try {
        return CsvImporter(options).run(bytes);
    } catch (const std::exception& error) {
        // Nothing here is expected to throw but allocation; whatever it is stays inside core/.
        ImportedSpreadsheet imported;
        imported.result.problems.push_back(CatalogueProblem{"file", std::string("could not be read: ") + error.what()});
        return imported;
    }
}

CatalogueParseResult parse_catalogue_csv(std::string_view text, std::int64_t version, const CatalogueLimits& limits)
{
    CsvImportOptions options;
    options.version = version;
    options.limits = limits;
    return import_catalogue_csv(text, options).result;
}

}  // namespace lotsen
