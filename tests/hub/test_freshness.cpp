// test_freshness.cpp — listings' last-checked dates on the hub (issue 20, "Freshness"): a spreadsheet
// dates every listing it holds with its publication day; a whole catalogue keeps the dates listings
// had; a listing not checked for longer than the limit is left out of the region catalogue while its
// association's part keeps it, `publish` says so per association, and it comes back when checked; the
// office's "still correct" (hub.db) raises the date at the next publication or `--refresh`, which also
// drops listings that went stale. The office's /freshness page (oldest first, "N days ago", the
// button with its form token, the association boundary, the region's summary) and the e-mails asking
// an association to check its listings, sent once per listing and date to a real SMTP server.
#include "tests/hub/office_test_support.hpp"
#include "tests/hub/publish_test_support.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/wire/manifest.hpp"
#include "hub/catalogue_parts.hpp"
#include "hub/freshness.hpp"
#include "hub/hub_store.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/freshness_mail.hpp"
#include "hub/office/mail_pass.hpp"
#include "hub/office/office_mail.hpp"
#include "hub/office/web.hpp"
#include "tests/common/smtp_sink.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>

namespace lotsen::hub::test {
namespace {

using manifest::Kind;

constexpr std::int64_t k_day = 86400;
// k_publish_now is 2025-11-19 12:00 UTC, 13:00 in Sweden.
const Date k_first_day{2025, 11, 19};

std::string sheet(const std::string& association, const std::vector<std::string>& ids, const std::string& title = "Träff")
{
    std::string text = "Aktivitets-id;Förenings-id;Förening;Kommun;Aktivitet;Intressen;Dag;Tid;Från;Till;Adress;Ort\n";
    for (const std::string& id : ids)
        text += id + ";" + association + ";Föreningen " + association + ";Halmstad;" + title + " " + id + ";samtal;tis;18-20;"
                "2026-08-01;2027-06-30;Storgatan 1;Halmstad\n";
    return text;
}

class Freshness : public PublishFixture {
protected:
    PublishOutcome expect_published(const std::string& path, UnixSeconds now, PublishOptions with = {})
    {
        with.data_dir = data_dir;
        with.now = now;
        auto done = publish_file(Kind::catalogue, path, publisher, with);
        EXPECT_TRUE(done.ok()) << done.error().text();
        return done.ok() ? done.value() : PublishOutcome{};
    }

    PublishOutcome expect_refreshed(UnixSeconds now)
    {
        auto done = refresh_manifest(publisher, options(now));
        EXPECT_TRUE(done.ok()) << done.error().text();
        return done.ok() ? done.value() : PublishOutcome{};
    }

    manifest::Manifest current()
    {
        auto verified = manifest::verify(read_text(manifest_path()), publisher.public_key);
        EXPECT_TRUE(verified.ok()) << verified.error().text();
        return verified.ok() ? verified.value() : manifest::Manifest{};
    }

    std::string published_text()
    {
        auto verified = manifest::verify(read_text(manifest_path()), publisher.public_key);
        EXPECT_TRUE(verified.ok());
        return read_text(published() + "/files/" + verified.value().catalogue->file);
    }

    Catalogue published_catalogue()
    {
        const CatalogueParseResult parsed = parse_catalogue_json(published_text());
        EXPECT_TRUE(parsed.ok()) << parsed.summary();
        return parsed.ok() ? *parsed.catalogue : Catalogue{};
    }

    static const Activity* find(const Catalogue& catalogue, const std::string& id)
    {
        for (const Activity& activity : catalogue.activities) {
            if (activity.id == id)
                return &activity;
        }
        return nullptr;
    }

    // The part sources/ keeps for `association`.
    Catalogue part(const std::string& association)
    {
        const CatalogueParseResult parsed = parse_catalogue_json(read_text(published() + "/sources/" + association + ".json"));
        EXPECT_TRUE(parsed.ok()) << parsed.summary();
        return parsed.ok() ? *parsed.catalogue : Catalogue{};
    }

