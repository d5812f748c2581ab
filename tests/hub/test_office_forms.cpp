// The associations' forms and the region's approvals through Office::handle over a real hub.db and a
// real published tree (publish_file, signed with a real publisher key): a form's messages are the
// spreadsheet's for the same value, standing at their field; a preview stores nothing; a change waits
// unpublished until the region approves it, then only that association's part changes and the
// manifest's catalogue version goes up; a trusted association publishes directly; a rejection needs a
// reason and the association sees it; an approval of a change edited since is refused; another
// association's activities do not exist for a user; every step is in the audit log.
#include "tests/hub/office_test_support.hpp"
#include "tests/hub/publish_test_support.hpp"

#include "core/catalogue/catalogue_csv.hpp"
#include "core/time/civil_time.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/hub_store.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/office.hpp"
#include "hub/office/part_form.hpp"
#include "hub/office/web.hpp"
#include "hub/server.hpp"
#include "hub/static_files.hpp"
#include "tests/common/test_images.hpp"

#include <httplib.h>

#include <thread>

namespace lotsen::hub::test {
namespace {

using namespace lotsen::hub::office;

constexpr UnixSeconds k_day = 86400;
const std::string k_region_password = "the region's long password";
const std::string k_anna_password = "anna's long password here";
const std::string k_bo_password = "bo's long password here";

// Two associations, published as one region catalogue.
const char* const k_two_associations = R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": 1,
  "organisations": [
    {"id": "stickcafe", "name": {"sv": "Stickcaféet"}, "municipality": "Halmstad"},
    {"id": "schack", "name": {"sv": "Schackklubben"}, "municipality": "Varberg"}],
  "activities": [
    {"id": "stickcafe-stickning", "organisation": "stickcafe", "title": {"sv": "Stickning"}, "interests": ["crafts"],
     "schedule": {"weekly": [{"day": "tue", "start": "18:00", "end": "20:00", "from": "2026-01-01", "until": "2026-12-31"}]},
     "place": {"address": "Storgatan 1", "town": "Halmstad"}},
    {"id": "schack-kvall", "organisation": "schack", "title": {"sv": "Schackkväll"}, "interests": ["games"],
     "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
     "place": {"address": "Torget 2", "town": "Varberg"}}]
})";

class OfficeForms : public PublishFixture {
protected:
    void SetUp() override
    {
        PublishFixture::SetUp();
        auto first = publish_file(manifest::Kind::catalogue, source("region.json", k_two_associations), publisher, options());
        ASSERT_TRUE(first.ok()) << first.error().text();
        auto opened = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        crypto_box_keypair(setup.seal_keys.public_key.data(), setup.seal_keys.secret_key.data());
        setup.clock = [this] { return now; };
        setup.data_dir = data_dir;
        setup.publisher = publisher;
        auto catalogue = read_published_catalogue(published());
        ASSERT_TRUE(catalogue.ok()) << catalogue.error().text();
        setup.catalogue = catalogue.value();
        office = std::make_unique<Office>(std::move(opened.value()), std::move(setup));
        add_user("rut@region.example", Role::region, "", k_region_password);
        add_user("anna@stickcafe.example", Role::association, "stickcafe", k_anna_password);
        add_user("bo@schack.example", Role::association, "schack", k_bo_password);
    }

    void add_user(const std::string& email, Role role, const std::string& organisation, const std::string& password)
    {
        auto id = office->store().add_user(NewUser{email, "Name of " + email, role, organisation}, now);
        ASSERT_TRUE(id.ok()) << id.error().text();
        const std::string token = random_token();
        ASSERT_TRUE(office->store().add_invitation(token_hash(token), id.value(), now, now + k_day).ok());
        Browser browser(office.get());
        const WebResponse page = browser.get("/invite/" + token);
        ASSERT_EQ(browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(page.body) + "&password=" + percent_encode(password)
                                                       + "&password2=" + percent_encode(password))
                      .status,
                  303);
    }

    Browser logged_in(const std::string& email, const std::string& password)
    {
        Browser browser(office.get());
        const WebResponse page = browser.get("/login");
        EXPECT_EQ(browser.post("/login", "csrf=" + Browser::csrf_of(page.body) + "&email=" + percent_encode(email)
                                             + "&password=" + percent_encode(password))
                      .status,
                  303);
        return browser;
    }

    static std::string form_body(const std::string& csrf, const std::map<std::string, std::string>& fields)
    {
        std::string body = "csrf=" + percent_encode(csrf);
        for (const auto& [name, value] : fields)
            body += "&" + percent_encode(name) + "=" + percent_encode(value);
        return body;
    }

    // A new activity's fields as an association user fills them in.
    static std::map<std::string, std::string> new_activity(const std::string& action)
    {
        return {{"title_sv", "Sticka tillsammans"}, {"description_sv", "Vi stickar och fikar."}, {"interests.crafts", "1"},
                {"weekly", "tor 18-20"}, {"from", "2026-01-01"}, {"until", "2026-06-30"}, {"address", "Storgatan 1"},
                {"town", "Halmstad"}, {"place_sv", "Biblioteket"}, {"how_to_find_us_sv", "Andra våningen"},
                {"cost_sek", "20 kr"}, {"languages", "svenska, arabiska"}, {"drop_in", "ja"}, {"action", action}};
    }

    std::int64_t catalogue_version() const
    {
        auto manifest = read_published_manifest(data_dir, publisher.public_key);
        EXPECT_TRUE(manifest.ok() && manifest.value());
        return manifest.value()->entry(manifest::Kind::catalogue)->version;
    }

    Catalogue published_catalogue() const
    {
        auto catalogue = read_published_catalogue(published());
        EXPECT_TRUE(catalogue.ok()) << catalogue.error().text();
        return catalogue.ok() ? catalogue.value() : Catalogue{};
    }

    static bool has_activity(const Catalogue& catalogue, const std::string& id)
    {
        return std::any_of(catalogue.activities.begin(), catalogue.activities.end(),
                           [&](const Activity& activity) { return activity.id == id; });
    }

    bool audited(const std::string& action, const std::string& organisation, const std::string& detail_part)
    {
        auto log = office->store().audit_log(500);
        EXPECT_TRUE(log.ok());
        for (const AuditEntry& entry : log.value()) {
            if (entry.action == action && entry.organisation_id == organisation && entry.detail.find(detail_part) != std::string::npos)
                return true;
        }
        return false;
    }

    std::unique_ptr<Office> office;
    UnixSeconds now = k_publish_now + 60;
};

