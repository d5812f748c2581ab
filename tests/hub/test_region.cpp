// The region's part of the office without a browser: the SVG plots (well-formed XML by expat, labels
// escaped, suppressed counts drawn as a mark and never as a number), the kiosk alerts (a silent and a
// back e-mail, once each per silence, through a real SMTP server on loopback), and the fleet model
// that `lotsen-hub fleet` and the office page share (silent first, image refusals); and the region's
// pages through Office::handle: only region staff see them, enrolling refuses a bad key and revoking
// asks first (both audited), the statistics' CSV is the command's bytes, plots carry no hidden count,
// only completed months are offered, and the audit log filters.
#include "tests/hub/hub_test_support.hpp"
#include "tests/common/smtp_sink.hpp"
#include "tests/hub/office_test_support.hpp"

#include "hub/fleet.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/fleet_alerts.hpp"
#include "hub/office/svg_plot.hpp"
#include "hub/office/web.hpp"
#include "hub/stats.hpp"

#include <expat.h>

namespace lotsen::hub::test {
namespace {

using namespace lotsen::hub::office;

// What expat made of a document: whether it is well-formed, and every text node.
struct Parsed {
    bool well_formed = false;
    std::string problem;
    std::vector<std::string> texts;     ///< per element, in document order: the text directly inside it
    std::vector<std::string> elements;
    std::vector<std::size_t> open;      ///< while parsing: the elements not yet ended
};

Parsed parse_xml(const std::string& document)
{
    Parsed parsed;
    XML_Parser parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, &parsed);
    XML_SetElementHandler(
        parser,
        [](void* data, const XML_Char* name, const XML_Char**) {
            auto* p = static_cast<Parsed*>(data);
            p->open.push_back(p->elements.size());
            p->elements.emplace_back(name);
            p->texts.emplace_back();
        },
        [](void* data, const XML_Char*) { static_cast<Parsed*>(data)->open.pop_back(); });
    XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
        auto* p = static_cast<Parsed*>(data);
        if (!p->open.empty())
            p->texts[p->open.back()].append(text, static_cast<std::size_t>(length));
    });
    parsed.well_formed = XML_Parse(parser, document.data(), static_cast<int>(document.size()), 1) == XML_STATUS_OK;
    if (!parsed.well_formed)
        parsed.problem = XML_ErrorString(XML_GetErrorCode(parser));
    XML_ParserFree(parser);
    return parsed;
}

bool has_text(const Parsed& parsed, const std::string& text)
{
    return std::find(parsed.texts.begin(), parsed.texts.end(), text) != parsed.texts.end();
}

TEST(SvgPlot, IsWellFormedXmlAndLabelsAreEscaped)
{
    const std::string hostile = "<script>alert(\"x\")</script> & 'Ålgräs'";
    const std::string svg = bar_chart_svg("plot-1", "Check-ins & <b>more</b>", "desc",
                                          {PlotBar{hostile, 12, "12"}, PlotBar{"Föreningen B", 7, "7"},
                                           PlotBar{std::string(30, 'a') + std::string(30, 'b'), 1, "1"}});
    const Parsed parsed = parse_xml(svg);
    ASSERT_TRUE(parsed.well_formed) << parsed.problem << "\n" << svg;
    EXPECT_EQ(parsed.elements.front(), "svg");
    EXPECT_TRUE(has_text(parsed, "Check-ins & <b>more</b>")) << "the title, escaped in, read back whole";
    EXPECT_TRUE(has_text(parsed, hostile)) << "the label read back whole: it was escaped, not cut or dropped";
    EXPECT_TRUE(has_text(parsed, std::string(30, 'a') + std::string(10, 'b') + "…")) << "a long label is cut (the table has it whole)";
    EXPECT_TRUE(has_text(parsed, "12"));
    EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<b>"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("style="), std::string::npos) << "the CSP allows no style attribute";
}

TEST(SvgPlot, ASuppressedCountIsAMarkNeverANumberOrALength)
{
    // Two charts that differ only in the hidden count's mark: nothing in them may depend on it.
    const std::string a = bar_chart_svg("p", "t", "d", {PlotBar{"A", std::nullopt, "<5"}, PlotBar{"B", 9, "9"}});
    const Parsed parsed = parse_xml(a);
    ASSERT_TRUE(parsed.well_formed) << parsed.problem;
    EXPECT_TRUE(has_text(parsed, "<5"));
    EXPECT_TRUE(has_text(parsed, "9"));
    for (const std::string& text : parsed.texts) {
        for (const char* number : {"1", "2", "3", "4"})
            EXPECT_NE(text, number);
    }
    EXPECT_NE(a.find("class=\"suppressed\" x=\"1\" y=\"30\" width=\"24\""), std::string::npos) << a;
    EXPECT_EQ(a.find("class=\"bar\" x=\"0\" y=\"30\""), std::string::npos) << "no proportional bar for the hidden count";
    EXPECT_NE(a.find("class=\"bar\" x=\"0\" y=\"82\" width=\"330\""), std::string::npos) << "B's bar, the longest" << a;
    const std::string x = bar_chart_svg("p", "t", "d", {PlotBar{"A", std::nullopt, "x"}, PlotBar{"B", 9, "9"}});
    EXPECT_TRUE(has_text(parse_xml(x), "x"));
}