    void check_in_office(const std::string& association, const std::string& activity, const Date& on)
    {
        auto opened = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        ASSERT_TRUE(record_listing_check(opened.value()->connection(), association, activity, on, k_publish_now, std::nullopt).ok());
    }
};

TEST_F(Freshness, ASpreadsheetDatesEveryListingWithThePublicationDay)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis", "stickcafe-tor"})), k_publish_now);
    const std::string text = published_text();
    EXPECT_NE(text.find("\"format_minor\": 4"), std::string::npos) << text;
    const Catalogue catalogue = published_catalogue();
    ASSERT_EQ(catalogue.activities.size(), 2u);
    for (const Activity& activity : catalogue.activities)
        EXPECT_EQ(activity.last_checked, k_first_day) << activity.id;
    // The association's part keeps the dates too.
    EXPECT_EQ(part("stickcafe").activities.at(0).last_checked, k_first_day);

    // Published again ten days later, unchanged: every listing is checked again, and nothing "changed".
    const PublishOutcome again = expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis", "stickcafe-tor"})),
                                                  k_publish_now + 10 * k_day);
    ASSERT_EQ(again.changes.size(), 1u);
    EXPECT_EQ(again.changes[0].kind, AssociationChange::Kind::untouched);
    EXPECT_EQ(find(published_catalogue(), "stickcafe-tor")->last_checked, k_first_day.plus_days(10));
}

TEST_F(Freshness, AWholeCatalogueKeepsTheDatesListingsHad)
{
    expect_published(source("a.csv", sheet("org", {"walk"})), k_publish_now);
    // The region's whole catalogue, 20 days later, with the same listing and a new one, neither dated.
    std::string whole = catalogue_json(5);
    const std::string listing = R"({"id": "walk", "organisation": "org")";
    const std::size_t at = whole.find(listing);
    ASSERT_NE(at, std::string::npos);
    whole.insert(at, R"({"id": "swim", "organisation": "org", "title": {"en": "Swim"}, "interests": ["sport"],
    "schedule": {"dates": [{"date": "2026-12-06", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Badhuset", "town": "Halmstad"}}, )");
    expect_published(source("whole.json", whole), k_publish_now + 20 * k_day);
    const Catalogue catalogue = published_catalogue();
    EXPECT_EQ(find(catalogue, "walk")->last_checked, k_first_day);  // not the association's check
    EXPECT_EQ(find(catalogue, "swim")->last_checked, k_first_day.plus_days(20));

    // A date after the publication is refused with its path; nothing is written.
    const std::string manifest_before = read_text(manifest_path());
    std::string future = catalogue_json(6);
    future.replace(future.find(R"("id": "walk",)"), 13, R"("id": "walk", "last_checked": "2030-01-01",)");
    auto refused = publish_file(Kind::catalogue, source("future.json", future), publisher, options(k_publish_now + 21 * k_day));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("$.activities[0].last_checked: \"2030-01-01\" is after today (2025-12-10)"),
              std::string::npos)
        << refused.error().text();
    EXPECT_EQ(read_text(manifest_path()), manifest_before);
}

TEST_F(Freshness, AStaleListingIsLeftOutAndComesBackWhenItsAssociationPublishesIt)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})), k_publish_now);
    // A year and a day later another association publishes: the stickcafé's listing is stale.
    const PublishOutcome second = expect_published(source("b.csv", sheet("schack", {"schack-tor"})), k_publish_now + 366 * k_day);
    EXPECT_NE(second.freshness.find("association \"stickcafe\": 1 listing not published, last checked more than 365 days "
                                    "ago (\"stickcafe-tis\" 2025-11-19); the office tells the association"),
              std::string::npos)
        << second.freshness;
    Catalogue catalogue = published_catalogue();
    EXPECT_EQ(find(catalogue, "stickcafe-tis"), nullptr);
    EXPECT_NE(find(catalogue, "schack-tor"), nullptr);
    EXPECT_NE(catalogue.find_organisation("stickcafe"), nullptr);  // the association stays
    // Its part keeps the listing, and index.json names it as withheld.
    EXPECT_NE(find(part("stickcafe"), "stickcafe-tis"), nullptr);
    const auto index = read_sources_index(published());
    ASSERT_TRUE(index);
    EXPECT_EQ(index->parts.at("stickcafe").withheld, std::vector<std::string>{"stickcafe-tis"});
    EXPECT_EQ(index->withhold_after_days, 365);

    // The next publication reads the parts as they are (they make the published catalogue).
    const PublishOutcome third = expect_published(source("b.csv", sheet("schack", {"schack-tor"})), k_publish_now + 367 * k_day);
    for (const std::string& note : third.notes)
        EXPECT_EQ(note.find("sources/"), std::string::npos) << note;
    EXPECT_EQ(find(published_catalogue(), "stickcafe-tis"), nullptr);

    // The stickcafé publishes its spreadsheet again: checked, and back on the kiosks.
    const PublishOutcome back = expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})), k_publish_now + 368 * k_day);
    EXPECT_NE(back.freshness.find("association \"stickcafe\": 1 listing checked again and published again (\"stickcafe-tis\")"),
              std::string::npos)
        << back.freshness;
    catalogue = published_catalogue();
    ASSERT_NE(find(catalogue, "stickcafe-tis"), nullptr);
    EXPECT_EQ(find(catalogue, "stickcafe-tis")->last_checked, k_first_day.plus_days(368));
}

