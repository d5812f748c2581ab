// fleet_alerts.cpp — the silent and back e-mails about kiosks (see fleet_alerts.hpp).
#include "hub/office/fleet_alerts.hpp"

#include "core/sqlite/sqlite_db.hpp"
#include "hub/fleet.hpp"
#include "hub/mail/message.hpp"
#include "hub/mail/smtp.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace lotsen::hub::office {

namespace {

using sqlite::Statement;

constexpr std::string_view k_subject = "kiosk alerts";

// Text from a kiosk's enrolment, made safe for a one-line subject.
std::string one_line(std::string text)
{
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return text;
}

// The state of the alert of this kind for this silence: "", "sending" or "sent".
Result<std::string> alert_state(sqlite3* db, const std::string& key, const char* kind, UnixSeconds silent_since)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject, "SELECT state FROM kiosk_alerts WHERE public_key = ?1 AND kind = ?2 AND silent_since = ?3",
        "reading kiosk alerts"));
    s.bind(1, key);
    s.bind(2, kind);
    s.bind(3, silent_since);
    if (!LOTSEN_TRY(s.step("reading kiosk alerts")))
        return std::string();
    return std::string(s.text(0));
}

// The silences of this kiosk whose "silent" alert went out and whose "back" has not.
Result<std::vector<UnixSeconds>> silences_not_ended(sqlite3* db, const std::string& key)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "SELECT a.silent_since FROM kiosk_alerts a WHERE a.public_key = ?1 AND a.kind = 'silent' AND a.state = 'sent' "
        "AND NOT EXISTS (SELECT 1 FROM kiosk_alerts b WHERE b.public_key = a.public_key AND b.kind = 'back' "
        "AND b.silent_since = a.silent_since) ORDER BY a.silent_since",
        "reading kiosk alerts"));
    s.bind(1, key);
    std::vector<UnixSeconds> found;
    while (LOTSEN_TRY(s.step("reading kiosk alerts")))
        found.push_back(s.int64(0));
    return found;
}

Result<bool> claim(sqlite3* db, const std::string& key, const char* kind, UnixSeconds silent_since, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                           "INSERT INTO kiosk_alerts(public_key, kind, silent_since, state, sent_at) "
                                           "VALUES (?1, ?2, ?3, 'sending', ?4) ON CONFLICT DO NOTHING",
                                           "claiming a kiosk alert"));
    s.bind(1, key);
    s.bind(2, kind);
    s.bind(3, silent_since);
    s.bind(4, now);
    LOTSEN_TRY(s.run("claiming a kiosk alert"));
    return sqlite3_changes(db) == 1;
}

Result<void> settle(sqlite3* db, const std::string& key, const char* kind, UnixSeconds silent_since, bool sent, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        sent ? "UPDATE kiosk_alerts SET state = 'sent', sent_at = ?4 WHERE public_key = ?1 AND kind = ?2 AND silent_since = ?3"
             : "DELETE FROM kiosk_alerts WHERE public_key = ?1 AND kind = ?2 AND silent_since = ?3 AND state = 'sending' "
               "AND ?4 IS NOT NULL",
        "recording a kiosk alert"));
    s.bind(1, key);
    s.bind(2, kind);
    s.bind(3, silent_since);
    s.bind(4, now);
    return s.run("recording a kiosk alert");
}

std::vector<std::string> merged(std::vector<std::string> a, const std::vector<std::string>& b)
{
    for (const std::string& address : b) {
        if (std::find(a.begin(), a.end(), address) == a.end())
            a.push_back(address);
    }
    return a;
}