TEST(SvgPlot, BarsAreProportionalToPublishedCounts)
{
    const std::string svg = bar_chart_svg("p", "t", "d", {PlotBar{"A", 10, "10"}, PlotBar{"B", 5, "5"}, PlotBar{"C", 0, "0"}});
    EXPECT_NE(svg.find("width=\"330\" height=\"18\""), std::string::npos) << svg;  // the largest: full length
    EXPECT_NE(svg.find("width=\"165\" height=\"18\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("width=\"0\" height=\"18\""), std::string::npos) << svg;
}

// ---------------------------------------------------------------------------------------------

class RegionRecipients : public mail::NoticeRecipients {
public:
    std::vector<std::string> association_addresses(const std::string&) override { return {}; }
    std::vector<std::string> region_addresses() override { return {"rut@region.example"}; }
};

class KioskAlerts : public HubFixture {
protected:
    void SetUp() override
    {
        HubFixture::SetUp();
        ASSERT_NE(sink.port(), 0) << sink.problem();
        settings.mail = mail::MailSettings{.url = sink.url(), .from = "lotsen@region.example", .username = "",
                                           .password_file = "", .timeout_seconds = 10};
        settings.notices.office_url = "https://kontoret.region.example";
        settings.notices.region_addresses = {"drift@region.example"};
    }

    // The kiosk delivers a heartbeat at `at` (the hub's clock): it is heard from.
    void heard_at(UnixSeconds at)
    {
        ASSERT_EQ(send(signed_batch(batch_of({heartbeat(at - 5)}, at), at), at).status, 200);
    }

    KioskAlertReport pass(UnixSeconds now)
    {
        auto report = run_kiosk_alerts(*store, settings, now, 60, recipients);
        EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().text());
        return report.ok() ? report.value() : KioskAlertReport{};
    }

    testing::SmtpSink sink{LOTSEN_SOURCE_DIR};
    mail::OfficeMailSettings settings;
    RegionRecipients recipients;
};

TEST_F(KioskAlerts, SilentThenBackEachOncePerSilence)
{
    heard_at(k_now);
    EXPECT_TRUE(pass(k_now + 59 * 60).sent.empty()) << "within the limit";
    const KioskAlertReport silent = pass(k_now + 61 * 60);
    ASSERT_EQ(silent.sent.size(), 1u);
    EXPECT_FALSE(silent.sent[0].back);
    EXPECT_EQ(silent.sent[0].to, (std::vector<std::string>{"rut@region.example", "drift@region.example"}));
    EXPECT_TRUE(pass(k_now + 120 * 60).sent.empty()) << "never repeated";
    EXPECT_TRUE(pass(k_now + 600 * 60).sent.empty()) << "never repeated";

    auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_NE(mails[0].header("subject").find("A kiosk is silent: Halmstad bibliotek / entrance"), std::string::npos)
        << mails[0].header("subject");
    EXPECT_NE(mails[0].body.find("https://kontoret.region.example/fleet"), std::string::npos) << mails[0].body;
    EXPECT_TRUE(mails[0].defects.empty());

    heard_at(k_now + 601 * 60);
    const KioskAlertReport back = pass(k_now + 602 * 60);
    ASSERT_EQ(back.sent.size(), 1u);
    EXPECT_TRUE(back.sent[0].back);
    EXPECT_TRUE(pass(k_now + 603 * 60).sent.empty()) << "back is said once";
    mails = sink.messages();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_NE(mails[1].header("subject").find("A kiosk is back"), std::string::npos) << mails[1].header("subject");

    // A new silence is a new alert.
    const KioskAlertReport again = pass(k_now + (601 + 61) * 60);
    ASSERT_EQ(again.sent.size(), 1u);
    EXPECT_FALSE(again.sent[0].back);
    EXPECT_EQ(sink.messages().size(), 3u);
}