TEST_F(Freshness, RefreshDropsWhatWentStaleAndTakesInTheOfficesChecks)
{
    PublishOptions long_expiry;
    long_expiry.expires_days = 366;
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis", "stickcafe-tor"})), k_publish_now, long_expiry);
    // Nothing changed: a refresh re-signs only.
    EXPECT_FALSE(expect_refreshed(k_publish_now + 100 * k_day).kind);
    EXPECT_EQ(current().catalogue->version, 1);

    // "Still correct" for one listing in the office, on day 200.
    check_in_office("stickcafe", "stickcafe-tor", k_first_day.plus_days(200));
    const PublishOutcome raised = expect_refreshed(k_publish_now + 201 * k_day);
    ASSERT_TRUE(raised.kind);
    EXPECT_EQ(*raised.kind, Kind::catalogue);
    EXPECT_EQ(current().catalogue->version, 2);
    EXPECT_EQ(find(published_catalogue(), "stickcafe-tor")->last_checked, k_first_day.plus_days(200));

    // A year after the publication the other listing is stale: the refresh leaves it out.
    const PublishOutcome dropped = expect_refreshed(k_publish_now + 366 * k_day);
    ASSERT_TRUE(dropped.kind);
    EXPECT_NE(dropped.freshness.find("1 listing not published"), std::string::npos) << dropped.freshness;
    Catalogue catalogue = published_catalogue();
    EXPECT_EQ(current().catalogue->version, 3);
    EXPECT_EQ(find(catalogue, "stickcafe-tis"), nullptr);
    ASSERT_NE(find(catalogue, "stickcafe-tor"), nullptr);

    // Checked in the office: the next refresh brings it back.
    check_in_office("stickcafe", "stickcafe-tis", k_first_day.plus_days(367));
    const PublishOutcome returned = expect_refreshed(k_publish_now + 368 * k_day);
    ASSERT_TRUE(returned.kind);
    EXPECT_NE(returned.freshness.find("published again (\"stickcafe-tis\")"), std::string::npos) << returned.freshness;
    catalogue = published_catalogue();
    ASSERT_NE(find(catalogue, "stickcafe-tis"), nullptr);
    EXPECT_EQ(find(catalogue, "stickcafe-tis")->last_checked, k_first_day.plus_days(367));
    EXPECT_FALSE(expect_refreshed(k_publish_now + 369 * k_day).kind);
}