TEST_F(OfficeForms, MessagesAreTheSpreadsheetsForTheSameValuesAndStandAtTheirFields)
{
    // The same bad values in a spreadsheet row of the association…
    const std::string sheet = "Aktivitets-id;Aktivitet;Intressen;Veckovis;Från;Till;Adress;Ort;Kommun;Förening;Kostnad\n"
                              "x;Sticka;crafts;tisdax 18-20;2026-01-01;2026-06-30;Storgatan 1;Halmstad;Halmstad;Stickcaféet;tjugo\n";
    CsvImportOptions read;
    read.association = "stickcafe";
    const ImportedSpreadsheet imported = import_catalogue_csv(sheet, read);
    ASSERT_FALSE(imported.result.ok());
    std::map<std::string, std::string> sheet_reasons;  // the spreadsheet's column → its reason
    for (const CatalogueProblem& problem : imported.result.problems) {
        if (problem.where.find("'kostnad'") != std::string::npos)
            sheet_reasons["cost_sek"] = problem.reason;
        if (problem.where.find("'veckovis'") != std::string::npos)
            sheet_reasons["weekly"] = problem.reason;
    }
    ASSERT_EQ(sheet_reasons.size(), 2u) << imported.result.summary();

    // …and in the form.
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    auto fields = new_activity("send");
    fields["cost_sek"] = "tjugo";
    fields["weekly"] = "tisdax 18-20";
    const WebResponse answer = anna.post("/activities/new", form_body(csrf, fields));
    EXPECT_EQ(answer.status, 400);
    // The cost reason is the spreadsheet's word for word, right under the cost field's label.
    EXPECT_NE(answer.body.find("id=\"f-cost_sek-error0\">" + html(sheet_reasons["cost_sek"]) + "</p>"), std::string::npos)
        << sheet_reasons["cost_sek"] << "\n" << answer.body;
    EXPECT_NE(answer.body.find("id=\"f-weekly-error0\">" + html(sheet_reasons["weekly"]) + "</p>"), std::string::npos)
        << sheet_reasons["weekly"] << "\n" << answer.body;
    EXPECT_NE(answer.body.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(answer.body.find("value=\"tjugo\""), std::string::npos) << "what was typed stays in the form";
    EXPECT_FALSE(audited("submit_change", "stickcafe", "")) << "nothing was sent";
}

TEST_F(OfficeForms, PreviewShowsTheCardAndStoresNothing)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    const WebResponse answer = anna.post("/activities/new", form_body(csrf, new_activity("preview")));
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_NE(answer.body.find("class=\"preview\""), std::string::npos);
    EXPECT_NE(answer.body.find("Thursdays 18:00–20:00"), std::string::npos) << answer.body;
    EXPECT_NE(answer.body.find("Thu 2026-01-01 18:00; Thu 2026-01-08 18:00"), std::string::npos) << "the next times";
    EXPECT_NE(answer.body.find("Arabic (ar)"), std::string::npos);
    EXPECT_NE(answer.body.find("You can just come."), std::string::npos);
    EXPECT_FALSE(audited("submit_change", "stickcafe", ""));
    EXPECT_EQ(anna.get("/activities").body.find("Sticka tillsammans"), std::string::npos) << "a preview is not a change";
}