mail::MailMessage compose(const KioskRecord& kiosk, bool back, UnixSeconds silent_since, UnixSeconds now, const std::string& link)
{
    const std::string where = one_line(kiosk.site) + (kiosk.name.empty() ? "" : " / " + one_line(kiosk.name));
    const std::string since = format_local_time(silent_since);
    const std::string quiet = fleet_duration_text(now - silent_since);
    const std::string key = kiosk.public_key.substr(0, 8) + "…";
    mail::MailMessage message;
    if (!back) {
        message.subject = "Kiosken är tyst: " + where + " / A kiosk is silent: " + where;
        message.body = "Kiosken på " + where + " (nyckel " + key + ") har inte hörts av sedan " + since + " (" + quiet
                       + ").\nSe efter att den har ström och nät. Flottan i kontoret: " + link
                       + "\n\n-- English --\n\nThe kiosk at " + where + " (key " + key + ") has not been heard from since "
                       + since + " (" + quiet + ").\nCheck its power and network. The fleet in the office: " + link + "\n";
    } else {
        message.subject = "Kiosken hörs igen: " + where + " / A kiosk is back: " + where;
        message.body = "Kiosken på " + where + " (nyckel " + key + ") hörs av igen, efter tystnad sedan " + since
                       + ".\nFlottan i kontoret: " + link + "\n\n-- English --\n\nThe kiosk at " + where + " (key " + key
                       + ") is heard from again, after a silence since " + since + ".\nThe fleet in the office: " + link + "\n";
    }
    return message;
}

}  // namespace

Result<KioskAlertReport> run_kiosk_alerts(HubStore& store, const mail::OfficeMailSettings& settings, UnixSeconds now,
                                          int silent_minutes, mail::NoticeRecipients& recipients)
{
    if (!settings.mail)
        return Error{"kiosk alerts need [mail] in office.toml"};
    sqlite3* db = store.connection();
    const auto kiosks = LOTSEN_TRY(store.list_kiosks());
    KioskAlertReport report;
    const std::string link = settings.notices.office_url + "/fleet";
    std::vector<std::string> to;
    bool asked = false;
    auto send_alert = [&](const KioskRecord& kiosk, bool back, UnixSeconds silent_since) -> Result<void> {
        const char* kind = back ? "back" : "silent";
        const std::string what = std::string("the ") + kind + " alert of the kiosk at " + one_line(kiosk.site);
        if (!asked) {
            to = merged(recipients.region_addresses(), settings.notices.region_addresses);
            asked = true;
        }
        if (to.empty()) {
            report.problems.push_back(what + " waits: the region has no address");
            return success();
        }
        if (!LOTSEN_TRY(claim(db, kiosk.public_key, kind, silent_since, now)))
            return success();  // another pass got there first
        mail::MailMessage message = compose(kiosk, back, silent_since, now, link);
        message.from = settings.mail->from;
        message.to = to;
        const auto sent = mail::send_mail(*settings.mail, message, now);
        LOTSEN_TRY(settle(db, kiosk.public_key, kind, silent_since, sent.ok(), now));
        if (!sent.ok()) {
            report.problems.push_back(what + " was not sent (tried again next pass): " + sent.error().text());
            return success();
        }
        report.sent.push_back(SentKioskAlert{.public_key = kiosk.public_key, .site = kiosk.site, .back = back, .to = to});
        return success();
    };
    for (const KioskRecord& kiosk : kiosks) {
        if (kiosk.revoked_at)
            continue;
        const UnixSeconds silent_since = kiosk.last_seen_at.value_or(kiosk.enrolled_at);
        const bool silent = now - silent_since > static_cast<std::int64_t>(silent_minutes) * 60;
        if (silent) {
            const std::string state = LOTSEN_TRY(alert_state(db, kiosk.public_key, "silent", silent_since));
            if (state == "sending")
                report.interrupted.push_back(kiosk.public_key + " silent " + std::to_string(silent_since));
            else if (state.empty())
                LOTSEN_TRY(send_alert(kiosk, false, silent_since));
            continue;
        }
        // Heard from within the limit: every silence alerted about and not yet ended is over.
        for (const UnixSeconds earlier : LOTSEN_TRY(silences_not_ended(db, kiosk.public_key))) {
            const std::string state = LOTSEN_TRY(alert_state(db, kiosk.public_key, "back", earlier));
            if (state == "sending")
                report.interrupted.push_back(kiosk.public_key + " back " + std::to_string(earlier));
            else if (state.empty())
                LOTSEN_TRY(send_alert(kiosk, true, earlier));
        }
    }
    return report;
}

}  // namespace lotsen::hub::office
