// freshness_mail.cpp — "please check your listings" and "these listings are no longer shown" (see
// freshness_mail.hpp).
#include "hub/office/freshness_mail.hpp"

#include "core/catalogue/freshness.hpp"
#include "core/sqlite/sqlite_db.hpp"
#include "hub/freshness.hpp"
#include "hub/mail/message.hpp"
#include "hub/mail/smtp.hpp"

#include <sqlite3.h>

#include <map>

namespace lotsen::hub::office {

namespace {

using sqlite::Statement;

constexpr std::string_view k_subject = "freshness e-mails";

struct Due {
    const ListingFreshness* listing = nullptr;
    const char* kind = "remind";  // or "withheld"
    std::string period;           // the last-checked date
};

// "" when nothing was claimed for this listing, kind and period; else its state.
Result<std::string> mail_state(sqlite3* db, const Due& due)
{
    auto s = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                           "SELECT state FROM freshness_mails WHERE organisation_id = ?1 AND activity_id = ?2 "
                                           "AND kind = ?3 AND last_checked = ?4",
                                           "reading freshness e-mails"));
    s.bind(1, due.listing->association);
    s.bind(2, due.listing->activity);
    s.bind(3, due.kind);
    s.bind(4, due.period);
    if (!LOTSEN_TRY(s.step("reading freshness e-mails")))
        return std::string();
    return std::string(s.text(0));
}

Result<bool> claim(sqlite3* db, const Due& due, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                           "INSERT INTO freshness_mails(organisation_id, activity_id, kind, last_checked, state, "
                                           "sent_at) VALUES (?1, ?2, ?3, ?4, 'sending', ?5) ON CONFLICT DO NOTHING",
                                           "claiming a freshness e-mail"));
    s.bind(1, due.listing->association);
    s.bind(2, due.listing->activity);
    s.bind(3, due.kind);
    s.bind(4, due.period);
    s.bind(5, now);
    LOTSEN_TRY(s.run("claiming a freshness e-mail"));
    return sqlite3_changes(db) == 1;
}

Result<void> settle(sqlite3* db, const Due& due, bool sent, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        sent ? "UPDATE freshness_mails SET state = 'sent', sent_at = ?5 WHERE organisation_id = ?1 AND activity_id = ?2 "
               "AND kind = ?3 AND last_checked = ?4"
             : "DELETE FROM freshness_mails WHERE organisation_id = ?1 AND activity_id = ?2 AND kind = ?3 "
               "AND last_checked = ?4 AND state = 'sending' AND ?5 IS NOT NULL",
        "recording a freshness e-mail"));
    s.bind(1, due.listing->association);
    s.bind(2, due.listing->activity);
    s.bind(3, due.kind);
    s.bind(4, due.period);
    s.bind(5, now);
    return s.run("recording a freshness e-mail");
}

// A title from the catalogue, made safe for a plain-text line.
std::string one_line(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return out;
}

std::string listing_line(const ListingFreshness& listing, std::string_view language, const Date& today)
{
    const std::string title = listing.title.empty() ? listing.activity : one_line(listing.title.get(language));
    std::string line = "- " + title + " (" + listing.activity + ")";
    if (listing.last_checked) {
        const std::int64_t days = days_since_checked(*listing.last_checked, today);
        line += language == "sv" ? ", senast kontrollerad " + listing.last_checked->to_string() + ", för " +
                                       std::to_string(days) + " dagar sedan"
                                 : ", last checked " + listing.last_checked->to_string() + ", " + std::to_string(days) +
                                       " days ago";
    }
    return line + "\n";
}

mail::MailMessage compose(const std::string& association, const std::vector<Due>& remind, const std::vector<Due>& withheld,
                          const Date& today, int remind_days, int withhold_days, const std::string& link)
{
    mail::MailMessage message;
    const bool asks = !remind.empty();
    message.subject = withheld.empty() ? "Stämmer era aktiviteter fortfarande? / Are your listings still correct?"
                                       : "Aktiviteter visas inte längre på kioskerna / Listings no longer shown on the kiosks";
    std::string sv = "Hej!\n\n";
    std::string en;
    if (!withheld.empty()) {
        sv += "De här aktiviteterna visas inte längre på kioskerna, eftersom ingen har kontrollerat dem på mer än " +
              std::to_string(withhold_days) + " dagar:\n";
        en += "These listings are no longer shown on the kiosks, since nobody has checked them for more than " +
              std::to_string(withhold_days) + " days:\n";
        for (const Due& due : withheld) {
            sv += listing_line(*due.listing, "sv", today);
            en += listing_line(*due.listing, "en", today);
        }
        sv += "Stämmer de fortfarande, tryck \"Stämmer fortfarande\" i kontoret så visas de igen efter nästa publicering.\n\n";
        en += "If they are still correct, press \"Still correct\" in the office and they are shown again after the next "
              "publication.\n\n";
    }
    if (asks) {
        sv += "De här aktiviteterna kontrollerades senast för mer än " + std::to_string(remind_days) +
              " dagar sedan. Titta gärna om de stämmer:\n";
        en += "These listings were last checked more than " + std::to_string(remind_days) +
              " days ago. Please look whether they are still right:\n";
        for (const Due& due : remind) {
            sv += listing_line(*due.listing, "sv", today);
            en += listing_line(*due.listing, "en", today);
        }
        sv += "Stämmer en aktivitet, tryck \"Stämmer fortfarande\"; har något ändrats, ändra den.\n\n";
        en += "If a listing is right, press \"Still correct\"; if something has changed, edit it.\n\n";
    }
    sv += "Era aktiviteter i kontoret: " + link + "\n(Föreningen " + association + ".)\n";
    en += "Your listings in the office: " + link + "\n(Association " + association + ".)\n";
    message.body = sv + "\n-- English --\n\n" + en;
    return message;
}

}  // namespace