TEST_F(OfficeForms, AChangeWaitsUntilTheRegionApprovesItThenOnlyThatPartIsPublished)
{
    const std::int64_t before = catalogue_version();
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    const WebResponse sent = anna.post("/activities/new", form_body(csrf, new_activity("send")));
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("Location"), "/activities?done=sent_for_approval");
    EXPECT_TRUE(audited("submit_change", "stickcafe", "stickcafe-sticka-tillsammans: added"));
    // Not published: same manifest version, the activity is nowhere in the published catalogue.
    EXPECT_EQ(catalogue_version(), before);
    EXPECT_FALSE(has_activity(published_catalogue(), "stickcafe-sticka-tillsammans"));
    // The association sees its own change waiting, and edits on top of it.
    const WebResponse list = anna.get("/activities");
    EXPECT_NE(list.body.find("Sticka tillsammans"), std::string::npos);
    EXPECT_NE(list.body.find("waiting for the region"), std::string::npos) << list.body;

    // The region decides ten days later.
    const UnixSeconds sent_at = now;
    now += 10 * 86400;
    Browser rut = logged_in("rut@region.example", k_region_password);
    const WebResponse approvals = rut.get("/approvals");
    ASSERT_EQ(approvals.status, 200);
    EXPECT_NE(approvals.body.find("Added: Sticka tillsammans"), std::string::npos) << approvals.body;
    EXPECT_NE(approvals.body.find("action=\"/approvals/1/approve\""), std::string::npos);
    const WebResponse approved = rut.post("/approvals/1/approve", "csrf=" + Browser::csrf_of(approvals.body) + "&revision=1");
    ASSERT_EQ(approved.status, 303) << approved.body;
    EXPECT_EQ(catalogue_version(), before + 1);
    const Catalogue after = published_catalogue();
    EXPECT_TRUE(has_activity(after, "stickcafe-sticka-tillsammans"));
    EXPECT_TRUE(has_activity(after, "stickcafe-stickning")) << "the association's other activity stays";
    EXPECT_TRUE(has_activity(after, "schack-kvall")) << "the other association is untouched";
    for (const Activity& activity : after.activities) {
        if (activity.id == "stickcafe-sticka-tillsammans") {
            EXPECT_EQ(activity.cost.sek, 20);
            EXPECT_TRUE(activity.drop_in);
            EXPECT_EQ(activity.languages, (std::vector<std::string>{"sv", "ar"}));
            EXPECT_EQ(activity.place.how_to_find_us.get("sv"), "Andra våningen");
            // Checked when the association sent it, not when the region approved it.
            ASSERT_TRUE(activity.last_checked);
            EXPECT_EQ(*activity.last_checked, stockholm::to_local(sent_at).date);
        }
    }
    EXPECT_TRUE(audited("approve_change", "stickcafe", "catalogue version " + std::to_string(before + 1)));
    EXPECT_NE(rut.get("/audit?action=approve_change").body.find("approve_change"), std::string::npos);
    EXPECT_EQ(rut.get("/approvals").body.find("action=\"/approvals/1/approve\""), std::string::npos) << "decided";
}

TEST_F(OfficeForms, ATrustedAssociationPublishesDirectly)
{
    const std::int64_t before = catalogue_version();
    Browser rut = logged_in("rut@region.example", k_region_password);
    const std::string region_csrf = Browser::csrf_of(rut.get("/approvals").body);
    ASSERT_EQ(rut.post("/approvals/trust", "csrf=" + region_csrf + "&association=schack&trusted=1").status, 303);
    EXPECT_TRUE(audited("set_trust", "schack", "publishes without approval"));

    Browser bo = logged_in("bo@schack.example", k_bo_password);
    const WebResponse form = bo.get("/activities/schack-kvall/edit");
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("value=\"2026-12-05 10:00-12:00\""), std::string::npos) << "the form holds what is published";
    const std::size_t cost = form.body.find("id=\"f-cost_sek\"");
    ASSERT_NE(cost, std::string::npos);
    EXPECT_EQ(form.body.substr(cost, form.body.find('>', cost) - cost).find("value=\"0\"") != std::string::npos, true)
        << "English words for an English page: " << form.body.substr(cost, 200);
    const WebResponse sent = bo.post("/activities/schack-kvall/edit",
                                     form_body(Browser::csrf_of(form.body), {{"title_sv", "Schackkväll"}, {"interests.games", "1"},
                                                                             {"dates", "2026-12-05 10:00-12:00"},
                                                                             {"address", "Torget 2"}, {"town", "Varberg"},
                                                                             {"cost_sek", "gratis"}, {"action", "send"}}));
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.header("Location"), "/activities?done=sent_published");
    EXPECT_EQ(catalogue_version(), before + 1);
    EXPECT_TRUE(has_activity(published_catalogue(), "stickcafe-stickning")) << "the other association is untouched";
    EXPECT_TRUE(audited("publish_direct", "schack", "schack-kvall: changed"));

    // Removing is a change like any other: published at once for a trusted association.
    const std::string csrf = Browser::csrf_of(bo.get("/activities").body);
    ASSERT_EQ(bo.post("/activities/schack-kvall/remove", "csrf=" + csrf).status, 303);
    EXPECT_EQ(catalogue_version(), before + 2);
    EXPECT_FALSE(has_activity(published_catalogue(), "schack-kvall"));
}

TEST_F(OfficeForms, ARejectionNeedsAReasonAndTheAssociationSeesIt)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/profile").body);
    const WebResponse sent = anna.post("/profile", form_body(csrf, {{"organisation_name_sv", "Stickcaféet i Halmstad"},
                                                                    {"organisation_email", "hej@stickcafe.example"},
                                                                    {"municipality", "Halmstad"}, {"action", "send"}}));
    ASSERT_EQ(sent.status, 303) << sent.body;
    Browser rut = logged_in("rut@region.example", k_region_password);
    const std::string page = rut.get("/approvals").body;
    EXPECT_NE(page.find("The profile changes"), std::string::npos) << page;
    const std::string region_csrf = Browser::csrf_of(page);
    EXPECT_EQ(rut.post("/approvals/1/reject", "csrf=" + region_csrf + "&revision=1&reason=%20").status, 400);
    const std::string reason = "The name <b>is</b> too long";
    ASSERT_EQ(rut.post("/approvals/1/reject", "csrf=" + region_csrf + "&revision=1&reason=" + percent_encode(reason)).status, 303);
    EXPECT_TRUE(audited("reject_change", "stickcafe", reason));
    const WebResponse list = anna.get("/activities");
    EXPECT_NE(list.body.find(html(reason)), std::string::npos) << list.body;
    EXPECT_EQ(list.body.find("<b>is</b>"), std::string::npos) << "escaped";
    EXPECT_EQ(published_catalogue().find_organisation("stickcafe")->name.get("sv"), "Stickcaféet");
}

