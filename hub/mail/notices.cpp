// notices.cpp — one notice pass (notices.hpp): which notices are due, their texts, sending each once.
#include "hub/mail/notices.hpp"

#include "hub/mail/smtp.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace lotsen::hub::mail {

namespace {

using sqlite::Statement;

constexpr std::string_view k_subject = "notices";
constexpr std::int64_t k_day = 86400;

// An open request as the pass sees it: routing and timing only, never the sealed box.
struct OpenRequest {
    std::string event_id;
    std::string organisation_id;
    std::string site;
    UnixSeconds received_at = 0;
    std::map<std::string, std::string> notices;  // kind → state (sending, sent)
};

Result<std::vector<OpenRequest>> open_requests(sqlite3* db)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "SELECT c.event_id, c.organisation_id, COALESCE(k.site, ''), c.received_at, n.kind, n.state "
        "FROM contact_requests c LEFT JOIN kiosks k ON k.public_key = c.kiosk "
        "LEFT JOIN sent_notices n ON n.event_id = c.event_id "
        "WHERE c.handled_at IS NULL AND c.erased_at IS NULL ORDER BY c.received_at, c.event_id",
        "listing requests without an outcome"));
    std::vector<OpenRequest> requests;
    while (LOTSEN_TRY(s.step("listing requests without an outcome"))) {
        const std::string id(s.text(0));
        if (requests.empty() || requests.back().event_id != id) {
            requests.push_back(OpenRequest{.event_id = id, .organisation_id = std::string(s.text(1)),
                                           .site = std::string(s.text(2)), .received_at = s.int64(3), .notices = {}});
        }
        if (!s.is_null(4))
            requests.back().notices[std::string(s.text(4))] = std::string(s.text(5));
    }
    return requests;
}

// Claims a notice; false when a row for it exists already.
Result<bool> claim(sqlite3* db, const std::string& event_id, const char* kind, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        "INSERT INTO sent_notices(event_id, kind, state, sent_at) VALUES (?1, ?2, 'sending', ?3) "
        "ON CONFLICT(event_id, kind) DO NOTHING",
        "claiming a notice"));
    s.bind(1, event_id);
    s.bind(2, kind);
    s.bind(3, now);
    LOTSEN_TRY(s.run("claiming the " + std::string(kind) + " notice of " + event_id));
    return sqlite3_changes(db) > 0;
}

Result<void> settle(sqlite3* db, const std::string& event_id, const char* kind, bool sent, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        sent ? "UPDATE sent_notices SET state = 'sent', sent_at = ?3 WHERE event_id = ?1 AND kind = ?2"
             : "DELETE FROM sent_notices WHERE event_id = ?1 AND kind = ?2 AND state = 'sending' AND ?3 IS NOT NULL",
        "recording a notice"));
    s.bind(1, event_id);
    s.bind(2, kind);
    s.bind(3, now);
    return s.run("recording the " + std::string(kind) + " notice of " + event_id);
}

// Text from the catalogue or a kiosk's site, made safe for a one-line subject.
std::string one_line(std::string text)
{
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return text;
}

std::string local_time(UnixSeconds t)
{
    const LocalDateTime local = stockholm::to_local(t);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", local.date.year, local.date.month, local.date.day,
                  local.time.hour(), local.time.minute());
    return text;
}

std::string association_name(const Catalogue* catalogue, const std::string& id, const char* language)
{
    if (catalogue) {
        if (const Organisation* organisation = catalogue->find_organisation(id)) {
            const std::string_view name = organisation->name.get(language);
            if (!name.empty())
                return one_line(std::string(name));
        }
    }
    return id;
}

