// The web office without a socket: credentials, the login throttle, office.toml's [office], the HTML
// escaping door, and whole flows through Office::handle over a real hub store — invitation, login,
// sessions (fixation, logout, idle timeout), CSRF, the association boundary (another association's
// ids are 404), the audit log, outcomes closing requests, visitor text shown escaped, and the
// palette's contrast.
#include "tests/hub/hub_test_support.hpp"
#include "tests/hub/office_test_support.hpp"

#include "hub/office/credentials.hpp"
#include "hub/office/login_throttle.hpp"
#include "hub/office/office.hpp"
#include "hub/office/office_settings.hpp"
#include "hub/office/office_style.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"

#include <map>
#include <thread>

namespace lotsen::hub::test {
namespace {

using namespace lotsen::hub::office;
using Json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Pieces

TEST(OfficeCredentials, Argon2idHashVerifiesOnlyTheRightPassword)
{
    ASSERT_GE(sodium_init(), 0);
    const auto hash = hash_password("correct horse battery");
    ASSERT_TRUE(hash.ok()) << hash.error().text();
    EXPECT_EQ(hash.value().rfind("$argon2id$", 0), 0u) << hash.value();
    EXPECT_TRUE(verify_password("correct horse battery", &hash.value()));
    EXPECT_FALSE(verify_password("correct horse batterx", &hash.value()));
    EXPECT_FALSE(verify_password("", &hash.value()));
    EXPECT_FALSE(verify_password("correct horse battery", nullptr));  // no user: a stand-in check, never true
}

TEST(OfficeCredentials, ConcurrentChecksAllAnswerRightThroughTheOneMutex)
{
    ASSERT_GE(sodium_init(), 0);
    const auto hash = hash_password("a long enough password");
    ASSERT_TRUE(hash.ok());
    std::vector<std::thread> threads;
    std::vector<int> results(6, -1);
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] { results[i] = verify_password(i % 2 ? "wrong password here" : "a long enough password", &hash.value()); });
    for (std::thread& thread : threads)
        thread.join();
    for (std::size_t i = 0; i < results.size(); ++i)
        EXPECT_EQ(results[i], i % 2 ? 0 : 1) << i;
}

TEST(OfficeCredentials, NewPasswordRulesCountCharactersNotBytes)
{
    EXPECT_EQ(check_new_password("short"), PasswordProblem::too_short);
    EXPECT_EQ(check_new_password("elva tecken"), PasswordProblem::too_short);  // 11
    EXPECT_EQ(check_new_password("tolv tecken!"), PasswordProblem::none);
    EXPECT_EQ(check_new_password("åäöåäöåäöåäö"), PasswordProblem::none);      // 12 characters, 24 bytes
    EXPECT_EQ(check_new_password("åäöåäöåäöåä"), PasswordProblem::too_short);  // 11 characters, 22 bytes
    EXPECT_EQ(check_new_password(std::string(257, 'x')), PasswordProblem::too_long);
    EXPECT_EQ(check_new_password("twelve chars\x01long"), PasswordProblem::not_text);
}

TEST(OfficeCredentials, TokensAreRandomAndStoredOnlyAsHashes)
{
    ASSERT_GE(sodium_init(), 0);
    const std::string a = random_token();
    const std::string b = random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
    EXPECT_EQ(token_hash(a), token_hash(a));
    EXPECT_EQ(token_hash(a).size(), 64u);
    EXPECT_EQ(token_hash(a).find(a), std::string::npos);
    EXPECT_TRUE(same_secret(a, a));
    EXPECT_FALSE(same_secret(a, b));
    EXPECT_FALSE(same_secret("", ""));
}

