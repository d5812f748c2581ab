// The office wired to hub/mail and hub/retention: its accounts are the notices' recipients (an
// association's enabled users, the region's), the invitation goes out by e-mail when [mail] is set,
// and retention erases the outcome's note together with the sealed box. Over a real hub.db and a
// real SMTP server on loopback.
#include "tests/hub/contact_test_support.hpp"
#include "hub/mail/notices.hpp"
#include "hub/office/office_mail.hpp"
#include "hub/office/office_store.hpp"
#include "hub/retention.hpp"
#include "tests/common/files.hpp"
#include "tests/common/smtp_sink.hpp"

#include <sqlite3.h>

namespace lotsen::hub::test {
namespace {

constexpr std::int64_t k_day = 86400;

class OfficeMail : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        ASSERT_NE(sink.port(), 0) << sink.problem();
        auto opened = HubStore::open((dir / "hub.db").string());
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        store = std::move(opened.value());
        office = std::make_unique<office::OfficeStore>(*store);
        kiosk = protocol::generate_signing_key_pair();
        ASSERT_TRUE(store->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Varbergs bibliotek", "", k_now - 400 * k_day).ok());
        crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());
        settings.mail = mail::MailSettings{.url = sink.url(), .from = "lotsen@region.example", .username = "",
                                           .password_file = "", .timeout_seconds = 10};
        settings.notices.default_reply_days = 3;
    }

    std::int64_t add_user(const std::string& email, office::Role role, const std::string& organisation)
    {
        auto id = office->add_user(office::NewUser{.email = email, .display_name = "Namn " + email, .role = role,
                                                   .organisation_id = organisation},
                                   k_now - 30 * k_day);
        EXPECT_TRUE(id.ok()) << id.error().text();
        return id.ok() ? id.value() : 0;
    }

    std::string deliver(const std::string& organisation, const VisitorDetails& visitor, UnixSeconds received_at)
    {
        const protocol::WireEvent event = sealed_contact_request(keys, organisation, visitor, received_at - 60);
        deliver_through_ingest(*store, kiosk, event, received_at);
        return event.id;
    }

    testing::TempDir dir{"lotsen-office-mail"};
    testing::SmtpSink sink{LOTSEN_SOURCE_DIR};
    std::unique_ptr<HubStore> store;
    std::unique_ptr<office::OfficeStore> office;
    protocol::SigningKeyPair kiosk;
    SealKeyPair keys;
    mail::OfficeMailSettings settings;
};

TEST_F(OfficeMail, TheAssociationsEnabledUsersAreToldAndTheRegionWhenItIsLate)
{
    add_user("anna@schack.example", office::Role::association, "schackklubben");
    add_user("bo@schack.example", office::Role::association, "schackklubben");
    add_user("slutat@schack.example", office::Role::association, "schackklubben");
    ASSERT_TRUE(office->disable_user("slutat@schack.example", k_now - k_day).ok());
    add_user("cilla@stickcafe.example", office::Role::association, "stickcafet");
    add_user("region@halland.example", office::Role::region, "");

    const std::string id = deliver("schackklubben", {.name = "Dora", .channel = "phone", .reach = "0700-000 000", .message = ""}, k_now);
    office::AccountRecipients recipients(*office);
    const auto configured = office::with_office_url(settings, "https://kontor.halland.example");
    EXPECT_EQ(configured.notices.office_url, "https://kontor.halland.example");

    auto arrival = mail::run_notices(*store, configured, k_now + 60, recipients);
    ASSERT_TRUE(arrival.ok()) << arrival.error().text();
    EXPECT_TRUE(recipients.problem().empty()) << recipients.problem();
    auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    // Only this association's enabled users: not the one who left, not another association's.
    EXPECT_EQ(mails[0].rcpt_tos, (std::vector<std::string>{"anna@schack.example", "bo@schack.example"}));
    EXPECT_NE(mails[0].body.find("https://kontor.halland.example/requests/" + id), std::string::npos) << mails[0].body;

    // Twice the reply time (3 days, the default) without an outcome: the region's users are told.
    ASSERT_TRUE(mail::run_notices(*store, configured, k_now + 7 * k_day, recipients).ok());
    mails = sink.messages();
    ASSERT_EQ(mails.size(), 3u);  // the reminder to the association, then the region's message
    EXPECT_EQ(mails[2].rcpt_tos, std::vector<std::string>{"region@halland.example"});
}