TEST_F(OfficeForms, WeNeedAndWeOfferAreProfileTextsCheckedLikeTheSpreadsheetAndShownForApproval)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string form = anna.get("/profile").body;
    EXPECT_NE(form.find("id=\"f-organisation_needs_sv\""), std::string::npos) << form;
    EXPECT_NE(form.find("id=\"f-organisation_offers_uk\""), std::string::npos) << "every language, folded";
    const std::string csrf = Browser::csrf_of(form);
    std::map<std::string, std::string> fields{{"organisation_name_sv", "Stickcaféet"}, {"municipality", "Halmstad"},
                                              {"organisation_needs_ar", "مزيد من المتطوعين"}, {"action", "send"}};
    // Arabic alone: the spreadsheet's message for the same cells, at the Swedish field.
    const WebResponse refused = anna.post("/profile", form_body(csrf, fields));
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("id=\"f-organisation_needs_sv-error0\">" + html("needs a text in \"sv\" or \"en\"") + "</p>"),
              std::string::npos)
        << refused.body;
    EXPECT_FALSE(audited("submit_change", "stickcafe", ""));

    fields["organisation_needs_sv"] = "Fler <i>volontärer</i>";
    fields["organisation_offers_en"] = "Company and coffee";
    ASSERT_EQ(anna.post("/profile", form_body(csrf, fields)).status, 303);
    Browser rut = logged_in("rut@region.example", k_region_password);
    const std::string page = rut.get("/approvals").body;
    EXPECT_NE(page.find("We need (new)</dt><dd>" + html("Fler <i>volontärer</i>") + "</dd>"), std::string::npos) << page;
    EXPECT_NE(page.find("We offer (new)</dt><dd>Company and coffee</dd>"), std::string::npos) << page;
    ASSERT_EQ(rut.post("/approvals/1/approve", "csrf=" + Browser::csrf_of(page) + "&revision=1").status, 303);
    const Organisation published = *published_catalogue().find_organisation("stickcafe");
    EXPECT_EQ(published.needs.get("sv"), "Fler <i>volontärer</i>");
    EXPECT_EQ(published.needs.get("ar"), "مزيد من المتطوعين");
    EXPECT_EQ(published.offers.get("en"), "Company and coffee");
    EXPECT_TRUE(published_catalogue().find_organisation("schack")->needs.empty());

    // Emptied again (a browser sends the empty fields): the next change says so.
    const std::string again = Browser::csrf_of(anna.get("/profile").body);
    ASSERT_EQ(anna.post("/profile", form_body(again, {{"organisation_name_sv", "Stickcaféet"}, {"municipality", "Halmstad"},
                                                     {"organisation_needs_sv", ""}, {"organisation_needs_ar", ""},
                                                     {"organisation_offers_en", "Company and coffee"}, {"action", "send"}}))
                  .status,
              303);
    const std::string second = rut.get("/approvals").body;
    EXPECT_NE(second.find("&quot;We need&quot; is removed"), std::string::npos) << second;
    EXPECT_EQ(second.find("We offer (new)"), std::string::npos) << "unchanged texts are not repeated";
}

TEST_F(OfficeForms, AnApprovalOfAChangeEditedSinceIsRefused)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    ASSERT_EQ(anna.post("/activities/new", form_body(csrf, new_activity("send"))).status, 303);
    Browser rut = logged_in("rut@region.example", k_region_password);
    const std::string region_csrf = Browser::csrf_of(rut.get("/approvals").body);
    // Anna removes the other activity after Rut looked: revision 2.
    csrf = Browser::csrf_of(anna.get("/activities").body);
    ASSERT_EQ(anna.post("/activities/stickcafe-stickning/remove", "csrf=" + csrf).status, 303);
    const std::int64_t before = catalogue_version();
    EXPECT_EQ(rut.post("/approvals/1/approve", "csrf=" + region_csrf + "&revision=1").status, 409);
    EXPECT_EQ(catalogue_version(), before);
    EXPECT_EQ(rut.post("/approvals/1/approve", "csrf=" + region_csrf + "&revision=2").status, 303);
    EXPECT_FALSE(has_activity(published_catalogue(), "stickcafe-stickning"));
    EXPECT_TRUE(has_activity(published_catalogue(), "stickcafe-sticka-tillsammans"));
}