TEST_F(KioskAlerts, NoBackWithoutASilentAlertAndNothingForRevokedKiosks)
{
    heard_at(k_now);
    heard_at(k_now + 30 * 60);
    EXPECT_TRUE(pass(k_now + 31 * 60).sent.empty()) << "never silent: nothing to say, no back";
    const protocol::SigningKeyPair other = protocol::generate_signing_key_pair();
    const std::string other_key = protocol::to_base64(other.public_key);
    ASSERT_TRUE(store->enroll_kiosk(other_key, "Varbergs bibliotek", "", k_now - 86400).ok());
    ASSERT_TRUE(store->revoke_kiosk(other_key, k_now - 3600).ok());
    EXPECT_TRUE(pass(k_now + 32 * 60).sent.empty()) << "a revoked kiosk is not alerted about";
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(KioskAlerts, AFailedSendIsTriedAgainNextPass)
{
    heard_at(k_now);
    mail::OfficeMailSettings broken = settings;
    broken.mail->url = "smtp://127.0.0.1:1";
    broken.mail->timeout_seconds = 2;
    auto failed = run_kiosk_alerts(*store, broken, k_now + 61 * 60, 60, recipients);
    ASSERT_TRUE(failed.ok());
    EXPECT_TRUE(failed.value().sent.empty());
    EXPECT_EQ(failed.value().problems.size(), 1u);
    EXPECT_EQ(pass(k_now + 62 * 60).sent.size(), 1u) << "the claim was released";
}

// ---------------------------------------------------------------------------------------------

TEST(FleetModel, SilentKiosksComeFirstAndImageRefusalsAreRead)
{
    constexpr UnixSeconds now = 1763900000;
    KioskRecord quiet;
    quiet.public_key = "AAAA";
    quiet.site = "Borås";
    quiet.last_seen_at = now - 3600;
    KioskRecord fine;
    fine.public_key = "BBBB";
    fine.site = "Alingsås";
    fine.last_seen_at = now - 60;
    fine.last_heartbeat = R"({"software_version":"0.3.0","image_refusals":{"count":3,"at":1763899000,"reason":"a.webp: too large"}})";
    KioskRecord gone = fine;
    gone.public_key = "CCCC";
    gone.revoked_at = now - 10;
    const auto fleet = describe_fleet({fine, quiet, gone}, now, 5);
    ASSERT_EQ(fleet.size(), 2u) << "revoked kiosks are left out";
    EXPECT_EQ(fleet[0].site, "Borås");
    EXPECT_TRUE(fleet[0].silent);
    ASSERT_TRUE(fleet[1].image_refusals);
    EXPECT_EQ(fleet[1].image_refusals->count, 3);
    EXPECT_EQ(fleet[1].image_refusals->reason, "a.webp: too large");
    const std::string text = render_fleet({fine, quiet, gone}, now, 5);
    EXPECT_LT(text.find("Borås"), text.find("Alingsås")) << text;
    EXPECT_NE(text.find("images refused: 3"), std::string::npos) << text;
}

// ---------------------------------------------------------------------------------------------
// The pages

constexpr UnixSeconds k_day = 86400;
const std::string k_region_password = "the region's long password";

class RegionPages : public HubFixture {
protected:
    void SetUp() override
    {
        HubFixture::SetUp();
        // November 2025: 3 check-ins for forening-a and 6 for forening-b (k_now is 2025-11-19).
        std::vector<protocol::WireEvent> events;
        for (int i = 0; i < 3; ++i)
            events.push_back(checkin("forening-a", "promenad", k_now - 100));
        for (int i = 0; i < 6; ++i)
            events.push_back(checkin("forening-b", "schack", k_now - 100));
        ASSERT_EQ(send(signed_batch(batch_of(events))).status, 200);
        for (const char* table : {"", "checkins_per_week", "checkins_per_site", "mood"}) {
            StatsOptions options;
            options.from = Date{2025, 11, 1};
            options.to = Date{2025, 11, 30};
            options.csv = true;
            options.table = table;
            auto csv = render_stats(*store, options);
            ASSERT_TRUE(csv.ok()) << csv.error().text();
            command_csv[table] = csv.value();
        }
        OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        crypto_box_keypair(setup.seal_keys.public_key.data(), setup.seal_keys.secret_key.data());
        setup.clock = [this] { return now; };
        office = std::make_unique<Office>(std::move(store), std::move(setup));
        region_id = add_user("rut@region.example", Role::region, "", k_region_password);
        add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    }

    std::int64_t add_user(const std::string& email, Role role, const std::string& organisation, const std::string& password)
    {
        auto id = office->store().add_user(NewUser{email, "Name of " + email, role, organisation}, now);
        EXPECT_TRUE(id.ok()) << id.error().text();
        const std::string token = random_token();
        EXPECT_TRUE(office->store().add_invitation(token_hash(token), id.value(), now, now + k_day).ok());
        Browser browser(office.get());
        const WebResponse page = browser.get("/invite/" + token);
        EXPECT_EQ(browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(page.body) + "&password=" + percent_encode(password)
                                                       + "&password2=" + percent_encode(password))
                      .status,
                  303);
        return id.value();
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

    bool audited(const std::string& action, const std::string& detail_part)
    {
        auto log = office->store().audit_log(200);
        EXPECT_TRUE(log.ok());
        for (const AuditEntry& entry : log.value()) {
            if (entry.action == action && entry.detail.find(detail_part) != std::string::npos)
                return true;
        }
        return false;
    }

    std::map<std::string, std::string> command_csv;
    std::unique_ptr<Office> office;
    std::int64_t region_id = 0;
    UnixSeconds now = k_now + 40 * k_day;  // 2025-12-29: November is a completed month
};

TEST_F(RegionPages, AreTheRegionsOnly)
{
    Browser anna = logged_in("anna@a.example", "anna's long password");
    const std::string csrf = Browser::csrf_of(anna.get("/inbox").body);
    for (const char* path : {"/fleet", "/stats", "/stats.csv?month=2025-11", "/audit"})
        EXPECT_EQ(anna.get(path).status, 404) << path;
    const std::string key = protocol::to_base64(protocol::generate_signing_key_pair().public_key);
    EXPECT_EQ(anna.post("/fleet/enrol", "csrf=" + csrf + "&site=X&key=" + percent_encode(key)).status, 404);
    EXPECT_EQ(anna.get("/inbox").body.find("href=\"/fleet\""), std::string::npos) << "no region navigation";
    Browser rut = logged_in("rut@region.example", k_region_password);
    EXPECT_NE(rut.get("/inbox").body.find("href=\"/fleet\""), std::string::npos);
    EXPECT_EQ(Browser(office.get()).get("/fleet").status, 303) << "signed out: to the login";
}

TEST_F(RegionPages, EnrolRefusesABadKeyClearlyAndRevokeAsksFirstBothAudited)
{
    Browser rut = logged_in("rut@region.example", k_region_password);
    const WebResponse fleet = rut.get("/fleet");
    ASSERT_EQ(fleet.status, 200) << fleet.body;
    EXPECT_NE(fleet.body.find("Halmstad bibliotek"), std::string::npos);
    EXPECT_NE(fleet.body.find("SILENT"), std::string::npos) << "the fixture's kiosk was heard from 40 days ago";
    const std::string csrf = Browser::csrf_of(fleet.body);

    const WebResponse bad = rut.post("/fleet/enrol", "csrf=" + csrf + "&site=" + percent_encode("Varberg <b>bibliotek</b>") + "&key=abc");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("The key cannot be used:"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("44 characters of base64"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("value=\"Varberg &lt;b&gt;bibliotek&lt;/b&gt;\""), std::string::npos) << "the form keeps what was typed";
    EXPECT_TRUE(audited("enrol_refused", "bad key"));

    const std::string key = protocol::to_base64(protocol::generate_signing_key_pair().public_key);
    const WebResponse enrolled =
        rut.post("/fleet/enrol", "csrf=" + csrf + "&site=" + percent_encode("Varberg <b>bibliotek</b>") + "&name=hall&key="
                                     + percent_encode(" " + key + "\n"));
    ASSERT_EQ(enrolled.status, 303) << enrolled.body;
    EXPECT_TRUE(audited("enrol_kiosk", key));
    const WebResponse listed = rut.get("/fleet?enrolled=1");
    EXPECT_NE(listed.body.find("Varberg &lt;b&gt;bibliotek&lt;/b&gt; / hall"), std::string::npos) << listed.body;
    EXPECT_EQ(listed.body.find("<b>bibliotek"), std::string::npos);
    EXPECT_LT(listed.body.find("Halmstad bibliotek"), listed.body.find("Varberg")) << "by site";
    EXPECT_EQ(rut.post("/fleet/enrol", "csrf=" + csrf + "&site=Again&key=" + percent_encode(key)).status, 400)
        << "already enrolled";

    const WebResponse ask = rut.post("/fleet/revoke", "csrf=" + csrf + "&key=" + percent_encode(key));
    ASSERT_EQ(ask.status, 200) << ask.body;
    EXPECT_NE(ask.body.find("Yes, revoke the kiosk"), std::string::npos);
    EXPECT_FALSE(audited("revoke_kiosk", key)) << "nothing revoked before the confirm";
    EXPECT_NE(rut.get("/fleet").body.find("Varberg"), std::string::npos);
    ASSERT_EQ(rut.post("/fleet/revoke", "csrf=" + csrf + "&key=" + percent_encode(key) + "&confirm=1").status, 303);
    EXPECT_TRUE(audited("revoke_kiosk", key));
    EXPECT_EQ(rut.get("/fleet").body.find("Varberg"), std::string::npos);
    EXPECT_EQ(rut.post("/fleet/revoke", "csrf=" + csrf + "&key=" + percent_encode(key) + "&confirm=1").status, 404);
    EXPECT_EQ(rut.post("/fleet/revoke", "key=" + percent_encode(key) + "&confirm=1").status, 403) << "CSRF";
}

TEST_F(RegionPages, StatsCsvIsTheCommandsBytesAndPlotsCarryNoHiddenCount)
{
    Browser rut = logged_in("rut@region.example", k_region_password);
    for (const auto& [table, expected] : command_csv) {
        const WebResponse csv = rut.get("/stats.csv?month=2025-11" + (table.empty() ? std::string() : "&table=" + table));
        ASSERT_EQ(csv.status, 200) << table;
        EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
        EXPECT_EQ(csv.body, expected) << table;
        EXPECT_NE(csv.header("Content-Disposition").find("lotsen-stats-2025-11"), std::string::npos);
    }
    EXPECT_NE(command_csv[""].find("checkins_per_week,forening-a,total,<5"), std::string::npos) << command_csv[""];
    EXPECT_NE(command_csv[""].find("checkins_per_week,forening-b,total,x"), std::string::npos) << command_csv[""];
    EXPECT_NE(command_csv[""].find("checkins_per_site,Halmstad bibliotek,total,9"), std::string::npos) << command_csv[""];

    const WebResponse page = rut.get("/stats?month=2025-11");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    std::size_t plots = 0;
    for (std::size_t at = page.body.find("<svg"); at != std::string::npos; at = page.body.find("<svg", at + 1)) {
        const std::string svg = page.body.substr(at, page.body.find("</svg>", at) + 6 - at);
        const Parsed parsed = parse_xml(svg);
        ASSERT_TRUE(parsed.well_formed) << parsed.problem << "\n" << svg;
        for (const std::string& text : parsed.texts) {
            EXPECT_NE(text, "3") << "forening-a's hidden count drawn in\n" << svg;
            EXPECT_NE(text, "6") << "forening-b's hidden count drawn in\n" << svg;
        }
        ++plots;
    }
    EXPECT_GE(plots, 5u);
    EXPECT_NE(page.body.find("<td>&lt;5</td>"), std::string::npos);

    // Only completed months: not the current one, not a made-up period.
    EXPECT_EQ(rut.get("/stats.csv?month=2025-12").status, 404);
    EXPECT_EQ(rut.get("/stats.csv?month=2025-11&table=nope").status, 404);
    EXPECT_EQ(rut.get("/stats?month=2025-12").status, 400);
    EXPECT_EQ(rut.get("/stats?month=2025-11-01").status, 400);
}

TEST_F(RegionPages, AuditLogFiltersAndEscapes)
{
    Browser rut = logged_in("rut@region.example", k_region_password);
    Browser anna = logged_in("anna@a.example", "anna's long password");
    (void)anna;
    ASSERT_TRUE(office->store().audit({now, std::nullopt, "login_failed", "forening-a", "", "from <img src=x>"}).ok());
    const WebResponse all = rut.get("/audit");
    ASSERT_EQ(all.status, 200);
    EXPECT_NE(all.body.find("from &lt;img src=x&gt;"), std::string::npos);
    EXPECT_EQ(all.body.find("<img"), std::string::npos);
    const WebResponse failed = rut.get("/audit?action=login_failed");
    EXPECT_NE(failed.body.find("<td>login_failed</td>"), std::string::npos);
    EXPECT_EQ(failed.body.find("<td>login</td>"), std::string::npos) << failed.body;
    const WebResponse mine = rut.get("/audit?user=" + std::to_string(region_id) + "&action=login");
    EXPECT_NE(mine.body.find("<td>login</td>"), std::string::npos);
    EXPECT_EQ(mine.body.find("<td>Name of anna@a.example"), std::string::npos) << mine.body;
    const WebResponse association = rut.get("/audit?association=forening-a");
    EXPECT_NE(association.body.find("<td>forening-a</td>"), std::string::npos);
    EXPECT_EQ(association.body.find("<td>Name of rut@region.example"), std::string::npos) << association.body;
}

}  // namespace
}  // namespace lotsen::hub::test
