// store_queries.cpp — what the kiosk reads from the store: the activity list (materialising
// occurrences when a query needs more of them; its lines' texts are store_list_texts.cpp's), whole records, interests, contact organisations,
// towns, the catalogue's characters and counts. Search is store_search.cpp's.
#include "core/storage/store.hpp"

#include "core/base/text_checks.hpp"
#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace lotsen {

using namespace store_internal;

namespace {

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
    // Near the kiosk: inside the bounding box of the circle (?10..?13; upcoming() then drops the
    // box's corners), or, where the kiosk or the place has no position, in the kiosk's town ?14.
    "   AND (?9 = 0"
    "        OR (?10 IS NOT NULL AND a.latitude IS NOT NULL AND a.longitude IS NOT NULL"
    "            AND a.latitude BETWEEN ?10 AND ?11 AND a.longitude BETWEEN ?12 AND ?13)"
    "        OR ((?10 IS NULL OR a.latitude IS NULL OR a.longitude IS NULL) AND a.town = ?14))"
    " ORDER BY o.starts, a.id"
    " LIMIT ?15";

const std::string k_sql_window = sql_text("SELECT (SELECT value FROM meta WHERE name = '", k_meta_window_from, "'),"
                                          "       (SELECT value FROM meta WHERE name = '", k_meta_window_to, "')");

// The activity's own texts, numbered from its title to its place's "how to find us".
const std::string k_sql_activity_texts =
    sql_text("SELECT field, language, text FROM texts WHERE owner = ?1 AND field BETWEEN ", TextField::activity_title,
             " AND ", TextField::place_how_to_find_us);

// The texts of `field` of the row `alias`.seq of its table, as one json_group_object.
std::string texts_as_json(std::string_view alias, TextField field)
{
    return sql_text("(SELECT json_group_object(language, text) FROM texts WHERE owner = ", alias, ".seq AND field = ",
                    field, ")");
}

const std::string k_sql_image = "SELECT sha256, bytes, width, height, type FROM images WHERE kind = ?1 AND owner = ?2";

const std::string k_sql_organisation =
    sql_text("SELECT phone, email, web, municipality, reply_days, accepts_contact_requests, ",
             texts_as_json("g", TextField::organisation_name), ", ",
             texts_as_json("g", TextField::organisation_description),
             ", seq, measured_reply_minutes, measured_reply_requests, measured_reply_window_days, ",
             texts_as_json("g", TextField::organisation_needs), ", ",
             texts_as_json("g", TextField::organisation_offers),
             " FROM organisations g WHERE id = ?1");

const std::string k_sql_interests =
    sql_text("SELECT id, ", texts_as_json("i", TextField::interest_label), " FROM interests i ORDER BY seq");

const std::string k_sql_contact_organisations =
    sql_text("SELECT id, phone, email, web, municipality, reply_days, ",
             texts_as_json("g", TextField::organisation_name),
             ", measured_reply_minutes, measured_reply_requests, measured_reply_window_days"
             " FROM organisations g WHERE accepts_contact_requests != 0 ORDER BY municipality != ?1, seq");

// The measured reply time in three columns starting at `first`, when the catalogue carried one.
std::optional<MeasuredReply> measured_reply_from_row(const sqlite::Statement& row, int first)
{
    if (row.is_null(first))
        return std::nullopt;
    return MeasuredReply{.median_minutes = row.int64(first),
                         .requests = row.integer(first + 1),
                         .window_days = row.integer(first + 2)};
}

// The image of kind `kind` that `owner` has, if any.
Result<std::optional<ImageRef>> read_image(sqlite3* db, ImageOwner kind, std::int64_t owner, const std::string& operation)
{
    auto stmt = LOTSEN_TRY(sqlite::Statement::prepare(db, k_subject, k_sql_image.c_str(), operation));
    stmt.bind(1, static_cast<std::int64_t>(kind));
    stmt.bind(2, owner);
    if (!LOTSEN_TRY(stmt.step(operation)))
        return std::optional<ImageRef>{};
    return std::optional<ImageRef>{image_from_row(stmt, 0)};
}

}  // namespace

Result<std::int64_t> Store::catalogue_version()
{
    const std::optional<std::int64_t> version = LOTSEN_TRY(read_meta_int(m_db.handle(), k_meta_catalogue_version));
    return version.value_or(0);
}

// ---------------------------------------------------------------------------------------------
// Occurrences.