TEST_F(OfficeForms, AnotherAssociationsActivitiesDoNotExistForAUser)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities").body);
    EXPECT_EQ(anna.get("/activities/schack-kvall/edit").status, 404);
    EXPECT_EQ(anna.post("/activities/schack-kvall/edit", form_body(csrf, {{"title_sv", "Mitt nu"}, {"action", "send"}})).status, 404);
    EXPECT_EQ(anna.post("/activities/schack-kvall/remove", "csrf=" + csrf).status, 404);
    EXPECT_EQ(anna.get("/activities").body.find("Schackkväll"), std::string::npos);
    EXPECT_EQ(anna.get("/approvals").status, 404);
    EXPECT_EQ(anna.post("/approvals/trust", "csrf=" + csrf + "&association=stickcafe&trusted=1").status, 404);
    EXPECT_EQ(anna.post("/activities/stickcafe-stickning/remove", "csrf=wrong").status, 403) << "CSRF as on every form";
    Browser rut = logged_in("rut@region.example", k_region_password);
    EXPECT_EQ(rut.get("/profile").status, 404) << "the region has no part of its own to edit";
    EXPECT_EQ(rut.get("/activities").status, 404);
    EXPECT_FALSE(audited("submit_change", "schack", ""));
}

TEST_F(OfficeForms, WithoutAPublisherKeyApprovingSaysSoAndKeepsTheChange)
{
    OfficeSetup setup;
    crypto_box_keypair(setup.seal_keys.public_key.data(), setup.seal_keys.secret_key.data());
    setup.clock = [this] { return now; };
    setup.data_dir = data_dir;
    setup.catalogue = published_catalogue();
    office.reset();
    auto opened = HubStore::open(data_dir + "/hub.db");
    ASSERT_TRUE(opened.ok());
    office = std::make_unique<Office>(std::move(opened.value()), std::move(setup));
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    ASSERT_EQ(anna.post("/activities/new", form_body(Browser::csrf_of(anna.get("/activities/new").body), new_activity("send"))).status,
              303);
    Browser rut = logged_in("rut@region.example", k_region_password);
    const WebResponse page = rut.get("/approvals");
    EXPECT_NE(page.body.find("no publisher key"), std::string::npos);
    const WebResponse refused = rut.post("/approvals/1/approve", "csrf=" + Browser::csrf_of(page.body) + "&revision=1");
    EXPECT_EQ(refused.status, 500);
    EXPECT_NE(refused.body.find("publisher_key"), std::string::npos);
    EXPECT_NE(rut.get("/approvals").body.find("action=\"/approvals/1/approve\""), std::string::npos) << "still pending";
    EXPECT_TRUE(audited("approve_failed", "stickcafe", "no publisher key"));
}

TEST(OfficeFormParts, NewIdsCarryTheAssociationAndNeverRepeat)
{
    EXPECT_EQ(new_activity_id("stickcafe", "Sticka & fika på Ängen", {}), "stickcafe-sticka-fika-pa-angen");
    EXPECT_EQ(new_activity_id("stickcafe", "Sticka", {"stickcafe-sticka"}), "stickcafe-sticka-2");
    EXPECT_EQ(new_activity_id("stickcafe", "!!!", {}), "stickcafe-activity");
    EXPECT_LE(new_activity_id("stickcafe", std::string(200, 'x'), {}).size(), 64u);
}

TEST(OfficeFormParts, CellsOfAnActivityReadBackToTheSameActivity)
{
    Activity activity;
    activity.id = "org-walk";
    activity.organisation_id = "org";
    activity.title.set("sv", "Promenad");
    activity.interests = {"outdoors"};
    activity.schedule.weekly.push_back(WeeklyRule{2, *TimeOfDay::parse("18:00"), *TimeOfDay::parse("20:00"),
                                                  *Date::parse("2026-01-01"), *Date::parse("2026-06-30"), 2});
    activity.place.address = "Storgatan 1";
    activity.place.town = "Halmstad";
    activity.place.latitude = 56.6745;
    activity.place.longitude = 12.8571;
    activity.cost.sek = 20;
    activity.languages = {"sv", "ar"};
    activity.accessibility = {"wheelchair"};
    activity.drop_in = true;
    Organisation organisation;
    organisation.id = "org";
    organisation.name.set("sv", "Föreningen");
    organisation.municipality = "Halmstad";
    for (const char* language : {"en", "sv"}) {
        const FormCells cells = activity_cells(activity, language);
        const CheckedActivity read = check_activity(cells, organisation, "org-walk", std::nullopt);
        ASSERT_TRUE(read.activity) << language << ": " << (read.problems.empty() ? "" : read.problems.front().reason);
        EXPECT_EQ(*read.activity, activity) << language;
        EXPECT_EQ(cells.at("weekly"), std::string(language) == "sv" ? "varannan tis 18:00-20:00" : "tue/2 18:00-20:00");
    }
    activity.cost.sek = 0;
    EXPECT_EQ(activity_cells(activity, "sv").at("cost_sek"), "gratis");
    EXPECT_EQ(check_activity(activity_cells(activity, "sv"), organisation, "org-walk", std::nullopt).activity, activity);
}

// ---------------------------------------------------------------------------------------------
// Pictures in the forms: multipart/form-data with a file, kept with the pending change, shown to
// those who may see it, published on approval into published/files/ where the hub serves it.

const std::string k_boundary = "----LotsenTestBoundary7MA4YWxk";
const std::string k_multipart = "multipart/form-data; boundary=" + k_boundary;