TEST(OfficeThrottle, LimitsFailuresPerAccountAndPerAddressUntilTheyAgeOut)
{
    LoginThrottle throttle(ThrottleLimits{3, 5, 600, 100});
    const UnixSeconds t = 1000;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(throttle.wait_seconds("Anna@Example.org", "10.0.0.1", t + i), 0) << i;
        throttle.record_failure("anna@example.org", "10.0.0.1", t + i);
    }
    // The account is locked from any address, in any case of its name.
    EXPECT_GT(throttle.wait_seconds("ANNA@example.org", "10.0.0.9", t + 3), 0);
    EXPECT_EQ(throttle.wait_seconds("ANNA@example.org", "10.0.0.9", t + 3), 600 - 3);
    // Another account from a fresh address is not.
    EXPECT_EQ(throttle.wait_seconds("bo@example.org", "10.0.0.9", t + 3), 0);
    // Until the oldest failure has aged out.
    EXPECT_EQ(throttle.wait_seconds("anna@example.org", "10.0.0.9", t + 600), 0);

    // One address spraying many accounts.
    for (int i = 0; i < 5; ++i)
        throttle.record_failure("user" + std::to_string(i) + "@example.org", "192.0.2.7", t + 700);
    EXPECT_GT(throttle.wait_seconds("someone@example.org", "192.0.2.7", t + 701), 0);
    EXPECT_EQ(throttle.wait_seconds("someone@example.org", "192.0.2.8", t + 701), 0);
}

TEST(OfficeThrottle, SuccessClearsTheAccountButNotTheAddress)
{
    LoginThrottle throttle(ThrottleLimits{2, 3, 600, 100});
    throttle.record_failure("a@example.org", "10.0.0.1", 100);
    throttle.record_failure("a@example.org", "10.0.0.1", 101);
    EXPECT_GT(throttle.wait_seconds("a@example.org", "10.0.0.2", 102), 0);
    throttle.record_success("a@example.org");
    EXPECT_EQ(throttle.wait_seconds("a@example.org", "10.0.0.2", 102), 0);
    throttle.record_failure("b@example.org", "10.0.0.1", 103);
    EXPECT_GT(throttle.wait_seconds("c@example.org", "10.0.0.1", 104), 0);  // 3 from 10.0.0.1
}

TEST(OfficeSettings, DefaultsOtherSectionsIgnoredAndProblemsNamedWithLine)
{
    const auto empty = parse_office_settings("", "office.toml");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty.value().session_idle_minutes, 30);
    EXPECT_FALSE(empty.value().secure_cookies);

    const auto full = parse_office_settings(R"(
[mail]
smtp_url = "smtp://127.0.0.1:2525"
whatever = 3

[office]
listen = "0.0.0.0:8443"
base_url = "https://office.region.example/"
trusted_proxy = "10.1.2.3"
secure_cookies = true
session_idle_minutes = 20
[retention]
closed_days = 30
)",
                                            "office.toml");
    ASSERT_TRUE(full.ok()) << full.error().text();
    EXPECT_EQ(full.value().listen, "0.0.0.0:8443");
    EXPECT_EQ(full.value().base_url, "https://office.region.example");
    EXPECT_EQ(full.value().trusted_proxy, "10.1.2.3");
    EXPECT_TRUE(full.value().secure_cookies);
    EXPECT_EQ(full.value().session_idle_minutes, 20);

    const auto unknown = parse_office_settings("[office]\nlisten = \"127.0.0.1:1\"\nsesion_idle_minutes = 5\n", "/etc/office.toml");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().text().find("/etc/office.toml:3: [office] sesion_idle_minutes: unknown key"), std::string::npos)
        << unknown.error().text();

    const auto bad = parse_office_settings("[office]\n\nsession_idle_minutes = 0\n", "office.toml");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().text().find("office.toml:3: [office] session_idle_minutes must be a whole number from 5 to 480"),
              std::string::npos)
        << bad.error().text();
    const auto proxy = parse_office_settings("[office]\ntrusted_proxy = \"proxy.example\"\n", "office.toml");
    ASSERT_FALSE(proxy.ok());
    EXPECT_NE(proxy.error().text().find("office.toml:2:"), std::string::npos);
    const auto broken = parse_office_settings("[office\n", "office.toml");
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().text().find("office.toml:1:"), std::string::npos);
}