TEST_F(Freshness, TheLimitGivenOnceIsKeptForLaterPublications)
{
    PublishOptions short_limit;
    short_limit.withhold_after_days = 30;
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})), k_publish_now, short_limit);
    // 31 days later, published without the option: the kept limit applies.
    const PublishOutcome later = expect_published(source("b.csv", sheet("schack", {"schack-tor"})), k_publish_now + 31 * k_day);
    EXPECT_NE(later.freshness.find("more than 30 days ago"), std::string::npos) << later.freshness;
    EXPECT_EQ(find(published_catalogue(), "stickcafe-tis"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// The office

class FreshnessOffice : public Freshness {
protected:
    void SetUp() override
    {
        Freshness::SetUp();
        // One listing checked 10 days ago, one 202 days ago: the association's part with its dates.
        std::string json = R"({"format": "lotsen-catalogue", "format_version": 1, "format_minor": 4, "version": 1,
          "organisations": [{"id": "stickcafe", "name": {"sv": "Stickcaféet"}, "municipality": "Varberg"}],
          "activities": [
            {"id": "stickcafe-ny", "organisation": "stickcafe", "title": {"sv": "Stickning <b>"}, "interests": ["crafts"],
             "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
             "place": {"address": "Storgatan 1", "town": "Varberg"}, "last_checked": "2025-11-09"},
            {"id": "stickcafe-gammal", "organisation": "stickcafe", "title": {"sv": "Virkning"}, "interests": ["crafts"],
             "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
             "place": {"address": "Storgatan 1", "town": "Varberg"}, "last_checked": "2025-05-01"}]})";
        PublishOptions as_part;
        as_part.association = "stickcafe";
        expect_published(source("part.json", json), k_publish_now - k_day, as_part);
        expect_published(source("b.csv", sheet("schack", {"schack-tor"})), k_publish_now - k_day);

        auto opened = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        office::OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        setup.clock = [] { return k_publish_now; };
        setup.data_dir = data_dir;
        m_office = std::make_unique<office::Office>(std::move(opened.value()), std::move(setup));
    }

    Browser logged_in(const std::string& email, office::Role role, const std::string& organisation)
    {
        const std::string password = "a long enough password";
        auto id = m_office->store().add_user(office::NewUser{email, "Name " + email, role, organisation}, k_publish_now);
        EXPECT_TRUE(id.ok()) << id.error().text();
        const std::string token = office::random_token();
        EXPECT_TRUE(m_office->store().add_invitation(office::token_hash(token), id.value(), k_publish_now, k_publish_now + k_day).ok());
        Browser browser(m_office.get());
        const WebResponse invite = browser.get("/invite/" + token);
        browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(invite.body) + "&password=" + office::percent_encode(password) +
                                             "&password2=" + office::percent_encode(password));
        const WebResponse page = browser.get("/login");
        const WebResponse done = browser.post("/login", "csrf=" + Browser::csrf_of(page.body) + "&email=" +
                                                            office::percent_encode(email) + "&password=" +
                                                            office::percent_encode(password));
        EXPECT_EQ(done.status, 303) << done.body;
        return browser;
    }

    std::unique_ptr<office::Office> m_office;
};

