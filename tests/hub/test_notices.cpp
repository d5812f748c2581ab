// Notices: requests delivered through ingest get an arrival notice, a reminder and the region's
// message at the right times, each sent once (also across a restart), retried after a failure, and
// never with a byte of the visitor's personal data — checked on what a real SMTP server on loopback
// received, decoded by Python's email package.
#include "tests/hub/contact_test_support.hpp"
#include "hub/mail/notices.hpp"
#include "tests/common/files.hpp"
#include "tests/common/smtp_sink.hpp"

#include <sqlite3.h>

#include <map>

namespace lotsen::hub::test {
namespace {

using mail::NoticeKind;

constexpr std::int64_t k_day = 86400;

class TestRecipients : public mail::NoticeRecipients {
public:
    std::vector<std::string> association_addresses(const std::string& organisation_id) override
    {
        const auto it = associations.find(organisation_id);
        return it == associations.end() ? std::vector<std::string>{} : it->second;
    }
    std::vector<std::string> region_addresses() override { return region; }

    std::map<std::string, std::vector<std::string>> associations{
        {"forening-a", {"kontakt@forening-a.example", "ordf@forening-a.example"}},
        {"forening-b", {"info@forening-b.example"}}};
    std::vector<std::string> region{"lotsen@region.example"};
};

class Notices : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        ASSERT_NE(sink.port(), 0) << sink.problem();
        open_store();
        kiosk = protocol::generate_signing_key_pair();
        ASSERT_TRUE(store->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Halmstad stadsbibliotek", "", k_now - 400 * k_day).ok());
        crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());
        settings.mail = mail::MailSettings{.url = sink.url(), .from = "lotsen@region.example", .username = "",
                                           .password_file = "", .timeout_seconds = 10};
        settings.notices.office_url = "https://lotsen.region.example";
        settings.notices.default_reply_days = 5;
        Organisation a;
        a.id = "forening-a";
        a.name.set("sv", "Föreningen Ålgräs");
        a.name.set("en", "The Eelgrass Society");
        a.reply_days = 2;
        catalogue.organisations.push_back(a);
    }

    void open_store()
    {
        store.reset();
        auto opened = HubStore::open((dir / "hub.db").string());
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        store = std::move(opened.value());
    }

    std::string deliver(const std::string& organisation, const VisitorDetails& visitor, UnixSeconds received_at)
    {
        const protocol::WireEvent event = sealed_contact_request(keys, organisation, visitor, received_at - 60);
        deliver_through_ingest(*store, kiosk, event, received_at);
        return event.id;
    }

    mail::NoticeReport pass(UnixSeconds now)
    {
        auto report = mail::run_notices(*store, settings, now, recipients, &catalogue);
        EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().text());
        return report.ok() ? std::move(report.value()) : mail::NoticeReport{};
    }

    testing::TempDir dir{"lotsen-notices"};
    testing::SmtpSink sink{LOTSEN_SOURCE_DIR};
    std::unique_ptr<HubStore> store;
    protocol::SigningKeyPair kiosk;
    SealKeyPair keys;
    mail::OfficeMailSettings settings;
    TestRecipients recipients;
    Catalogue catalogue;
};

TEST_F(Notices, ArrivalNoticeSaysWhereWhenAndLinksButHoldsNoPersonalData)
{
    const VisitorDetails visitor{.name = "Xerxes Qvarfordt-Lindqvist", .channel = "email",
                                 .reach = "xerxes.qvarfordt@privat.example", .message = "Hemligt meddelande 4711 om min rygg"};
    const VisitorDetails caller{.name = "Ylva Zetterqvist", .channel = "phone", .reach = "0739-112 358",
                                .message = "Ring efter 17, barnen sover"};
    const std::string id = deliver("forening-a", visitor, k_now);
    const std::string other = deliver("forening-b", caller, k_now + 1);

    const mail::NoticeReport report = pass(k_now + 60);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();
    ASSERT_EQ(report.sent.size(), 2u);
    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 2u);

    const testing::ReceivedMail& a = mails[0];
    EXPECT_TRUE(a.defects.empty());
    EXPECT_EQ(a.rcpt_tos, (std::vector<std::string>{"kontakt@forening-a.example", "ordf@forening-a.example"}));
    EXPECT_EQ(a.header("subject"), "Ny kontaktförfrågan till Föreningen Ålgräs / New contact request for The Eelgrass Society");
    EXPECT_NE(a.body.find("Föreningen Ålgräs har fått en ny kontaktförfrågan"), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("Plats: Halmstad stadsbibliotek"), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("Inkom: 2025-11-19 13:00"), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("https://lotsen.region.example/requests/" + id), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("Svarstid: 2 dagar"), std::string::npos) << a.body;  // the catalogue's reply_days
    EXPECT_LT(a.body.find("Hej!"), a.body.find("Hello,"));                     // Swedish first
    EXPECT_EQ(mails[1].rcpt_tos, std::vector<std::string>{"info@forening-b.example"});
    EXPECT_NE(mails[1].body.find("Svarstid: 5 dagar"), std::string::npos) << mails[1].body;  // the default
    EXPECT_NE(mails[1].body.find("/requests/" + other), std::string::npos);

    // Not a byte of what either visitor gave, in any message, raw or decoded.
    for (const testing::ReceivedMail& mail : mails) {
        std::string everything = mail.raw + mail.body;
        for (const auto& [name, values] : mail.headers) {
            for (const std::string& value : values)
                everything += name + ": " + value + "\n";
        }
        for (const VisitorDetails& details : {visitor, caller}) {
            for (const std::string& personal : {details.name, details.reach, details.message}) {
                EXPECT_EQ(everything.find(personal), std::string::npos) << personal;
                const std::string word = personal.substr(0, personal.find(' '));
                EXPECT_EQ(everything.find(word), std::string::npos) << word;
            }
        }
        EXPECT_EQ(everything.find("0739"), std::string::npos);
        EXPECT_EQ(everything.find("4711"), std::string::npos);
    }
}

