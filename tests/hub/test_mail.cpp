// E-mail: office.toml's [mail], [notices] and [retention] are read with file-and-line problems, and
// messages sent through libcurl arrive at a real SMTP server on loopback (tests/common/smtp_sink.py)
// as sound RFC 5322 text whose Swedish subject and body Python's email package decodes back.
#include "hub/mail/mail_settings.hpp"
#include "hub/mail/message.hpp"
#include "hub/mail/smtp.hpp"
#include "tests/common/files.hpp"
#include "tests/common/smtp_sink.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace lotsen::hub::mail {
namespace {

constexpr UnixSeconds k_now = 1763553600;  // 2025-11-19 12:00 UTC, a Wednesday

MailSettings sink_settings(const testing::SmtpSink& sink)
{
    return MailSettings{.url = sink.url(), .from = "lotsen@region.example", .username = "", .password_file = "",
                        .timeout_seconds = 10};
}

TEST(MailSettings, ReadsTheThreeSectionsAndLeavesOfficeToTheOffice)
{
    const auto parsed = parse_mail_settings(R"(
[office]
listen = "127.0.0.1:8090"
whatever_the_office_reads = true

[mail]
url = "smtps://mail.region.example:465"
from = "lotsen@region.example"
username = "lotsen"
password_file = "/etc/lotsen/smtp-password"

[notices]
region_addresses = ["kontakt@region.example", "dso@region.example"]
default_reply_days = 4
interval_minutes = 10
office_url = "https://lotsen.region.example/"

[retention]
days_after_closed = 14
days_after_received = 60
backup_days = 7
backup_dir = "/var/backups/lotsen"
)", "office.toml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().text();
    const OfficeMailSettings& settings = parsed.value();
    ASSERT_TRUE(settings.mail.has_value());
    EXPECT_EQ(settings.mail->url, "smtps://mail.region.example:465");
    EXPECT_EQ(settings.mail->username, "lotsen");
    EXPECT_EQ(settings.notices.region_addresses.size(), 2u);
    EXPECT_EQ(settings.notices.default_reply_days, 4);
    EXPECT_EQ(settings.notices.office_url, "https://lotsen.region.example");  // trailing slash dropped
    EXPECT_EQ(settings.retention.days_after_closed, 14);
    EXPECT_EQ(settings.retention.days_after_received, 60);
    EXPECT_EQ(settings.retention.backup_days, 7);
}

TEST(MailSettings, DefaultsWithoutTheFile)
{
    const auto settings = read_mail_settings("/nonexistent/office.toml");
    ASSERT_TRUE(settings.ok()) << settings.error().text();
    EXPECT_FALSE(settings.value().mail.has_value());
    EXPECT_EQ(settings.value().retention.days_after_closed, 30);
    EXPECT_EQ(settings.value().retention.days_after_received, 90);
}

TEST(MailSettings, NamesFileLineAndKeyOfEveryProblem)
{
    const auto parsed = parse_mail_settings("[mail]\n"
                                            "url = \"http://mail.example\"\n"
                                            "from = \"not an address\"\n"
                                            "pasword_file = \"x\"\n"
                                            "[retention]\n"
                                            "days_after_closed = 0\n"
                                            "days_after_received = \"90\"\n",
                                            "/srv/hub/office.toml");
    ASSERT_FALSE(parsed.ok());
    const std::string text = parsed.error().text();
    EXPECT_NE(text.find("/srv/hub/office.toml:2: [mail] url: must be smtp://"), std::string::npos) << text;
    EXPECT_NE(text.find("/srv/hub/office.toml:3: [mail] from:"), std::string::npos) << text;
    EXPECT_NE(text.find("/srv/hub/office.toml:4: [mail] pasword_file: unknown key"), std::string::npos) << text;
    EXPECT_NE(text.find("/srv/hub/office.toml:6: [retention] days_after_closed: 0 is outside 1..3650"), std::string::npos) << text;
    EXPECT_NE(text.find("/srv/hub/office.toml:7: [retention] days_after_received: must be a whole number"), std::string::npos) << text;
}

TEST(MailSettings, LoopbackHosts)
{
    EXPECT_TRUE(is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(is_loopback_host("localhost"));
    EXPECT_TRUE(is_loopback_host("[::1]"));
    EXPECT_FALSE(is_loopback_host("127.example.se"));
    EXPECT_FALSE(is_loopback_host("mail.region.example"));
}

TEST(MailMessage, RefusesWhatCouldAddAHeader)
{
    MailMessage message{.from = "lotsen@region.example", .to = {"a@forening.example"},
                        .subject = "Hej\r\nBcc: everyone@example.com", .body = "text"};
    EXPECT_FALSE(build_message(message, k_now).ok());
    message.subject = "Hej";
    message.to = {"a@forening.example>\r\nBcc: x@example.com"};
    EXPECT_FALSE(build_message(message, k_now).ok());
    message.to = {"a@forening.example"};
    EXPECT_TRUE(build_message(message, k_now).ok());
}

TEST(MailMessage, DateIsSwedishLocalTimeInRfc5322Form)
{
    EXPECT_EQ(rfc5322_date(k_now), "Wed, 19 Nov 2025 13:00:00 +0100");
    EXPECT_EQ(rfc5322_date(1751371200), "Tue, 01 Jul 2025 14:00:00 +0200");  // 12:00 UTC, summer time
}

TEST(MailMessage, LongSwedishSubjectIsFoldedIntoShortEncodedWords)
{
    std::string subject;
    for (int i = 0; i < 12; ++i)
        subject += "Påminnelse: förfrågan väntar på svar ";
    const std::string encoded = "Subject: " + encode_header_text(subject, 9);
    std::size_t line_start = 0;
    while (line_start < encoded.size()) {
        const auto end = encoded.find("\r\n", line_start);
        const std::string line = encoded.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
        EXPECT_LE(line.size(), 76u) << line;  // RFC 2047 2, also the first line with its "Subject: "
        line_start = end == std::string::npos ? encoded.size() : end + 2;
    }
    EXPECT_EQ(encode_header_text("Plain ASCII", 9), "Plain ASCII");
}

class Smtp : public ::testing::Test {
protected:
    testing::SmtpSink sink{LOTSEN_SOURCE_DIR};
};

TEST_F(Smtp, SwedishMessageArrivesWhole)
{
    ASSERT_NE(sink.port(), 0) << sink.problem();
    std::string subject = "Ny kontaktförfrågan – Föreningen Ålgräs & Öster";
    for (int i = 0; i < 4; ++i)
        subject += " – långt ämne så att det viks på flera rader";
    const std::string body = "Hej!\n\nEn besökare vill bli kontaktad. Räksmörgås ÅÄÖ åäö.\n.\n..en rad som börjar med punkt\n";
    const MailMessage message{.from = "lotsen@region.example", .to = {"kontakt@forening.example", "ordf@forening.example"},
                              .subject = subject, .body = body};
    const auto sent = send_mail(sink_settings(sink), message, k_now);
    ASSERT_TRUE(sent.ok()) << sent.error().text();

    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    const testing::ReceivedMail& mail = mails.front();
    EXPECT_TRUE(mail.defects.empty()) << mail.defects.front();
    EXPECT_EQ(mail.mail_from, "lotsen@region.example");
    EXPECT_EQ(mail.rcpt_tos, (std::vector<std::string>{"kontakt@forening.example", "ordf@forening.example"}));
    EXPECT_EQ(mail.header("subject"), subject);
    EXPECT_EQ(mail.header("from"), "lotsen@region.example");
    EXPECT_EQ(mail.header("to"), "kontakt@forening.example, ordf@forening.example");
    EXPECT_EQ(mail.header("date"), "Wed, 19 Nov 2025 13:00:00 +0100");
    EXPECT_EQ(mail.header("content-type"), "text/plain; charset=\"UTF-8\"");
    const std::string id = mail.header("message-id");
    EXPECT_TRUE(id.size() > 20 && id.front() == '<' && id.back() == '>' && id.find("@region.example>") != std::string::npos) << id;
    EXPECT_EQ(mail.body, body);
    // Every line of what travelled ends in CRLF, and no line is longer than RFC 5322's 78.
    std::size_t start = 0;
    for (std::size_t at = 0; at < mail.raw.size(); ++at) {
        if (mail.raw[at] == '\n') {
            ASSERT_TRUE(at > 0 && mail.raw[at - 1] == '\r') << "bare LF at byte " << at;
            EXPECT_LE(at - 1 - start, 78u) << mail.raw.substr(start, at - start);
            start = at + 1;
        }
    }
    EXPECT_EQ(mail.raw.find("Räksmörgås"), std::string::npos);  // not 8-bit on the wire
}

TEST_F(Smtp, TwoMessagesGetDifferentMessageIds)
{
    ASSERT_NE(sink.port(), 0) << sink.problem();
    const MailMessage message{.from = "lotsen@region.example", .to = {"a@forening.example"}, .subject = "Hej", .body = "x"};
    ASSERT_TRUE(send_mail(sink_settings(sink), message, k_now).ok());
    ASSERT_TRUE(send_mail(sink_settings(sink), message, k_now).ok());
    const auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_NE(mails[0].header("message-id"), mails[1].header("message-id"));
}

TEST_F(Smtp, RefusalNamesTheServersReply)
{
    ASSERT_NE(sink.port(), 0) << sink.problem();
    const MailMessage message{.from = "lotsen@region.example", .to = {"reject-me@forening.example"}, .subject = "Hej", .body = "x"};
    const auto sent = send_mail(sink_settings(sink), message, k_now);
    ASSERT_FALSE(sent.ok());
    EXPECT_NE(sent.error().text().find("550 5.1.1 <reject-me@forening.example>: no such mailbox here"), std::string::npos)
        << sent.error().text();
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(Smtp, NoServerIsAnErrorNamingTheUrl)
{
    ASSERT_NE(sink.port(), 0) << sink.problem();
    MailSettings settings = sink_settings(sink);
    {
        testing::SmtpSink other{LOTSEN_SOURCE_DIR};
        ASSERT_NE(other.port(), 0);
        settings.url = other.url();
    }  // stopped: nothing listens on its port now
    const MailMessage message{.from = "lotsen@region.example", .to = {"a@forening.example"}, .subject = "Hej", .body = "x"};
    const auto sent = send_mail(settings, message, k_now);
    ASSERT_FALSE(sent.ok());
    EXPECT_NE(sent.error().text().find("SMTP " + settings.url), std::string::npos) << sent.error().text();
}

TEST_F(Smtp, PasswordFileReadableByOthersIsRefusedBeforeConnecting)
{
    ASSERT_NE(sink.port(), 0) << sink.problem();
    testing::TempDir dir("lotsen-mail");
    const std::string password = (dir / "password").string();
    ASSERT_TRUE(testing::write_file(password, "secret\n"));
    ::chmod(password.c_str(), 0644);
    MailSettings settings = sink_settings(sink);
    settings.username = "lotsen";
    settings.password_file = password;
    const MailMessage message{.from = "lotsen@region.example", .to = {"a@forening.example"}, .subject = "Hej", .body = "x"};
    const auto sent = send_mail(settings, message, k_now);
    ASSERT_FALSE(sent.ok());
    EXPECT_NE(sent.error().text().find("readable by others"), std::string::npos) << sent.error().text();
    EXPECT_TRUE(sink.messages().empty());
}

}  // namespace
}  // namespace lotsen::hub::mail