// The subject and body of one notice: Swedish, then English.
MailMessage compose(NoticeKind kind, const OpenRequest& request, const Catalogue* catalogue, int reply_days,
                    const std::string& link)
{
    const std::string sv_name = association_name(catalogue, request.organisation_id, "sv");
    const std::string en_name = association_name(catalogue, request.organisation_id, "en");
    const std::string site = request.site.empty() ? std::string("?") : one_line(request.site);
    const std::string received = local_time(request.received_at);
    const std::string days = std::to_string(reply_days);
    const std::string twice = std::to_string(2 * reply_days);
    MailMessage message;
    std::string sv;
    std::string en;
    switch (kind) {
    case NoticeKind::arrival:
        message.subject = "Ny kontaktförfrågan till " + sv_name + " / New contact request for " + en_name;
        sv = "Hej!\n\n" + sv_name + " har fått en ny kontaktförfrågan via Lotsen.\n\n"
             "Plats: " + site + "\nInkom: " + received + "\nSvarstid: " + days + " dagar\n\n"
             "Logga in i Lotsens kontor för att se förfrågan och svara:\n" + link + "\n";
        en = "Hello,\n\n" + en_name + " has received a new contact request through Lotsen.\n\n"
             "Place: " + site + "\nReceived: " + received + "\nReply time: " + days + " days\n\n"
             "Log in to the Lotsen office to see the request and reply:\n" + link + "\n";
        break;
    case NoticeKind::reminder:
        message.subject = "Påminnelse: kontaktförfrågan väntar på svar / Reminder: a contact request awaits a reply";
        sv = "Hej!\n\nEn kontaktförfrågan till " + sv_name + " har inte fått något utfall, och svarstiden på " + days
             + " dagar har gått.\n\nPlats: " + site + "\nInkom: " + received + "\n\n"
             "Logga in i Lotsens kontor, kontakta besökaren och ange utfallet:\n" + link + "\n";
        en = "Hello,\n\nA contact request for " + en_name + " has no outcome yet, and its reply time of " + days
             + " days has passed.\n\nPlace: " + site + "\nReceived: " + received + "\n\n"
             "Log in to the Lotsen office, contact the visitor and record the outcome:\n" + link + "\n";
        break;
    case NoticeKind::escalation:
        message.subject = "Obesvarad kontaktförfrågan: " + sv_name + " / Unanswered contact request: " + en_name;
        sv = "Hej!\n\nEn kontaktförfrågan till " + sv_name + " har inte fått något utfall på " + twice
             + " dagar, dubbla svarstiden (" + days + " dagar). Föreningen har fått en påminnelse.\n\n"
             "Plats: " + site + "\nInkom: " + received + "\n\nFörfrågan i Lotsens kontor:\n" + link + "\n";
        en = "Hello,\n\nA contact request for " + en_name + " has had no outcome for " + twice
             + " days, twice its reply time (" + days + " days). The association has been reminded.\n\n"
             "Place: " + site + "\nReceived: " + received + "\n\nThe request in the Lotsen office:\n" + link + "\n";
        break;
    }
    const std::string privacy_sv = "\nAv integritetsskäl står inga uppgifter om besökaren i det här meddelandet.\n";
    const std::string privacy_en = "\nFor privacy, this message holds no details about the visitor.\n";
    message.body = sv + privacy_sv + "\n-- English --\n\n" + en + privacy_en
                   + "\n-- \nLotsen. Detta meddelande skickas automatiskt / This message is sent automatically.\n";
    return message;
}

std::vector<std::string> merged(std::vector<std::string> first, const std::vector<std::string>& second)
{
    for (const std::string& address : second) {
        if (std::find(first.begin(), first.end(), address) == first.end())
            first.push_back(address);
    }
    return first;
}

}  // namespace

const char* notice_kind_name(NoticeKind kind)
{
    switch (kind) {
    case NoticeKind::arrival:
        return "arrival";
    case NoticeKind::reminder:
        return "reminder";
    case NoticeKind::escalation:
        return "escalation";
    }
    return "arrival";
}

Result<NoticeReport> run_notices(HubStore& store, const OfficeMailSettings& settings, UnixSeconds now,
                                 NoticeRecipients& recipients, const Catalogue* catalogue)
{
    if (!settings.mail)
        return Error{"notices: office.toml has no [mail] section, so no notice can be sent"};
    if (settings.notices.office_url.empty())
        return Error{"notices: [notices] office_url is not set, so a notice could not link to its request"};
    sqlite3* db = store.connection();
    NoticeReport report;
    const std::vector<OpenRequest> requests = LOTSEN_TRY(open_requests(db));
    for (const OpenRequest& request : requests) {
        int reply_days = settings.notices.default_reply_days;
        if (catalogue) {
            if (const Organisation* organisation = catalogue->find_organisation(request.organisation_id);
                organisation && organisation->reply_days > 0)
                reply_days = organisation->reply_days;
        }
        std::vector<NoticeKind> due{NoticeKind::arrival};
        if (now >= request.received_at + reply_days * k_day)
            due.push_back(NoticeKind::reminder);
        if (now >= request.received_at + 2 * reply_days * k_day)
            due.push_back(NoticeKind::escalation);
        for (const NoticeKind kind : due) {
            const char* name = notice_kind_name(kind);
            if (const auto it = request.notices.find(name); it != request.notices.end()) {
                if (it->second == "sending")
                    report.interrupted.push_back(request.event_id + " " + name);
                continue;
            }
            const std::vector<std::string> to =
                kind == NoticeKind::escalation
                    ? merged(recipients.region_addresses(), settings.notices.region_addresses)
                    : merged(recipients.association_addresses(request.organisation_id), {});
            if (to.empty()) {
                report.problems.push_back(std::string("the ") + name + " notice of request " + request.event_id
                                          + " waits: "
                                          + (kind == NoticeKind::escalation
                                                 ? std::string("the region has no address")
                                                 : "association " + request.organisation_id + " has no contact address"));
                continue;
            }
            if (!LOTSEN_TRY(claim(db, request.event_id, name, now)))
                continue;  // another pass got there first
            MailMessage message = compose(kind, request, catalogue, reply_days,
                                          settings.notices.office_url + "/requests/" + request.event_id);
            message.from = settings.mail->from;
            message.to = to;
            const auto sent = send_mail(*settings.mail, message, now);
            LOTSEN_TRY(settle(db, request.event_id, name, sent.ok(), now));
            if (!sent.ok()) {
                report.problems.push_back(std::string("the ") + name + " notice of request " + request.event_id
                                          + " was not sent (tried again next pass): " + sent.error().text());
                continue;
            }
            report.sent.push_back(SentNotice{.event_id = request.event_id, .kind = kind, .to = to});
        }
    }
    return report;
}

}  // namespace lotsen::hub::mail