TEST(OfficeWeb, EscapingFormsCookiesAddressesLanguages)
{
    EXPECT_EQ(html("<script>alert('x')</script> & \"q\""),
              "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    EXPECT_EQ(html("a\x1b[31mb\x7f"), "a[31mb");

    const auto form = parse_form("csrf=abc&note=hej+d%C3%A5&note=second&empty=&bad=%zz");
    EXPECT_EQ(form.at("csrf"), "abc");
    EXPECT_EQ(form.at("note"), "hej då");  // the first of two wins
    EXPECT_EQ(form.at("empty"), "");
    EXPECT_EQ(form.at("bad"), "%zz");
    // A textarea's line breaks come as CR LF (and an old client's as CR alone): the texts keep LF.
    EXPECT_EQ(parse_form("about=one%0D%0Atwo%0Dthree%0Afour").at("about"), "one\ntwo\nthree\nfour");

    EXPECT_EQ(cookie_value("a=1; lotsen_session=xyz; b=2", "lotsen_session").value_or(""), "xyz");
    EXPECT_FALSE(cookie_value("xlotsen_session=1", "lotsen_session"));
    EXPECT_EQ(set_cookie("s", "v", true), "s=v; Path=/; HttpOnly; SameSite=Strict; Secure");

    // Without a trusted proxy, or from anyone else, X-Forwarded-For is ignored.
    EXPECT_EQ(client_address("192.0.2.1", std::string("203.0.113.9"), ""), "192.0.2.1");
    EXPECT_EQ(client_address("192.0.2.1", std::string("203.0.113.9"), "10.0.0.1"), "192.0.2.1");
    // From the proxy: the address it appended (the last), not what the client claimed before it.
    EXPECT_EQ(client_address("10.0.0.1", std::string("1.2.3.4, 203.0.113.9"), "10.0.0.1"), "203.0.113.9");
    EXPECT_EQ(client_address("::ffff:10.0.0.1", std::string("203.0.113.9"), "10.0.0.1"), "203.0.113.9");
    EXPECT_EQ(client_address("10.0.0.1", std::string("garbage"), "10.0.0.1"), "10.0.0.1");

    EXPECT_EQ(language_from_header("en-GB,en;q=0.9,sv;q=0.8", "sv"), "en");
    EXPECT_EQ(language_from_header("de, sv-SE;q=0.5, en;q=0.4", "en"), "sv");
    EXPECT_EQ(language_from_header("de", "sv"), "sv");
    EXPECT_EQ(language_from_header("svx", "en"), "en");
}

TEST(OfficeStyle, PaletteMeetsWcagContrast)
{
    EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 0.01);
    EXPECT_NEAR(contrast_ratio("#777777", "#ffffff"), 4.48, 0.01);  // the classic just-too-light grey
    const Palette& p = office_palette();
    const std::pair<std::string_view, std::string_view> text_pairs[] = {
        {p.text, p.page},   {p.text, p.panel},        {p.muted, p.page},           {p.muted, p.panel},
        {p.link, p.page},   {p.link, p.panel},        {p.button_text, p.button},   {p.error_text, p.error_panel},
        {p.ok_text, p.ok_panel},
    };
    for (const auto& [foreground, background] : text_pairs)
        EXPECT_GE(contrast_ratio(foreground, background), 4.5) << foreground << " on " << background;
    for (const std::string_view edge : {p.focus, p.border, p.button})
        EXPECT_GE(contrast_ratio(edge, p.page), 3.0) << edge;
    EXPECT_GE(contrast_ratio(p.focus, p.panel), 3.0);
}

TEST(OfficeText, EveryTextInBothLanguagesAndTheInvitationCarriesItsLink)
{
    EXPECT_TRUE(every_text_has_both_languages());
    EXPECT_EQ(text("sv", "logout"), "Logga ut");
    EXPECT_EQ(text("en", "logout"), "Sign out");
    for (const std::string_view language : k_office_languages) {
        const InvitationMessage message = invitation_message(language, "Anna", "https://office.example/invite/TOKEN", 7);
        EXPECT_FALSE(message.subject.empty());
        EXPECT_NE(message.body.find("https://office.example/invite/TOKEN"), std::string::npos);
        EXPECT_NE(message.body.find("Anna"), std::string::npos);
        EXPECT_NE(message.body.find('7'), std::string::npos);
    }
}

// ---------------------------------------------------------------------------------------------
// Whole flows

constexpr const char* k_xss_name = "<script>alert(1)</script>";


class OfficeFlow : public HubFixture {
protected:
    void SetUp() override
    {
        HubFixture::SetUp();
        crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());
        own = sealed_request("forening-a", k_xss_name, "070-<b>1</b>");
        other = sealed_request("forening-b", "Bertil Bergström", "070-999 88 77");
        protocol::WireEvent beat = heartbeat(k_now - 30, "<img src=x onerror=alert(2)>");
        ASSERT_EQ(send(signed_batch(batch_of({own, other, beat}))).status, 200);
        OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        setup.seal_keys = keys;
        setup.clock = [this] { return now; };
        setup.throttle = ThrottleLimits{3, 10, 900, 100};
        office = std::make_unique<Office>(std::move(store), std::move(setup));
    }

    protocol::WireEvent sealed_request(const std::string& organisation, const std::string& name, const std::string& reach)
    {
        protocol::WireEvent event;
        event.id = make_uuid_v4();
        event.kind = protocol::WireKind::contact_request;
        event.created_at = k_now - 120;
        event.clock_synchronised = true;
        event.organisation_id = organisation;
        event.receipt_code = make_receipt_code();
        const Json plain = {{"format", 1},         {"event_id", event.id},       {"receipt_code", event.receipt_code},
                            {"created_at", k_now - 120}, {"organisation_id", organisation}, {"activity_id", ""},
                            {"name", name},         {"channel", "phone"},        {"reach", reach},
                            {"preferred_language", "ar"}, {"consent", true}};
        const std::string text = plain.dump();
        event.sealed.resize(text.size() + crypto_box_SEALBYTES);
        crypto_box_seal(event.sealed.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                        keys.public_key.data());
        return event;
    }

    // Adds a user with a password set through their invitation; returns the user's id.
    std::int64_t add_user(const std::string& email, Role role, const std::string& organisation, const std::string& password)
    {
        NewUser user{email, "Name of " + email, role, organisation};
        auto id = office->store().add_user(user, now);
        EXPECT_TRUE(id.ok()) << id.error().text();
        const std::string token = random_token();
        EXPECT_TRUE(office->store().add_invitation(token_hash(token), id.value(), now, now + 86400).ok());
        Browser browser(office.get());
        const WebResponse page = browser.get("/invite/" + token);
        EXPECT_EQ(page.status, 200) << page.body;
        const WebResponse set = browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(page.body) + "&password="
                                                                     + percent_encode(password) + "&password2="
                                                                     + percent_encode(password));
        EXPECT_EQ(set.status, 303) << set.body;
        return id.value();
    }

    // A browser logged in as `email`.
    Browser logged_in(const std::string& email, const std::string& password)
    {
        Browser browser(office.get());
        const WebResponse page = browser.get("/login");
        const WebResponse done = browser.post("/login", "csrf=" + Browser::csrf_of(page.body) + "&email=" + percent_encode(email)
                                                             + "&password=" + percent_encode(password));
        EXPECT_EQ(done.status, 303) << done.body;
        EXPECT_EQ(done.header("Location"), "/inbox");
        return browser;
    }

    std::vector<AuditEntry> audit()
    {
        auto log = office->store().audit_log(100);
        EXPECT_TRUE(log.ok());
        return log.ok() ? log.value() : std::vector<AuditEntry>{};
    }

    bool audited(const std::string& action, const std::string& request_id)
    {
        for (const AuditEntry& entry : audit()) {
            if (entry.action == action && entry.request_id == request_id)
                return true;
        }
        return false;
    }

    SealKeyPair keys;
    protocol::WireEvent own;
    protocol::WireEvent other;
    std::unique_ptr<Office> office;
    UnixSeconds now = k_now;
};