TEST_F(FreshnessOffice, TheAssociationSeesItsListingsOldestFirstAndSaysOneIsStillCorrect)
{
    Browser anna = logged_in("anna@stick.example", office::Role::association, "stickcafe");
    const WebResponse page = anna.get("/freshness");
    ASSERT_EQ(page.status, 200) << page.body;
    // Oldest check first, with how long ago; the title escaped.
    const std::size_t old_at = page.body.find("Virkning");
    const std::size_t new_at = page.body.find("Stickning &lt;b&gt;");
    ASSERT_NE(old_at, std::string::npos) << page.body;
    ASSERT_NE(new_at, std::string::npos) << page.body;
    EXPECT_LT(old_at, new_at);
    EXPECT_EQ(page.body.find("Stickning <b>"), std::string::npos);
    EXPECT_NE(page.body.find("2025-05-01 · 202 days ago"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("10 days ago"), std::string::npos);
    EXPECT_NE(page.body.find("time to check it"), std::string::npos);  // over 180 days
    EXPECT_NE(page.body.find("href=\"/activities/stickcafe-gammal/edit\""), std::string::npos);
    EXPECT_EQ(page.body.find("schack-tor"), std::string::npos);  // another association's

    // Without the form token: refused, nothing recorded.
    EXPECT_EQ(anna.post("/freshness/stickcafe-gammal/checked", "csrf=wrong").status, 403);
    // Another association's listing answers as one that does not exist.
    EXPECT_EQ(anna.post("/freshness/schack-tor/checked", "csrf=" + Browser::csrf_of(page.body)).status, 404);
    const WebResponse checked = anna.post("/freshness/stickcafe-gammal/checked", "csrf=" + Browser::csrf_of(page.body));
    ASSERT_EQ(checked.status, 303) << checked.body;
    const WebResponse after = anna.get(checked.header("Location"));
    EXPECT_NE(after.body.find("Saved: the listing is checked today"), std::string::npos) << after.body;
    EXPECT_NE(after.body.find("2025-11-19 · today"), std::string::npos) << after.body;
    // Now the newer one is the oldest.
    EXPECT_LT(after.body.find("Stickning &lt;b&gt;"), after.body.find("Virkning"));
    auto log = m_office->store().audit_log(20);
    ASSERT_TRUE(log.ok());
    EXPECT_TRUE(std::any_of(log.value().begin(), log.value().end(), [](const office::AuditEntry& entry) {
        return entry.action == "listing_checked" && entry.detail == "stickcafe-gammal 2025-11-19";
    }));

    // The next publication carries the check to the kiosks.
    expect_refreshed(k_publish_now + k_day);
    EXPECT_EQ(find(published_catalogue(), "stickcafe-gammal")->last_checked, k_first_day);
}

TEST_F(FreshnessOffice, RegionStaffSeeEveryAssociationButCannotCheckForIt)
{
    Browser rut = logged_in("rut@region.example", office::Role::region, "");
    const WebResponse page = rut.get("/freshness");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("href=\"/freshness?association=stickcafe\""), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("href=\"/freshness?association=schack\""), std::string::npos);
    EXPECT_NE(page.body.find("<dt>Due for a check</dt><dd>1</dd>"), std::string::npos) << page.body;
    const WebResponse one = rut.get("/freshness?association=stickcafe");
    ASSERT_EQ(one.status, 200);
    EXPECT_NE(one.body.find("Virkning"), std::string::npos);
    EXPECT_EQ(one.body.find("/checked\""), std::string::npos);  // no buttons for the region
    EXPECT_EQ(rut.post("/freshness/stickcafe-gammal/checked", "csrf=" + Browser::csrf_of(one.body)).status, 404);
}

// ---------------------------------------------------------------------------------------------
// The e-mails

// Anna of stickcafe has an account; the e-mails go to a real SMTP server on loopback, and the tests
// read and write hub.db on a connection of their own, as the office's notifier does.
class FreshnessMail : public FreshnessOffice {
protected:
    void SetUp() override
    {
        FreshnessOffice::SetUp();
        ASSERT_NE(sink.port(), 0) << sink.problem();
        logged_in("anna@stick.example", office::Role::association, "stickcafe");
        settings.mail = mail::MailSettings{.url = sink.url(), .from = "lotsen@region.example", .username = "",
                                           .password_file = "", .timeout_seconds = 10};
        settings.notices.office_url = "https://kontor.example";
        auto opened = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        m_store = std::move(opened.value());
    }
    HubStore& store() { return *m_store; }

