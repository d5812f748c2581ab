// store_list_texts.cpp — what a list line shows of an activity (its title, place name, organisation
// name and image), kept in `list_texts` so that a line is two b-tree seeks instead of a dozen through
// `texts`, `activities`, `organisations` and `images`: the rows the import and the migration write,
// and how they are read: all of an activity's for a line in every language (Store::fill_list_texts,
// upcoming()), two joined to the query that picks the lines for a line in one (read_line, search()).
//
// The fallback is LocalizedText::get's (wanted language, Swedish, English, the first present), split
// in two: the row with language '' holds, for each field, the text a language without its own
// answers with (get("sv")) and that text's language, and the line's image (the activity's photo, else
// its organisation's logo); a row per other language holds that language's own texts, NULL where it
// has none or where it is the field's fallback language already (the '' row answers then).
// get(wanted) is the wanted row's text when it is not empty, else the '' row's.
#include "core/storage/store.hpp"

#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lotsen {

using namespace store_internal;

namespace {

// The three fields, in the order of list_texts' columns.
constexpr std::size_t k_fields = 3;

// A line's texts in every language, and its image: all of the activity's rows.
const std::string k_sql_list_texts = sql_text(
    "SELECT j.value, l.language, l.title, l.title_language, l.place, l.place_language, l.organisation,"
    " l.organisation_language, l.image_sha256, l.image_bytes, l.image_width, l.image_height, l.image_type"
    " FROM json_each(?1) j CROSS JOIN list_texts l ON l.activity = j.value");

// One text in one language, built in place (a TextMap from an initializer list copies each string twice).
LocalizedText one_text(std::string_view language, std::string_view text)
{
    LocalizedText made;
    made.set(std::string(language), std::string(text));
    return made;
}

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
                                               const LocalizedText& organisation, const ImageRef* image,
                                               std::string_view what)
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
            insert.bind_borrowed(column, fields[f]->get(fallback[f]));  // the texts outlive the runs
            insert.bind_borrowed(column + 1, fallback[f]);
        }
    }
    if (image != nullptr && image->resolved()) {
        insert.bind(9, image->sha256);
        insert.bind(10, image->bytes);
        insert.bind(11, image->width);
        insert.bind(12, image->height);
        insert.bind(13, image->type);
    } else {
        for (int column = 9; column <= 13; ++column)
            insert.bind_null(column);
    }
    LOTSEN_TRY(insert.run(what));

    // Every other language with a text of its own (an empty one too: a line in all languages keeps it).
    std::vector<std::string_view> languages;  // a handful: a sorted vector, not a set
    for (const LocalizedText* field : fields) {
        for (const auto& [language, text] : field->all())
            languages.push_back(language);
    }
    std::sort(languages.begin(), languages.end());
    languages.erase(std::unique(languages.begin(), languages.end()), languages.end());
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
            insert.bind_borrowed(column, found->second);
            any = true;
        }
        if (!any)
            continue;
        for (int column = 9; column <= 13; ++column)
            insert.bind_null(column);
        insert.bind_borrowed(2, language);
        LOTSEN_TRY(insert.run(what));
    }
    return success();
}

Result<void> store_internal::rebuild_list_texts(sqlite3* db)
{
    const char* operation = "filling the list texts";
    LOTSEN_TRY(sqlite::exec(db, k_subject, "DELETE FROM list_texts", operation));
    auto activities = LOTSEN_TRY(Statement::prepare(
        db, k_subject, "SELECT a.seq, g.seq FROM activities a JOIN organisations g ON g.id = a.organisation_id",
        operation));
    const std::string texts_sql = sql_text(
        "SELECT field, language, text FROM texts WHERE owner = ?1 AND field IN (", TextField::activity_title, ", ",
        TextField::place_name, ") UNION ALL SELECT field, language, text FROM texts WHERE owner = ?2 AND field = ",
        TextField::organisation_name);
    auto texts = LOTSEN_TRY(Statement::prepare(db, k_subject, texts_sql.c_str(), operation));
    // The photo first, then the logo: the first row is the line's image.
    const std::string image_sql = sql_text(
        "SELECT sha256, bytes, width, height, type FROM images WHERE kind = ", ImageOwner::activity,
        " AND owner = ?1 UNION ALL SELECT sha256, bytes, width, height, type FROM images WHERE kind = ",
        ImageOwner::organisation, " AND owner = ?2");
    auto images = LOTSEN_TRY(Statement::prepare(db, k_subject, image_sql.c_str(), operation));
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
        images.bind(1, seq);
        images.bind(2, activities.int64(1));
        std::optional<ImageRef> image;
        if (LOTSEN_TRY(images.step(operation)))
            image = image_from_row(images, 0);
        images.reset();
        LOTSEN_TRY(insert_list_texts(insert, seq, fields[0], fields[1], fields[2], image ? &*image : nullptr,
                                     operation));
    }
    return success();
}

// ---------------------------------------------------------------------------------------------
// Reading.

std::string store_internal::line_joins(std::string_view language)
{
    return sql_text(" LEFT JOIN list_texts d ON d.activity = a.seq AND d.language = ''"
                    " LEFT JOIN list_texts w ON w.activity = a.seq AND w.language = ", language);
}

void store_internal::read_line(const Statement& row, int first, std::string_view language, ActivityListItem& item)
{
    for (std::size_t f = 0; f < k_fields; ++f) {
        const int fallback = first + 2 * static_cast<int>(f);  // d.<field>, d.<field>_language
        const int own = first + 6 + static_cast<int>(f);       // w.<field>
        if (!row.text(own).empty())
            field_of(item, f) = one_text(language, row.text(own));
        else if (!row.is_null(fallback))
            field_of(item, f) = one_text(row.text(fallback + 1), row.text(fallback));
    }
    if (const int image = first + 9; !row.is_null(image))
        item.image = image_from_row(row, image);
}

Result<void> Store::fill_list_texts(std::vector<ActivityListItem>& items, const std::vector<std::int64_t>& seqs)
{
    assert(items.size() == seqs.size());
    if (items.empty())
        return success();
    // An activity can be on several lines (one per occurrence).
    std::unordered_map<std::int64_t, std::vector<std::size_t>> lines;
    std::vector<std::int64_t> distinct;
    lines.reserve(seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        auto& indices = lines[seqs[i]];
        if (indices.empty())
            distinct.push_back(seqs[i]);
        indices.push_back(i);
    }
    auto s = LOTSEN_TRY(cached(k_sql_list_texts.c_str()));
    s.bind(1, json_array(distinct));
    while (LOTSEN_TRY(s.step("reading activity texts"))) {
        const auto found = lines.find(s.int64(0));
        if (found == lines.end())
            continue;
        const std::string_view row_language = s.text(1);
        for (std::size_t f = 0; f < k_fields; ++f) {
            const int column = 2 + 2 * static_cast<int>(f);
            if (s.is_null(column))
                continue;
            // The fallback row says each text's language; another row is in its own.
            const std::string text_language(row_language.empty() ? s.text(column + 1) : row_language);
            for (std::size_t index : found->second)
                field_of(items[index], f).set(text_language, std::string(s.text(column)));
        }
        if (!s.is_null(8)) {
            const ImageRef image = image_from_row(s, 8);
            for (std::size_t index : found->second)
                items[index].image = image;
        }
    }
    return success();
}

}  // namespace lotsen