Result<void> Store::ensure_occurrences(UnixSeconds from, UnixSeconds to)
{
    // Fast path: one read of the shared window, no transaction of our own.
    {
        auto window = LOTSEN_TRY(cached(k_sql_window.c_str()));
        LOTSEN_TRY(window.step("reading the occurrence window"));
        // No window means no catalogue yet: nothing to expand.
        if (window.is_null(0) || window.is_null(1))
            return success();
        if (from >= window.int64(0) && to <= window.int64(1))
            return success();
    }

    const std::string operation = "extending the occurrence window";
    sqlite3* db = m_db.handle();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, operation));
    // Read again under the write lock: another connection may just have extended it.
    const std::optional<std::int64_t> stored_from = LOTSEN_TRY(read_meta_int(db, k_meta_window_from));
    const std::optional<std::int64_t> stored_to = LOTSEN_TRY(read_meta_int(db, k_meta_window_to));
    if (!stored_from || !stored_to)
        return success();
    const UnixSeconds old_from = *stored_from;
    const UnixSeconds old_to = *stored_to;
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
        LOTSEN_TRY(sqlite::exec(db, k_subject, "DELETE FROM occurrences", operation));
        new_from = from;
        new_to = to;
        kept_from = to;
        kept_to = to;
    }

    auto activities =
        LOTSEN_TRY(Statement::prepare(db, k_subject, "SELECT seq, id, schedule FROM activities", operation));
    auto insert = LOTSEN_TRY(Statement::prepare(db, k_subject, k_sql_insert_occurrence, operation));
    while (LOTSEN_TRY(activities.step(operation))) {
        const std::string_view id = activities.text(1);
        auto schedule = schedule_from_json(activities.text(2));
        if (!schedule) {
            return Error{"the stored schedule of activity " + in_quotes(id) + " is damaged: " + schedule.error().text(),
                         std::string(k_subject)};
        }
        const std::int64_t seq = activities.int64(0);
        if (new_from < kept_from)
            LOTSEN_TRY(insert_occurrences(insert, seq, schedule.value(), new_from, kept_from, id));
        if (new_to > kept_to)
            LOTSEN_TRY(insert_occurrences(insert, seq, schedule.value(), kept_to, new_to, id));
    }
    LOTSEN_TRY(write_meta(db, k_meta_window_from, new_from));
    LOTSEN_TRY(write_meta(db, k_meta_window_to, new_to));
    return transaction.commit(operation);
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
        auto s = LOTSEN_TRY(cached(k_sql_upcoming));
        const ActivityFilter& filter = query.filter;
        s.bind(1, query.from);
        s.bind(2, to);
        s.bind(3, filter.interest);
        s.bind(4, filter.town);
        s.bind(5, filter.language_spoken);
        s.bind(6, filter.free_only);
        s.bind(7, filter.accessible_only);
        s.bind(8, filter.drop_in_only);
        s.bind(9, query.near.has_value());
        if (query.near && query.near->centre) {
            // Degrees spanned by the radius: 111 195 m per degree of latitude on the mean sphere,
            // fewer per degree of longitude by cos(latitude) (clamped short of the poles).
            const GeoPoint& centre = *query.near->centre;
            const double metres_per_degree = 6371008.8 * 3.14159265358979323846 / 180.0;
            const double dlat = query.near->radius_metres / metres_per_degree;
            const double dlon = dlat / std::max(0.01, std::cos(centre.latitude * 3.14159265358979323846 / 180.0));
            s.bind(10, centre.latitude - dlat);
            s.bind(11, centre.latitude + dlat);
            s.bind(12, centre.longitude - dlon);
            s.bind(13, centre.longitude + dlon);
        }
        s.bind(14, query.near ? std::string_view(query.near->town) : std::string_view());
        s.bind(15, query.limit);
        while (LOTSEN_TRY(s.step("listing upcoming activities"))) {
            ActivityListItem& item = items.emplace_back();
            const std::int64_t seq = read_item(s, item);
            if (query.near && !query.near->contains(item.position, item.town)) {
                items.pop_back();  // a corner of the bounding box, outside the circle
                continue;
            }
            seqs.push_back(seq);
            item.occurrence = Occurrence{s.int64(8), s.int64(9), decode_local(s.int64(10))};
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
    sqlite3* db = m_db.handle();
    // One snapshot for the four reads below.
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::deferred, operation));

    auto r = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                           "SELECT seq, organisation_id, town, address, latitude, longitude, cost_sek,"
                                           " drop_in, accessibility, audience, schedule, last_checked FROM activities"
                                           " WHERE id = ?1",
                                           operation));
    r.bind(1, id);
    if (!LOTSEN_TRY(r.step(operation)))
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
    if (!r.is_null(11))
        activity.last_checked = Date::parse(r.text(11));
    auto accessibility = strings_from_json(r.text(8));
    auto audience = audience_from_json(r.text(9));
    auto schedule = schedule_from_json(r.text(10));
    if (!accessibility || !audience || !schedule)
        return Error{"the stored details of activity " + in_quotes(id) + " are damaged", std::string(k_subject)};
    activity.accessibility = std::move(accessibility.value());
    activity.audience = std::move(audience.value());
    activity.schedule = std::move(schedule.value());

    auto t = LOTSEN_TRY(Statement::prepare(db, k_subject, k_sql_activity_texts.c_str(), operation));
    t.bind(1, seq);
    while (LOTSEN_TRY(t.step(operation))) {
        std::string language(t.text(1));
        std::string value(t.text(2));
        switch (static_cast<TextField>(t.integer(0))) {
        case TextField::activity_title: activity.title.set(language, std::move(value)); break;
        case TextField::activity_description: activity.description.set(language, std::move(value)); break;
        case TextField::place_name: activity.place.name.set(language, std::move(value)); break;
        case TextField::cost_note: activity.cost.note.set(language, std::move(value)); break;
        case TextField::place_how_to_find_us: activity.place.how_to_find_us.set(language, std::move(value)); break;
        default: break;
        }
    }

    const std::array<std::pair<const char*, std::vector<std::string>*>, 2> lists{{
        {"SELECT interest FROM activity_interests WHERE activity = ?1 ORDER BY position", &activity.interests},
        {"SELECT language FROM activity_languages WHERE activity = ?1 ORDER BY position", &activity.languages},
    }};
    for (const auto& [sql, list] : lists) {
        auto stmt = LOTSEN_TRY(Statement::prepare(db, k_subject, sql, operation));
        stmt.bind(1, seq);
        while (LOTSEN_TRY(stmt.step(operation)))
            list->emplace_back(stmt.text(0));
    }
    activity.image = LOTSEN_TRY(read_image(db, ImageOwner::activity, seq, operation));
    return std::optional<Activity>{std::move(activity)};
}