Result<FreshnessMailReport> run_freshness_mails(HubStore& store, const mail::OfficeMailSettings& settings,
                                                const std::string& data_dir, UnixSeconds now, int remind_after_days,
                                                mail::NoticeRecipients& recipients)
{
    if (!settings.mail)
        return Error{"freshness e-mails need [mail] in office.toml"};
    sqlite3* db = store.connection();
    const ListingChecks checks = LOTSEN_TRY(read_listing_checks(db));
    const ListingsOverview overview = read_listings(data_dir, checks);
    const Date today = stockholm::to_local(now).date;
    const int withhold_days = overview.withhold_after_days > 0 ? overview.withhold_after_days : k_default_withhold_after_days;
    FreshnessMailReport report;

    // What is due, per association, in catalogue order.
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::vector<Due>, std::vector<Due>>> due;  // remind, withheld
    for (const ListingFreshness& listing : overview.listings) {
        if (!listing.last_checked)
            continue;
        const bool stale = older_than(*listing.last_checked, today, withhold_days);
        Due one{&listing, "remind", listing.last_checked->to_string()};
        if (listing.withheld && stale)
            one.kind = "withheld";  // what the last publication really left out, not what the next one might
        else if (!older_than(*listing.last_checked, today, remind_after_days))
            continue;
        const std::string state = LOTSEN_TRY(mail_state(db, one));
        if (state == "sending") {
            report.interrupted.push_back(listing.association + " " + listing.activity + " " + one.kind + " " + one.period);
            continue;
        }
        if (!state.empty())
            continue;
        if (!due.contains(listing.association))
            order.push_back(listing.association);
        auto& lists = due[listing.association];
        (std::string_view(one.kind) == "withheld" ? lists.second : lists.first).push_back(one);
    }

    const std::string link = settings.notices.office_url + "/freshness";
    for (const std::string& association : order) {
        auto& [remind, withheld] = due[association];
        const std::vector<std::string> to = recipients.association_addresses(association);
        if (to.empty()) {
            report.problems.push_back("the freshness e-mail to association " + association +
                                      " waits: the association has no account with an address");
            continue;
        }
        std::vector<Due> claimed_remind;
        std::vector<Due> claimed_withheld;
        for (const Due& one : remind) {
            if (LOTSEN_TRY(claim(db, one, now)))
                claimed_remind.push_back(one);
        }
        for (const Due& one : withheld) {
            if (LOTSEN_TRY(claim(db, one, now)))
                claimed_withheld.push_back(one);
        }
        if (claimed_remind.empty() && claimed_withheld.empty())
            continue;  // another pass got there first
        mail::MailMessage message = compose(association, claimed_remind, claimed_withheld, today, remind_after_days,
                                                withhold_days, link);
        message.from = settings.mail->from;
        message.to = to;
        const auto sent = mail::send_mail(*settings.mail, message, now);
        for (const std::vector<Due>* list : {&claimed_remind, &claimed_withheld}) {
            for (const Due& one : *list)
                LOTSEN_TRY(settle(db, one, sent.ok(), now));
        }
        if (!sent.ok()) {
            report.problems.push_back("the freshness e-mail to association " + association +
                                      " was not sent (tried again next pass): " + sent.error().text());
            continue;
        }
        SentFreshnessMail done{association, {}, {}, to};
        for (const Due& one : claimed_remind)
            done.remind.push_back(one.listing->activity);
        for (const Due& one : claimed_withheld)
            done.withheld.push_back(one.listing->activity);
        report.sent.push_back(std::move(done));
    }
    return report;
}

}  // namespace lotsen::hub::office