TEST_F(OfficeMail, AnOfficeUrlInTheFileIsKept)
{
    settings.notices.office_url = "https://annan.example";
    EXPECT_EQ(office::with_office_url(settings, "https://kontor.halland.example").notices.office_url, "https://annan.example");
}

TEST_F(OfficeMail, TheInvitationIsEMailedInTheUsersLanguageOnlyWithMail)
{
    const std::int64_t id = add_user("eva@schack.example", office::Role::association, "schackklubben");
    auto user = office->find_user(id);
    ASSERT_TRUE(user.ok() && user.value());
    const std::string link = "https://kontor.halland.example/invite/abc123";

    auto sent = office::send_invitation(settings, *user.value(), link, 7, k_now);
    ASSERT_TRUE(sent.ok()) << sent.error().text();
    EXPECT_TRUE(sent.value());
    auto mails = sink.messages();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"eva@schack.example"});
    EXPECT_EQ(mails[0].header("subject"), "Inbjudan till Lotsens kontor");
    EXPECT_NE(mails[0].body.find(link), std::string::npos) << mails[0].body;

    ASSERT_TRUE(office->set_user_language(id, "en").ok());
    user = office->find_user(id);
    ASSERT_TRUE(office::send_invitation(settings, *user.value(), link, 7, k_now).ok());
    mails = sink.messages();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_NE(mails[1].header("subject"), "Inbjudan till Lotsens kontor");

    mail::OfficeMailSettings without = settings;
    without.mail.reset();
    sent = office::send_invitation(without, *user.value(), link, 7, k_now);
    ASSERT_TRUE(sent.ok());
    EXPECT_FALSE(sent.value());
    EXPECT_EQ(sink.messages().size(), 2u);
}

TEST_F(OfficeMail, RetentionErasesTheOutcomesNoteWithTheSealedBox)
{
    const std::int64_t user = add_user("anna@schack.example", office::Role::association, "schackklubben");
    const std::string id = deliver("schackklubben", {.name = "Dora", .channel = "phone", .reach = "0700-000 000", .message = ""}, k_now);
    const std::string note = "Ringde Dora Zackrisson, ses tisdag 18:00";
    auto set = office->set_outcome(id, office::Outcome::contacted, note, user, k_now + k_day);
    ASSERT_TRUE(set.ok() && set.value());

    mail::RetentionSettings limits;  // 30 days after closed
    auto early = run_retention(*store, limits, k_now + 10 * k_day, {.dry_run = false, .more_columns = office::personal_columns()});
    ASSERT_TRUE(early.ok()) << early.error().text();
    EXPECT_TRUE(early.value().erased.empty());
    auto kept = office->request(id);
    ASSERT_TRUE(kept.ok() && kept.value());
    EXPECT_EQ(kept.value()->outcome_note, note);

    auto due = run_retention(*store, limits, k_now + 32 * k_day, {.dry_run = false, .more_columns = office::personal_columns()});
    ASSERT_TRUE(due.ok()) << due.error().text();
    EXPECT_EQ(due.value().erased, std::vector<std::string>{id});
    auto erased = office->request(id);
    ASSERT_TRUE(erased.ok() && erased.value());
    EXPECT_EQ(erased.value()->outcome_note, "");
    EXPECT_TRUE(erased.value()->erased_at.has_value());  // the request page says "erased", not "damaged"
    EXPECT_EQ(erased.value()->outcome, std::optional<office::Outcome>(office::Outcome::contacted));  // the anonymous fact stays
}

}  // namespace
}  // namespace lotsen::hub::test