// A multipart body as a browser sends it: the fields in order, then the file fields.
std::string multipart_body(const std::string& csrf, const std::map<std::string, std::string>& fields,
                           const std::map<std::string, std::pair<std::string, std::string>>& files = {})
{
    std::string body = "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
    for (const auto& [name, value] : fields)
        body += "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    for (const auto& [name, file] : files)
        body += "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file.first +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.second + "\r\n";
    return body + "--" + k_boundary + "--\r\n";
}

class OfficePictures : public OfficeForms {
protected:
    std::optional<CataloguePart> pending_part(const std::string& association)
    {
        auto store = HubStore::open(data_dir + "/hub.db");
        EXPECT_TRUE(store.ok());
        office::ChangeStore changes(*store.value());
        auto pending = changes.pending(association);
        EXPECT_TRUE(pending.ok());
        if (!pending.ok() || !pending.value())
            return std::nullopt;
        return part_from_json(pending.value()->part);
    }

    std::int64_t kept_pictures()
    {
        auto store = HubStore::open(data_dir + "/hub.db");
        EXPECT_TRUE(store.ok());
        office::PictureStore pictures(*store.value());
        return pictures.count().value();
    }

    // GET of the bytes from the real hub (`lotsen-hub serve`'s server) over loopback.
    httplib::Result from_hub(const std::string& path)
    {
        auto store = HubStore::open(data_dir + "/hub.db");
        EXPECT_TRUE(store.ok());
        ServerOptions server_options;
        server_options.log_requests = false;
        server_options.published_dir = published_dir(data_dir);
        hub::Server server(std::move(store.value()), server_options);
        const int port = server.bind("127.0.0.1", 0).value();
        std::thread thread([&] { server.run().ok(); });
        httplib::Client client("127.0.0.1", port);
        httplib::Result result = client.Get(path.c_str());
        server.stop();
        thread.join();
        return result;
    }

    static bool file_exists(const std::string& path)
    {
        struct stat info {};
        return ::stat(path.c_str(), &info) == 0;
    }

    CataloguePart published_part_of(const std::string& association) const
    {
        for (CataloguePart& part : split_into_parts(published_catalogue())) {
            if (part.organisation.id == association)
                return part;
        }
        return {};
    }

    const std::string photo = lotsen::testing::make_png(40, 30, 200, 120, 40);
};