    testing::SmtpSink sink{LOTSEN_SOURCE_DIR};
    mail::OfficeMailSettings settings;

private:
    std::unique_ptr<HubStore> m_store;
};

TEST_F(FreshnessMail, TheAssociationIsAskedOnceAndToldWhenAListingIsNoLongerShown)
{
    office::AccountRecipients recipients(m_office->store());

    // "stickcafe-gammal" was last checked 202 days ago: the association is asked to look at it.
    auto first = office::run_freshness_mails(store(), settings, data_dir, k_publish_now, 180, recipients);
    ASSERT_TRUE(first.ok()) << first.error().text();
    ASSERT_EQ(first.value().sent.size(), 1u) << (first.value().problems.empty() ? "" : first.value().problems[0]);
    EXPECT_EQ(first.value().sent[0].remind, std::vector<std::string>{"stickcafe-gammal"});
    auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"anna@stick.example"});
    EXPECT_NE(mails[0].body.find("Virkning (stickcafe-gammal), senast kontrollerad 2025-05-01"), std::string::npos)
        << mails[0].body;
    EXPECT_NE(mails[0].body.find("https://kontor.example/freshness"), std::string::npos);
    EXPECT_TRUE(mails[0].defects.empty());

    // Once per listing and date: the next passes send nothing more.
    auto second = office::run_freshness_mails(store(), settings, data_dir, k_publish_now + 3600, 180, recipients);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second.value().sent.empty());
    EXPECT_EQ(sink.messages().size(), 1u);

    // Two hundred days on, a publication leaves it out: the association is told that, once.
    expect_published(source("b.csv", sheet("schack", {"schack-tor"})), k_publish_now + 200 * k_day);
    auto told = office::run_freshness_mails(store(), settings, data_dir, k_publish_now + 200 * k_day, 180, recipients);
    ASSERT_TRUE(told.ok());
    ASSERT_EQ(told.value().sent.size(), 1u);
    EXPECT_EQ(told.value().sent[0].withheld, std::vector<std::string>{"stickcafe-gammal"});
    mails = sink.messages();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_NE(mails[1].body.find("no longer shown on the kiosks"), std::string::npos) << mails[1].body;
    // The other listing (checked 2025-11-09) is now over 180 days old too: it is asked about in the same message.
    EXPECT_NE(mails[1].body.find("stickcafe-ny"), std::string::npos) << mails[1].body;
    EXPECT_TRUE(office::run_freshness_mails(store(), settings, data_dir, k_publish_now + 201 * k_day, 180, recipients)
                    .value()
                    .sent.empty());
}

// The office's pass runs its three kinds of e-mail independently: with the tables the notices and the
// kiosk alerts read gone (a damaged hub.db), both say so and the association is still asked to check.
TEST_F(FreshnessMail, AFailingNoticeOrKioskAlertStepDoesNotKeepTheFreshnessMailBack)
{
    office::AccountRecipients recipients(m_office->store());
    ASSERT_EQ(sqlite3_exec(store().connection(), "DROP TABLE sent_notices; DROP TABLE kiosks;", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);

    const office::MailPassInput input{.data_dir = data_dir, .kiosk_silent_minutes = 60, .remind_after_days = 180};
    const std::vector<std::string> lines = office::run_mail_pass(store(), settings, input, k_publish_now, recipients);
    const auto said = [&](const std::string& start) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return line.rfind(start, 0) == 0; });
    };
    EXPECT_TRUE(said("notices: ")) << ::testing::PrintToString(lines);
    EXPECT_TRUE(said("kiosk alerts: ")) << ::testing::PrintToString(lines);
    EXPECT_TRUE(said("sent the freshness e-mail to association stickcafe (1 to check, 0 not shown) to 1 address(es)"))
        << ::testing::PrintToString(lines);
    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_NE(mails[0].body.find("stickcafe-gammal"), std::string::npos) << mails[0].body;
}

}  // namespace
}  // namespace lotsen::hub::test