Result<std::optional<Organisation>> Store::organisation(std::string_view id)
{
    const std::string operation = "reading organisation " + in_quotes(id);
    // One statement, one snapshot: the texts come along as JSON.
    auto r = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, k_sql_organisation.c_str(), operation));
    r.bind(1, id);
    if (!LOTSEN_TRY(r.step(operation)))
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
    auto needs = localized_from_json(r.text(12));
    auto offers = localized_from_json(r.text(13));
    if (!name || !description || !needs || !offers)
        return Error{"the texts of organisation " + in_quotes(id) + " are damaged", std::string(k_subject)};
    organisation.name = std::move(name.value());
    organisation.description = std::move(description.value());
    organisation.needs = std::move(needs.value());
    organisation.offers = std::move(offers.value());
    organisation.logo = LOTSEN_TRY(read_image(m_db.handle(), ImageOwner::organisation, r.int64(8), operation));
    organisation.measured_reply = measured_reply_from_row(r, 9);
    return std::optional<Organisation>{std::move(organisation)};
}

Result<std::vector<ImageRef>> Store::images()
{
    const char* operation = "listing the catalogue's images";
    auto stmt = LOTSEN_TRY(Statement::prepare(
        m_db.handle(), k_subject,
        "SELECT sha256, bytes, width, height, type FROM images GROUP BY sha256 ORDER BY min(kind), min(owner)", operation));
    std::vector<ImageRef> images;
    while (LOTSEN_TRY(stmt.step(operation)))
        images.push_back(image_from_row(stmt, 0));
    return images;
}

Result<std::vector<Interest>> Store::interests()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, k_sql_interests.c_str(), "reading interests"));
    std::vector<Interest> interests;
    while (LOTSEN_TRY(stmt.step("reading interests"))) {
        Interest interest;
        interest.id = std::string(stmt.text(0));
        auto label = localized_from_json(stmt.text(1));
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
    auto r = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, k_sql_contact_organisations.c_str(), operation));
    r.bind(1, home_municipality);
    std::vector<Organisation> organisations;
    while (LOTSEN_TRY(r.step(operation))) {
        Organisation organisation;
        organisation.id = std::string(r.text(0));
        organisation.contact.phone = std::string(r.text(1));
        organisation.contact.email = std::string(r.text(2));
        organisation.contact.web = std::string(r.text(3));
        organisation.municipality = std::string(r.text(4));
        organisation.reply_days = r.integer(5);
        organisation.accepts_contact_requests = true;
        organisation.measured_reply = measured_reply_from_row(r, 7);
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
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "SELECT DISTINCT town FROM activities",
                                              "listing towns"));
    std::vector<std::string> towns;
    while (LOTSEN_TRY(stmt.step("listing towns")))
        towns.emplace_back(stmt.text(0));
    std::sort(towns.begin(), towns.end(), [](const std::string& a, const std::string& b) {
        return swedish_sort_key(a) < swedish_sort_key(b);
    });
    return towns;
}

Result<std::string> Store::text_characters()
{
    if (auto stored = LOTSEN_TRY(read_meta_text(m_db.handle(), k_meta_characters)))
        return std::move(*stored);
    // A store imported by software that did not keep them: collected once and kept from now on.
    auto characters = LOTSEN_TRY(collect_characters(m_db.handle()));
    if (auto kept = write_meta(m_db.handle(), k_meta_characters, characters); !kept)
        std::fprintf(stderr, "lotsen: the catalogue's characters could not be kept for the next start: %s\n",
                     kept.error().text().c_str());
    return characters;
}

Result<std::int64_t> Store::activity_count()
{
    auto stmt = LOTSEN_TRY(Statement::prepare(m_db.handle(), k_subject, "SELECT count(*) FROM activities",
                                              "counting activities"));
    LOTSEN_TRY(stmt.step("counting activities"));
    return stmt.int64(0);
}

}  // namespace lotsen