TEST_F(OfficePictures, AnActivitysPictureWaitsWithTheChangeAndIsPublishedOnApproval)
{
    const ImageRef expected = check_picture(photo).value();
    const std::int64_t before = catalogue_version();
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const WebResponse form = anna.get("/activities/new");
    EXPECT_NE(form.body.find("enctype=\"multipart/form-data\""), std::string::npos);
    EXPECT_NE(form.body.find("type=\"file\" id=\"f-image-file\" name=\"image_file\" accept=\"image/png,image/jpeg\""),
              std::string::npos);
    const std::string csrf = Browser::csrf_of(form.body);
    const WebResponse sent =
        anna.post("/activities/new", multipart_body(csrf, new_activity("send"), {{"image_file", {"fika.png", photo}}}), k_multipart);
    ASSERT_EQ(sent.status, 303) << sent.body;
    const std::optional<CataloguePart> part = pending_part("stickcafe");
    ASSERT_TRUE(part);
    ASSERT_EQ(part->activities.size(), 2u);
    ASSERT_TRUE(part->activities.back().image);
    EXPECT_EQ(*part->activities.back().image, expected) << "named by SHA-256, bytes, pixels and type, as published";
    EXPECT_EQ(catalogue_version(), before) << "nothing published yet";
    EXPECT_FALSE(file_exists(published() + "/files/" + expected.sha256 + ".png"));

    // The association and the region see the kept picture, with its type and nosniff; another
    // association does not, nor does anyone under another type's name.
    const std::string url = "/pictures/" + expected.sha256 + ".png";
    const WebResponse own = anna.get(url);
    EXPECT_EQ(own.status, 200);
    EXPECT_EQ(own.content_type, "image/png");
    EXPECT_EQ(own.body, photo);
    EXPECT_EQ(own.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(anna.get("/pictures/" + expected.sha256 + ".jpg").status, 404);
    EXPECT_EQ(logged_in("bo@schack.example", k_bo_password).get(url).status, 404);
    EXPECT_EQ(Browser(office.get()).get(url).status, 404) << "not signed in";
    Browser rut = logged_in("rut@region.example", k_region_password);
    EXPECT_EQ(rut.get(url).status, 200);

    // /approvals shows what changes: no picture before, this one after.
    const WebResponse approvals = rut.get("/approvals");
    EXPECT_NE(approvals.body.find("Pictures that change"), std::string::npos) << approvals.body;
    EXPECT_NE(approvals.body.find("src=\"" + url + "\" width=\"40\" height=\"30\""), std::string::npos);
    EXPECT_NE(approvals.body.find("(none)"), std::string::npos);

    const WebResponse approved = rut.post("/approvals/1/approve", "csrf=" + Browser::csrf_of(approvals.body) + "&revision=1");
    ASSERT_EQ(approved.status, 303) << approved.body;
    const Catalogue after = published_catalogue();
    bool named = false;
    for (const Activity& activity : after.activities) {
        if (activity.id == "stickcafe-sticka-tillsammans") {
            ASSERT_TRUE(activity.image);
            EXPECT_EQ(activity.image->sha256, expected.sha256);
            EXPECT_EQ(activity.image->file, "") << "a published catalogue carries only what a kiosk checks";
            named = true;
        }
    }
    EXPECT_TRUE(named);
    EXPECT_EQ(read_text(published() + "/files/" + expected.sha256 + ".png"), photo);
    EXPECT_FALSE(file_exists(data_dir + "/office-parts/pictures-stickcafe")) << "the files beside the part are gone";
    // The kiosk's way: the hub serves the bytes under their hash.
    const auto served = from_hub("/v1/files/" + expected.sha256 + ".png");
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
    EXPECT_TRUE(served->body == photo);
    // Still shown in the office once published (from published/files/), after the kept copy is gone.
    now += 2 * k_day;
    anna = logged_in("anna@stickcafe.example", k_anna_password);
    ASSERT_EQ(anna.post("/activities/new", multipart_body(Browser::csrf_of(anna.get("/activities/new").body), new_activity("preview"),
                                                          {{"image_file", {"c.png", lotsen::testing::make_png(9, 9, 1, 2, 3)}}}),
                        k_multipart)
                  .status,
              200);
    EXPECT_EQ(kept_pictures(), 1) << "the published picture's kept copy was cleaned";
    const WebResponse edit = anna.get("/activities/stickcafe-sticka-tillsammans/edit");
    EXPECT_NE(edit.body.find("src=\"" + url + "\""), std::string::npos);
    EXPECT_EQ(anna.get(url).status, 200);
}

TEST_F(OfficePictures, ABadFileIsNamedAtItsFieldAndEverythingTypedStays)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    auto fields = new_activity("send");
    fields["title_sv"] = "Sticka <i>tillsammans</i>";
    const WebResponse answer =
        anna.post("/activities/new", multipart_body(csrf, fields, {{"image_file", {"<b>list</b>.gif", "GIF89a not a picture"}}}),
                  k_multipart);
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_NE(answer.body.find("id=\"f-image-error0\">&quot;&lt;b&gt;list&lt;/b&gt;.gif&quot; is not a picture the kiosk can show"),
              std::string::npos)
        << answer.body;
    EXPECT_EQ(answer.body.find("<b>list"), std::string::npos) << "escaped";
    EXPECT_NE(answer.body.find("value=\"Sticka &lt;i&gt;tillsammans&lt;/i&gt;\""), std::string::npos) << "what was typed stays";
    EXPECT_NE(answer.body.find("value=\"20 kr\""), std::string::npos);
    EXPECT_FALSE(audited("submit_change", "stickcafe", ""));
    EXPECT_EQ(kept_pictures(), 0);

    // Too many pixels: the image check's own words.
    const WebResponse huge = anna.post(
        "/activities/new", multipart_body(csrf, fields, {{"image_file", {"wide.png", lotsen::testing::png_header_only(5000, 10)}}}),
        k_multipart);
    EXPECT_EQ(huge.status, 400);
    EXPECT_NE(huge.body.find("5000 x 10"), std::string::npos) << huge.body;

    // A body the server cut short at its limit: the picture is "too large", the fields before it stay,
    // and without the button (after the file) nothing is sent.
    std::string body = multipart_body(csrf, fields, {{"image_file", {"big.png", photo + std::string(50000, 'x')}}});
    body = body.substr(0, body.find("IEND") + 1000);
    const WebResponse cut = anna.send("POST", "/activities/new", body, k_multipart, true);
    EXPECT_EQ(cut.status, 400) << cut.body;
    EXPECT_NE(cut.body.find("larger than the office accepts"), std::string::npos) << cut.body;
    EXPECT_NE(cut.body.find("value=\"20 kr\""), std::string::npos);
    EXPECT_FALSE(audited("submit_change", "stickcafe", ""));

    // A multipart body that cannot be read is refused as such.
    const WebResponse broken = anna.post("/activities/new", "--" + k_boundary + "\r\nbroken", k_multipart);
    EXPECT_EQ(broken.status, 400);
}

TEST_F(OfficePictures, ALogoIsPreviewedSentAndRemoved)
{
    const ImageRef logo = check_picture(photo).value();
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const WebResponse form = anna.get("/profile");
    EXPECT_NE(form.body.find("No picture yet."), std::string::npos);
    const std::string csrf = Browser::csrf_of(form.body);
    std::map<std::string, std::string> fields = profile_cells(published_part_of("stickcafe").organisation);
    fields["action"] = "preview";
    fields["logo_sha256"] = "";
    const WebResponse preview = anna.post("/profile", multipart_body(csrf, fields, {{"logo_file", {"logo.png", photo}}}), k_multipart);
    ASSERT_EQ(preview.status, 200) << preview.body;
    const std::size_t in_preview = preview.body.find("class=\"preview\"");
    ASSERT_NE(in_preview, std::string::npos);
    EXPECT_NE(preview.body.find("src=\"/pictures/" + logo.sha256 + ".png\"", in_preview), std::string::npos);
    EXPECT_NE(preview.body.find("name=\"logo_sha256\" value=\"" + logo.sha256 + "\""), std::string::npos)
        << "the upload is carried to the next post";
    EXPECT_FALSE(pending_part("stickcafe")) << "a preview is not a change";

    // Send without choosing the file again: the one uploaded at the preview is the logo.
    fields["action"] = "send";
    fields["logo_sha256"] = logo.sha256;
    ASSERT_EQ(anna.post("/profile", multipart_body(csrf, fields), k_multipart).status, 303);
    ASSERT_TRUE(pending_part("stickcafe"));
    ASSERT_TRUE(pending_part("stickcafe")->organisation.logo);
    EXPECT_EQ(pending_part("stickcafe")->organisation.logo->sha256, logo.sha256);

    // Another association cannot take it by naming its hash.
    Browser bo = logged_in("bo@schack.example", k_bo_password);
    std::map<std::string, std::string> bo_fields = profile_cells(published_part_of("schack").organisation);
    bo_fields["action"] = "send";
    bo_fields["logo_sha256"] = logo.sha256;
    ASSERT_EQ(bo.post("/profile", multipart_body(Browser::csrf_of(bo.get("/profile").body), bo_fields), k_multipart).status, 303);
    EXPECT_FALSE(pending_part("schack")->organisation.logo);

    // Removing it.
    fields["logo_remove"] = "ja";
    ASSERT_EQ(anna.post("/profile", multipart_body(csrf, fields), k_multipart).status, 303);
    EXPECT_FALSE(pending_part("stickcafe")->organisation.logo);
}

