// store_import.cpp — replacing the store's catalogue: every row of the new catalogue, its texts, its
// occurrences around the import and its search index, written in one transaction that a failure
// rolls back whole, so visitors keep the old catalogue.
#include "core/storage/store.hpp"

#include "core/base/text_checks.hpp"
#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>
#include <vector>

namespace lotsen {

using namespace store_internal;

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
    Statement image;
};

Result<ImportStatements> prepare_import(sqlite3* db)
{
    const std::array<const char*, 8> sql{
        "INSERT INTO interests(id) VALUES (?1)",
        "INSERT INTO organisations(id, phone, email, web, municipality, reply_days, accepts_contact_requests,"
        " measured_reply_minutes, measured_reply_requests, measured_reply_window_days)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "INSERT INTO activities(id, organisation_id, town, address, latitude, longitude, cost_sek, drop_in,"
        " accessible, accessibility, audience, schedule, last_checked)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        "INSERT INTO activity_interests(activity, position, interest) VALUES (?1, ?2, ?3)",
        "INSERT INTO activity_languages(activity, position, language) VALUES (?1, ?2, ?3)",
        "INSERT INTO texts(owner, field, language, text) VALUES (?1, ?2, ?3, ?4)",
        k_sql_insert_occurrence,
        "INSERT INTO images(kind, owner, sha256, bytes, width, height, type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    };
    std::vector<Statement> prepared;
    for (const char* text : sql) {
        prepared.push_back(LOTSEN_TRY(Statement::prepare(db, k_subject, text, "preparing the import")));
    }
    return ImportStatements{std::move(prepared[0]), std::move(prepared[1]), std::move(prepared[2]),
                            std::move(prepared[3]), std::move(prepared[4]), std::move(prepared[5]),
                            std::move(prepared[6]), std::move(prepared[7])};
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

// An image reference a kiosk can fetch; one only naming a file beside a source is not stored.
Result<void> insert_image(Statement& insert, ImageOwner kind, std::int64_t owner, const std::optional<ImageRef>& image,
                          std::string_view what)
{
    if (!image || !image->resolved())
        return success();
    insert.bind(1, static_cast<int>(kind));
    insert.bind(2, owner);
    insert.bind(3, image->sha256);
    insert.bind(4, image->bytes);
    insert.bind(5, image->width);
    insert.bind(6, image->height);
    insert.bind(7, image->type);
    return insert.run(what);
}

// The whole import in one IMMEDIATE transaction; rolled back on any failure.
Result<void> import_catalogue(sqlite3* db, const Catalogue& catalogue, UnixSeconds now)
{
    auto transaction =
        LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting the transaction"));

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
                    "DELETE FROM texts; DELETE FROM images; DELETE FROM activities; DELETE FROM organisations;"
                    "DELETE FROM interests;",
                    "deleting the old catalogue"));

    ImportStatements st = LOTSEN_TRY(prepare_import(db));

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
        if (const auto& measured = organisation.measured_reply) {
            st.organisation.bind(8, measured->median_minutes);
            st.organisation.bind(9, measured->requests);
            st.organisation.bind(10, measured->window_days);
        } else {
            for (int column = 8; column <= 10; ++column)
                st.organisation.bind_null(column);
        }
        LOTSEN_TRY(st.organisation.run(what));
        const std::int64_t seq = sqlite3_last_insert_rowid(db);
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::organisation_name, organisation.name, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::organisation_description, organisation.description, what));
        LOTSEN_TRY(insert_image(st.image, ImageOwner::organisation, seq, organisation.logo, what));
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
        st.activity.bind(10, strings_to_json(activity.accessibility));
        st.activity.bind(11, audience_to_json(activity.audience));
        st.activity.bind(12, schedule_to_json(activity.schedule));
        st.activity.bind(13, activity.last_checked ? std::optional<std::string>(activity.last_checked->to_string())
                                                   : std::nullopt);
        LOTSEN_TRY(st.activity.run(what));
        const std::int64_t seq = sqlite3_last_insert_rowid(db);

        LOTSEN_TRY(insert_texts(st.text, seq, TextField::activity_title, activity.title, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::activity_description, activity.description, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::place_name, activity.place.name, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::cost_note, activity.cost.note, what));
        LOTSEN_TRY(insert_texts(st.text, seq, TextField::place_how_to_find_us, activity.place.how_to_find_us, what));
        LOTSEN_TRY(insert_image(st.image, ImageOwner::activity, seq, activity.image, what));
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
    const std::string characters = LOTSEN_TRY(collect_characters(db));
    LOTSEN_TRY(write_meta(db, k_meta_characters, characters));
    return transaction.commit("committing");
}

}  // namespace

Result<void> Store::replace_catalogue(const Catalogue& catalogue, UnixSeconds now)
{
    auto imported = import_catalogue(m_db.handle(), catalogue, now);
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

}  // namespace lotsen