TEST_F(Notices, EachNoticeIsSentOnceEvenAfterARestart)
{
    deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    EXPECT_EQ(pass(k_now + 60).sent.size(), 1u);
    EXPECT_EQ(pass(k_now + 120).sent.size(), 0u);
    open_store();
    EXPECT_EQ(pass(k_now + 180).sent.size(), 0u);
    EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(Notices, ReminderAfterTheReplyTimeAndTheRegionAfterTwice)
{
    const std::string id = deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    EXPECT_EQ(pass(k_now).sent.size(), 1u);                     // arrival
    EXPECT_EQ(pass(k_now + 2 * k_day - 1).sent.size(), 0u);     // reply_days 2 not yet over
    const mail::NoticeReport reminder = pass(k_now + 2 * k_day);
    ASSERT_EQ(reminder.sent.size(), 1u);
    EXPECT_EQ(reminder.sent[0].kind, NoticeKind::reminder);
    EXPECT_EQ(pass(k_now + 4 * k_day - 1).sent.size(), 0u);
    const mail::NoticeReport escalation = pass(k_now + 4 * k_day);
    ASSERT_EQ(escalation.sent.size(), 1u);
    EXPECT_EQ(escalation.sent[0].kind, NoticeKind::escalation);
    EXPECT_EQ(pass(k_now + 40 * k_day).sent.size(), 0u);

    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 3u);
    EXPECT_EQ(mails[1].rcpt_tos, (std::vector<std::string>{"kontakt@forening-a.example", "ordf@forening-a.example"}));
    EXPECT_EQ(mails[1].header("subject"), "Påminnelse: kontaktförfrågan väntar på svar / Reminder: a contact request awaits a reply");
    EXPECT_EQ(mails[2].rcpt_tos, std::vector<std::string>{"lotsen@region.example"});
    EXPECT_EQ(mails[2].header("subject"), "Obesvarad kontaktförfrågan: Föreningen Ålgräs / Unanswered contact request: The Eelgrass Society");
    EXPECT_NE(mails[2].body.find("4 dagar, dubbla svarstiden (2 dagar)"), std::string::npos) << mails[2].body;
    EXPECT_NE(mails[2].body.find("/requests/" + id), std::string::npos);
}

TEST_F(Notices, AnOutcomeStopsTheReminders)
{
    const std::string id = deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    EXPECT_EQ(pass(k_now).sent.size(), 1u);
    ASSERT_TRUE(store->mark_handled(id, k_now + k_day).ok());
    EXPECT_EQ(pass(k_now + 10 * k_day).sent.size(), 0u);
    EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(Notices, AFailedSendIsTriedAgainOnTheNextPass)
{
    deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    const std::string good_url = settings.mail->url;
    {
        testing::SmtpSink gone{LOTSEN_SOURCE_DIR};
        ASSERT_NE(gone.port(), 0);
        settings.mail->url = gone.url();
    }  // nothing listens there now
    const mail::NoticeReport failed = pass(k_now);
    EXPECT_TRUE(failed.sent.empty());
    ASSERT_EQ(failed.problems.size(), 1u);
    EXPECT_NE(failed.problems[0].find("was not sent (tried again next pass)"), std::string::npos) << failed.problems[0];

    settings.mail->url = good_url;
    EXPECT_EQ(pass(k_now + 60).sent.size(), 1u);
    EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(Notices, ARefusedRecipientIsAProblemNotASentNotice)
{
    recipients.associations["forening-a"] = {"reject@forening-a.example"};
    deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    const mail::NoticeReport report = pass(k_now);
    EXPECT_TRUE(report.sent.empty());
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("550 5.1.1"), std::string::npos) << report.problems[0];
    recipients.associations["forening-a"] = {"kontakt@forening-a.example"};
    EXPECT_EQ(pass(k_now + 60).sent.size(), 1u);
}

TEST_F(Notices, AnAssociationWithoutAddressesWaits)
{
    deliver("forening-c", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    const mail::NoticeReport report = pass(k_now);
    EXPECT_TRUE(report.sent.empty());
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("association forening-c has no contact address"), std::string::npos);
    recipients.associations["forening-c"] = {"c@forening-c.example"};
    EXPECT_EQ(pass(k_now + 60).sent.size(), 1u);
}

TEST_F(Notices, AClaimACrashLeftIsReportedAndNotSentAgain)
{
    const std::string id = deliver("forening-a", VisitorDetails{.name = "N", .channel = "phone", .reach = "1", .message = ""}, k_now);
    const std::string sql = "INSERT INTO sent_notices(event_id, kind, state, sent_at) VALUES ('" + id + "', 'arrival', 'sending', 1)";
    ASSERT_EQ(sqlite3_exec(store->connection(), sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    const mail::NoticeReport report = pass(k_now);
    EXPECT_TRUE(report.sent.empty());
    EXPECT_EQ(report.interrupted, std::vector<std::string>{id + " arrival"});
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(Notices, WithoutMailOrOfficeUrlThePassRefuses)
{
    settings.notices.office_url.clear();
    EXPECT_FALSE(mail::run_notices(*store, settings, k_now, recipients, &catalogue).ok());
    settings.notices.office_url = "https://x.example";
    settings.mail.reset();
    EXPECT_FALSE(mail::run_notices(*store, settings, k_now, recipients, &catalogue).ok());
}

}  // namespace
}  // namespace lotsen::hub::test