TEST_F(OfficePictures, PicturesNoChangeNamesAreDeletedADayLater)
{
    Browser anna = logged_in("anna@stickcafe.example", k_anna_password);
    const std::string csrf = Browser::csrf_of(anna.get("/activities/new").body);
    // Uploaded at a preview and never sent; another sent with a change the region rejects.
    ASSERT_EQ(anna.post("/activities/new",
                        multipart_body(csrf, new_activity("preview"), {{"image_file", {"a.png", lotsen::testing::make_png(8, 8, 1, 2, 3)}}}),
                        k_multipart)
                  .status,
              200);
    ASSERT_EQ(anna.post("/activities/new", multipart_body(csrf, new_activity("send"), {{"image_file", {"b.png", photo}}}), k_multipart)
                  .status,
              303);
    EXPECT_EQ(kept_pictures(), 2);
    Browser rut = logged_in("rut@region.example", k_region_password);
    const std::string region_csrf = Browser::csrf_of(rut.get("/approvals").body);
    ASSERT_EQ(rut.post("/approvals/1/reject", "csrf=" + region_csrf + "&revision=1&reason=Bilden+passar+inte").status, 303);
    EXPECT_EQ(kept_pictures(), 2) << "a day to spare for a form still being filled in";
    now += k_day + 60;
    // The next upload (or sent change, or decision) cleans what no pending change names.
    anna = logged_in("anna@stickcafe.example", k_anna_password);
    const WebResponse again =
        anna.post("/activities/new", multipart_body(Browser::csrf_of(anna.get("/activities/new").body), new_activity("preview"), {{"image_file", {"c.png", lotsen::testing::make_png(9, 9, 1, 2, 3)}}}),
                  k_multipart);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(kept_pictures(), 1) << "only the newest upload is left";

    // One account cannot fill hub.db: at most 20 pictures wait per association.
    const std::string csrf_now = Browser::csrf_of(anna.get("/activities/new").body);
    for (std::uint8_t i = 0; i < 19; ++i) {
        const WebResponse kept = anna.post(
            "/activities/new",
            multipart_body(csrf_now, new_activity("preview"), {{"image_file", {"p.png", lotsen::testing::make_png(4, 4, i, 0, 0)}}}),
            k_multipart);
        ASSERT_EQ(kept.status, 200) << kept.body;
    }
    EXPECT_EQ(kept_pictures(), 20);
    const WebResponse refused = anna.post(
        "/activities/new",
        multipart_body(csrf_now, new_activity("preview"), {{"image_file", {"p.png", lotsen::testing::make_png(4, 4, 0, 9, 0)}}}),
        k_multipart);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("20 pictures waiting"), std::string::npos) << refused.body;
    EXPECT_EQ(kept_pictures(), 20);
}

TEST_F(OfficePictures, ATrustedAssociationsPictureIsPublishedAtOnce)
{
    Browser rut = logged_in("rut@region.example", k_region_password);
    ASSERT_EQ(rut.post("/approvals/trust", "csrf=" + Browser::csrf_of(rut.get("/approvals").body) + "&association=schack&trusted=1").status,
              303);
    Browser bo = logged_in("bo@schack.example", k_bo_password);
    const WebResponse form = bo.get("/activities/schack-kvall/edit");
    std::map<std::string, std::string> fields = activity_cells(published_part_of("schack").activities.front(), "en");
    fields["interests.games"] = "1";  // tick boxes, as the browser sends them
    fields["action"] = "send";
    const ImageRef expected = check_picture(photo).value();
    const WebResponse sent = bo.post("/activities/schack-kvall/edit",
                                     multipart_body(Browser::csrf_of(form.body), fields, {{"image_file", {"schack.png", photo}}}),
                                     k_multipart);
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(read_text(published() + "/files/" + expected.sha256 + ".png"), photo);
    for (const Activity& activity : published_catalogue().activities) {
        if (activity.id == "schack-kvall") {
            ASSERT_TRUE(activity.image);
            EXPECT_EQ(activity.image->sha256, expected.sha256);
        }
    }
}

}  // namespace
}  // namespace lotsen::hub::test