TEST_F(OfficeFlow, AssociationUserSeesOnlyTheirOwnAndOpensItEscapedAndAudited)
{
    add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    Browser anna = logged_in("anna@a.example", "anna's long password");
    const WebResponse inbox = anna.get("/inbox");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    EXPECT_NE(inbox.body.find(own.receipt_code), std::string::npos);
    EXPECT_EQ(inbox.body.find(other.receipt_code), std::string::npos);
    EXPECT_EQ(inbox.body.find("alert(1)"), std::string::npos) << "no personal data in the list";

    const WebResponse page = anna.get("/requests/" + own.id);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.body.find(k_xss_name), std::string::npos);
    EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("070-&lt;b&gt;1&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(page.body.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos) << "the heartbeat's text, escaped";
    EXPECT_EQ(page.body.find("<img"), std::string::npos);
    EXPECT_NE(page.body.find("Halmstad bibliotek"), std::string::npos);
    EXPECT_NE(page.body.find(">Arabic (ar)<"), std::string::npos) << "preferred language";
    EXPECT_TRUE(audited("open_request", own.id));
    EXPECT_EQ(page.header("Content-Security-Policy").find("default-src 'none'"), 0u);
    EXPECT_NE(page.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(page.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(page.body.find("<script"), std::string::npos);

    // Another association's request answers exactly like one that does not exist: 404, nothing opened.
    const WebResponse foreign = anna.get("/requests/" + other.id);
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.body.find("Bergstr"), std::string::npos);
    EXPECT_EQ(anna.get("/requests/no-such-id").status, 404);
    const WebResponse foreign_post =
        anna.post("/requests/" + other.id, "csrf=" + Browser::csrf_of(page.body) + "&outcome=declined&note=x");
    EXPECT_EQ(foreign_post.status, 404);
    EXPECT_FALSE(audited("open_request", other.id));
    auto untouched = office->store().request(other.id);
    ASSERT_TRUE(untouched.ok() && untouched.value());
    EXPECT_FALSE(untouched.value()->handled_at);
    EXPECT_FALSE(untouched.value()->outcome);
}

TEST_F(OfficeFlow, OutcomeNeedsTheCsrfTokenAndClosesTheRequest)
{
    const std::int64_t anna_id = add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    Browser anna = logged_in("anna@a.example", "anna's long password");
    const WebResponse page = anna.get("/requests/" + own.id);
    const std::string csrf = Browser::csrf_of(page.body);
    ASSERT_FALSE(csrf.empty());

    EXPECT_EQ(anna.post("/requests/" + own.id, "outcome=contacted&note=called").status, 403);
    EXPECT_EQ(anna.post("/requests/" + own.id, "csrf=" + random_token() + "&outcome=contacted").status, 403);
    EXPECT_TRUE(audited("csrf_refused", ""));
    auto still_open = office->store().request(own.id);
    ASSERT_TRUE(still_open.ok() && still_open.value());
    EXPECT_FALSE(still_open.value()->handled_at);

    EXPECT_EQ(anna.post("/requests/" + own.id, "csrf=" + csrf + "&outcome=sold").status, 400);
    now += 1200;
    const WebResponse saved = anna.post("/requests/" + own.id, "csrf=" + csrf + "&outcome=contacted&note=" + percent_encode("called, <i>meets</i> Tuesday"));
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto closed = office->store().request(own.id);
    ASSERT_TRUE(closed.ok() && closed.value());
    EXPECT_EQ(closed.value()->handled_at, k_now + 1200) << "an outcome closes the request (retention counts from it)";
    EXPECT_EQ(closed.value()->outcome, Outcome::contacted);
    EXPECT_EQ(closed.value()->outcome_note, "called, <i>meets</i> Tuesday");
    EXPECT_TRUE(audited("set_outcome", own.id));

    // A second outcome replaces the first; the request stays closed from the first time.
    now += 60;
    ASSERT_EQ(anna.post("/requests/" + own.id, "csrf=" + csrf + "&outcome=met").status, 303);
    auto again = office->store().request(own.id);
    EXPECT_EQ(again.value()->outcome, Outcome::met);
    EXPECT_EQ(again.value()->handled_at, k_now + 1200);
    const WebResponse shown = anna.get("/requests/" + own.id);
    EXPECT_NE(shown.body.find("Met"), std::string::npos);
    (void)anna_id;
}

TEST_F(OfficeFlow, RegionSeesEveryListWithoutPersonalDataUntilItOpensOneAudited)
{
    add_user("region@region.example", Role::region, "", "the region's password");
    Browser region = logged_in("region@region.example", "the region's password");
    const WebResponse inbox = region.get("/inbox");
    ASSERT_EQ(inbox.status, 200);
    EXPECT_NE(inbox.body.find(own.receipt_code), std::string::npos);
    EXPECT_NE(inbox.body.find(other.receipt_code), std::string::npos);
    EXPECT_EQ(inbox.body.find("alert(1)"), std::string::npos);
    EXPECT_EQ(inbox.body.find("Bergstr"), std::string::npos);
    EXPECT_TRUE(audit().size() >= 1);
    EXPECT_FALSE(audited("open_request", other.id));
    const WebResponse opened = region.get("/requests/" + other.id);
    EXPECT_EQ(opened.status, 200);
    EXPECT_NE(opened.body.find("Bertil Bergström"), std::string::npos);
    EXPECT_TRUE(audited("open_request", other.id));
}

TEST_F(OfficeFlow, LoginMakesANewSessionAndLogoutEndsIt)
{
    add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    Browser anna(office.get());
    const WebResponse form = anna.get("/login");
    ASSERT_EQ(form.status, 200);
    const std::string set_cookie = form.header("Set-Cookie");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    // A session id planted before login (fixation) is not the one that gets logged in.
    const std::string planted = random_token();
    anna.cookies[k_session_cookie] = planted;
    const WebResponse login = anna.post("/login", "csrf=" + Browser::csrf_of(form.body) + "&email=anna%40a.example&password="
                                                      + percent_encode("anna's long password"));
    ASSERT_EQ(login.status, 303);
    const std::string session = anna.cookies[k_session_cookie];
    EXPECT_NE(session, planted);
    EXPECT_EQ(session.size(), 43u);
    Browser attacker(office.get());
    attacker.cookies[k_session_cookie] = planted;
    EXPECT_EQ(attacker.get("/inbox").status, 303) << "the planted id is no session";

    // Login without the form's token is refused.
    Browser no_token(office.get());
    no_token.get("/login");
    EXPECT_EQ(no_token.post("/login", "email=anna%40a.example&password=" + percent_encode("anna's long password")).status, 403);

    const WebResponse inbox = anna.get("/inbox");
    ASSERT_EQ(inbox.status, 200);
    Browser stolen(office.get());
    stolen.cookies[k_session_cookie] = session;
    EXPECT_EQ(stolen.get("/inbox").status, 200);
    EXPECT_EQ(anna.post("/logout", "").status, 403) << "logout needs the csrf token too";
    const WebResponse out = anna.post("/logout", "csrf=" + Browser::csrf_of(inbox.body));
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(anna.cookies.count(k_session_cookie), 0u);
    EXPECT_EQ(stolen.get("/inbox").status, 303) << "the session is gone on the server, not only in the browser";
    EXPECT_EQ(stolen.get("/inbox").header("Location"), "/login");
}

TEST_F(OfficeFlow, IdleSessionsEndAndDisabledUsersAreShutOut)
{
    add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    Browser anna = logged_in("anna@a.example", "anna's long password");
    now += 29 * 60;
    EXPECT_EQ(anna.get("/inbox").status, 200);
    now += 29 * 60;  // used 29 minutes ago: still alive
    EXPECT_EQ(anna.get("/inbox").status, 200);
    now += 31 * 60;
    EXPECT_EQ(anna.get("/inbox").status, 303);

    Browser again = logged_in("anna@a.example", "anna's long password");
    ASSERT_TRUE(office->store().disable_user("ANNA@a.example", now).value());
    EXPECT_EQ(again.get("/inbox").status, 303);
    Browser after(office.get());
    const WebResponse form = after.get("/login");
    EXPECT_EQ(after.post("/login", "csrf=" + Browser::csrf_of(form.body) + "&email=anna%40a.example&password="
                                       + percent_encode("anna's long password"))
                  .status,
              401);
}

TEST_F(OfficeFlow, FailedLoginsAreThrottledEvenWithTheRightPassword)
{
    add_user("anna@a.example", Role::association, "forening-a", "anna's long password");
    Browser guesser(office.get());
    guesser.address = "198.51.100.5";
    const WebResponse form = guesser.get("/login");
    const std::string csrf = Browser::csrf_of(form.body);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(guesser.post("/login", "csrf=" + csrf + "&email=anna%40a.example&password=guess" + std::to_string(i)).status, 401);
    const WebResponse blocked = guesser.post("/login", "csrf=" + csrf + "&email=anna%40a.example&password="
                                                            + percent_encode("anna's long password"));
    EXPECT_EQ(blocked.status, 429);
    EXPECT_EQ(guesser.cookies.count(k_session_cookie), 0u);
    EXPECT_NE(blocked.body.find("Too many failed attempts"), std::string::npos);
    now += 901;
    EXPECT_EQ(guesser.post("/login", "csrf=" + csrf + "&email=anna%40a.example&password=" + percent_encode("anna's long password"))
                  .status,
              303);
    bool failed_logged = false;
    for (const AuditEntry& entry : audit())
        failed_logged = failed_logged || (entry.action == "login_failed" && entry.detail.find("198.51.100.5") != std::string::npos);
    EXPECT_TRUE(failed_logged);
}

TEST_F(OfficeFlow, InvitationsWorkOnceAndEnforceThePasswordRules)
{
    NewUser user{"new@a.example", "New Person", Role::association, "forening-a"};
    const auto id = office->store().add_user(user, now);
    ASSERT_TRUE(id.ok());
    const std::string token = random_token();
    ASSERT_TRUE(office->store().add_invitation(token_hash(token), id.value(), now, now + 3600).ok());
    Browser browser(office.get());
    const WebResponse page = browser.get("/invite/" + token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("new@a.example"), std::string::npos);
    EXPECT_EQ(page.header("Referrer-Policy"), "no-referrer");
    const std::string csrf = Browser::csrf_of(page.body);
    EXPECT_EQ(browser.post("/invite/" + token, "csrf=" + csrf + "&password=short&password2=short").status, 400);
    EXPECT_EQ(browser.post("/invite/" + token, "csrf=" + csrf + "&password=long+enough+one&password2=long+enough+two").status, 400);
    EXPECT_EQ(browser.post("/invite/" + token, "password=long+enough+one&password2=long+enough+one").status, 403);
    EXPECT_EQ(browser.post("/invite/" + token, "csrf=" + csrf + "&password=long+enough+one&password2=long+enough+one").status, 303);
    EXPECT_EQ(browser.get("/invite/" + token).status, 404) << "used";
    EXPECT_EQ(browser.get("/invite/" + random_token()).status, 404) << "unknown";
    const auto stored = office->store().find_user(id.value());
    ASSERT_TRUE(stored.ok() && stored.value() && stored.value()->password_hash);
    EXPECT_EQ(stored.value()->password_hash->find("long enough one"), std::string::npos);

    // An expired invitation does nothing.
    const std::string late = random_token();
    ASSERT_TRUE(office->store().add_invitation(token_hash(late), id.value(), now, now + 10).ok());
    now += 11;
    EXPECT_EQ(browser.get("/invite/" + late).status, 404);
}

}  // namespace
}  // namespace lotsen::hub::test
