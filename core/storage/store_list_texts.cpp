// store_list_texts.cpp — what a list line shows of an activity (its title, place name and organisation
// name), kept in `list_texts` so that a line's texts are one or two b-tree seeks instead of a dozen
// through `texts`, `activities` and `organisations`: the rows the import and the migration write, and
// Store::fill_list_texts, which reads them for upcoming() and search().
//
// The fallback is LocalizedText::get's (wanted language, Swedish, English, the first present), split
// in two: the row with language '' holds, for each field, the text a language without its own
// answers with (get("sv")) and that text's language; a row per other language holds that language's
// own texts, NULL where it has none or where it is the field's fallback language already (the ''
// row answers then). get(wanted) is the wanted row's text when it is not empty, else the '' row's:
// two seeks for a line in one language; every row of the activity for a line in all of them.
#include "core/storage/store.hpp"

#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <array>
#include <cassert>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lotsen {

using namespace store_internal;

namespace {

// The three fields, in the order of list_texts' columns.
constexpr std::size_t k_fields = 3;

// A line's texts in one language: each field's own text where it is not empty, else the fallback.
const std::string k_sql_list_texts_in = sql_text(
    "SELECT j.value, d.title, d.title_language, d.place, d.place_language, d.organisation,"
    " d.organisation_language, w.title, w.place, w.organisation"
    " FROM json_each(?1) j"
    " LEFT JOIN list_texts d ON d.activity = j.value AND d.language = ''"
    " LEFT JOIN list_texts w ON w.activity = j.value AND w.language = ?2");

// A line's texts in every language: all of the activity's rows.
const std::string k_sql_list_texts_all = sql_text(
    "SELECT j.value, l.language, l.title, l.title_language, l.place, l.place_language, l.organisation,"
    " l.organisation_language"
    " FROM json_each(?1) j CROSS JOIN list_texts l ON l.activity = j.value");

// Each line's own image and its organisation's logo (the list shows the first, else the second). CROSS
// JOIN keeps json_each outside: left to itself the planner walked every image of a kind and scanned
// the JSON array once for each.
const std::string k_sql_list_images = sql_text(
    "SELECT j.value, own.sha256, own.bytes, own.width, own.height, own.type,"
    " logo.sha256, logo.bytes, logo.width, logo.height, logo.type"
    " FROM json_each(?1) j CROSS JOIN activities a ON a.seq = j.value"
    " LEFT JOIN images own ON own.kind = ", ImageOwner::activity, " AND own.owner = a.seq"
    " LEFT JOIN images logo ON logo.kind = ", ImageOwner::organisation, " AND logo.owner = a.organisation_seq"
    " WHERE own.owner IS NOT NULL OR logo.owner IS NOT NULL");

// The field of `item` that list_texts' field number `field` (0 title, 1 place, 2 organisation) fills.
LocalizedText& field_of(ActivityListItem& item, std::size_t field)
{
    return field == 0 ? item.title : field == 1 ? item.place_name : item.organisation_name;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writing.

Result<void> store_internal::insert_list_texts(Statement& insert, std::int64_t activity_seq,
                                               const LocalizedText& title, const LocalizedText& place,
                                               const LocalizedText& organisation, std::string_view what)
{
    const std::array<const LocalizedText*, k_fields> fields{&title, &place, &organisation};
    // What a language without a text of its own shows: get() of any such language is get("sv").
    std::array<std::string_view, k_fields> fallback{};
    for (std::size_t f = 0; f < k_fields; ++f)
        fallback[f] = fields[f]->resolved_language("sv");

    insert.bind(1, activity_seq);
    insert.bind(2, std::string_view(""));
    for (std::size_t f = 0; f < k_fields; ++f) {
        const int column = 3 + 2 * static_cast<int>(f);
        if (fallback[f].empty()) {
            insert.bind_null(column);
            insert.bind_null(column + 1);
        } else {
            insert.bind(column, fields[f]->get(fallback[f]));
            insert.bind(column + 1, fallback[f]);
        }
    }
    LOTSEN_TRY(insert.run(what));

    // Every other language with a text of its own (an empty one too: a line in all languages keeps it).
    std::set<std::string_view> languages;
    for (const LocalizedText* field : fields) {
        for (const auto& [language, text] : field->all())
            languages.insert(language);
    }
    for (std::string_view language : languages) {
        if (language.empty())
            continue;  // '' is the fallback row's key; no catalogue language is empty
        bool any = false;
        for (std::size_t f = 0; f < k_fields; ++f) {
            const int column = 3 + 2 * static_cast<int>(f);
            insert.bind_null(column + 1);
            const auto found = fields[f]->all().find(language);
            if (found == fields[f]->all().end() || language == fallback[f]) {
                insert.bind_null(column);
                continue;
            }
            insert.bind(column, found->second);
            any = true;
        }
        if (!any)
            continue;
        insert.bind(2, language);
        LOTSEN_TRY(insert.run(what));
    }
    return success();
}

Result<void> store_internal::rebuild_list_texts(sqlite3* db)
{
    const char* operation = "filling the list texts";
    LOTSEN_TRY(sqlite::exec(db, k_subject,
                            "DELETE FROM list_texts;"
                            "UPDATE activities SET organisation_seq ="
                            " (SELECT seq FROM organisations WHERE id = activities.organisation_id);",
                            operation));
    auto activities =
        LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT seq, organisation_seq FROM activities", operation));
    const std::string texts_sql = sql_text(
        "SELECT field, language, text FROM texts WHERE owner = ?1 AND field IN (", TextField::activity_title, ", ",
        TextField::place_name, ") UNION ALL SELECT field, language, text FROM texts WHERE owner = ?2 AND field = ",
        TextField::organisation_name);
    auto texts = LOTSEN_TRY(Statement::prepare(db, k_subject, texts_sql.c_str(), operation));
    auto insert = LOTSEN_TRY(Statement::prepare(db, k_subject, k_sql_insert_list_text, operation));
    while (LOTSEN_TRY(activities.step(operation))) {
        const std::int64_t seq = activities.int64(0);
        std::array<LocalizedText, k_fields> fields;
        texts.bind(1, seq);
        texts.bind(2, activities.int64(1));
        while (LOTSEN_TRY(texts.step(operation))) {
            const auto field = static_cast<TextField>(texts.integer(0));
            const std::size_t f = field == TextField::activity_title ? 0 : field == TextField::place_name ? 1 : 2;
            fields[f].set(std::string(texts.text(1)), std::string(texts.text(2)));
        }
        texts.reset();
        LOTSEN_TRY(insert_list_texts(insert, seq, fields[0], fields[1], fields[2], operation));
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// Reading.

Result<void> Store::fill_list_texts(std::vector<ActivityListItem>& items, const std::vector<std::int64_t>& seqs,
                                    std::string_view language)
{
    assert(items.size() == seqs.size());
    if (items.empty())
        return success();
    // An activity can be on several lines (one per occurrence); search() has each once.
    std::unordered_map<std::int64_t, std::vector<std::size_t>> lines;
    std::vector<std::int64_t> distinct;
    lines.reserve(seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        auto& indices = lines[seqs[i]];
        if (indices.empty())
            distinct.push_back(seqs[i]);
        indices.push_back(i);
    }
    const std::string activities = json_array(distinct);

    if (!language.empty()) {
        auto s = LOTSEN_TRY(cached(k_sql_list_texts_in.c_str()));
        s.bind(1, activities);
        s.bind(2, language);
        while (LOTSEN_TRY(s.step("reading activity texts"))) {
            const auto found = lines.find(s.int64(0));
            if (found == lines.end())
                continue;
            for (std::size_t f = 0; f < k_fields; ++f) {
                const int own = 7 + static_cast<int>(f);
                const int fallback = 1 + 2 * static_cast<int>(f);
                std::string_view text;
                std::string_view text_language;
                if (!s.text(own).empty()) {
                    text = s.text(own);
                    text_language = language;
                } else if (!s.is_null(fallback)) {
                    text = s.text(fallback);
                    text_language = s.text(fallback + 1);
                } else {
                    continue;
                }
                for (std::size_t index : found->second)
                    field_of(items[index], f) = LocalizedText(TextMap{{std::string(text_language), std::string(text)}});
            }
        }
    } else {
        auto s = LOTSEN_TRY(cached(k_sql_list_texts_all.c_str()));
        s.bind(1, activities);
        while (LOTSEN_TRY(s.step("reading activity texts"))) {
            const auto found = lines.find(s.int64(0));
            if (found == lines.end())
                continue;
            const std::string_view row_language = s.text(1);
            for (std::size_t f = 0; f < k_fields; ++f) {
                const int column = 2 + 2 * static_cast<int>(f);
                if (s.is_null(column))
                    continue;
                const std::string text_language(row_language.empty() ? s.text(column + 1) : row_language);
                for (std::size_t index : found->second)
                    field_of(items[index], f).set(text_language, std::string(s.text(column)));
            }
        }
    }

    auto images = LOTSEN_TRY(cached(k_sql_list_images.c_str()));
    images.bind(1, activities);
    while (LOTSEN_TRY(images.step("reading activity images"))) {
        const auto found = lines.find(images.int64(0));
        if (found == lines.end())
            continue;
        const ImageRef image = image_from_row(images, images.is_null(1) ? 6 : 1);
        for (std::size_t index : found->second)
            items[index].image = image;
    }
    return success();
}

}  // namespace lotsen
