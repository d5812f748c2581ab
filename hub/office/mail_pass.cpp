// mail_pass.cpp — the office's e-mail pass: notices, kiosk alerts and freshness e-mails, each on its own.
#include "hub/office/mail_pass.hpp"

#include "core/base/terminal_text.hpp"
#include "hub/mail/notices.hpp"
#include "hub/office/fleet_alerts.hpp"
#include "hub/office/freshness_mail.hpp"

#include <cstddef>

namespace lotsen::hub::office {

namespace {

std::string count(std::size_t n)
{
    return std::to_string(n);
}

// "STEP: what failed", without saying the step twice when the error names it already.
std::string failed(const std::string& step, const Error& error)
{
    const std::string text = escape_for_terminal(error.text());
    return text.rfind(step + ":", 0) == 0 ? text : step + ": " + text;
}

void notices(HubStore& hub, const mail::OfficeMailSettings& settings, const MailPassInput& input, UnixSeconds now,
             AccountRecipients& recipients, std::vector<std::string>& lines)
{
    const auto report = mail::run_notices(hub, settings, now, recipients, input.catalogue);
    if (!report) {
        lines.push_back(failed("notices", report.error()));
        return;
    }
    for (const mail::SentNotice& notice : report.value().sent)
        lines.push_back(std::string("sent the ") + mail::notice_kind_name(notice.kind) + " notice for "
                        + escape_for_terminal(notice.event_id) + " to " + count(notice.to.size()) + " address(es)");
    for (const std::string& problem : report.value().problems)
        lines.push_back("notice not sent (tried again next pass): " + escape_for_terminal(problem));
    for (const std::string& claim : report.value().interrupted)
        lines.push_back("notice " + escape_for_terminal(claim) + " was interrupted by a crash and is not sent again");
}

void kiosk_alerts(HubStore& hub, const mail::OfficeMailSettings& settings, const MailPassInput& input, UnixSeconds now,
                  AccountRecipients& recipients, std::vector<std::string>& lines)
{
    const auto alerts = run_kiosk_alerts(hub, settings, now, input.kiosk_silent_minutes, recipients);
    if (!alerts) {
        lines.push_back(failed("kiosk alerts", alerts.error()));
        return;
    }
    for (const SentKioskAlert& alert : alerts.value().sent)
        lines.push_back(std::string("sent the ") + (alert.back ? "back" : "silent") + " alert for the kiosk at "
                        + escape_for_terminal(alert.site) + " to " + count(alert.to.size()) + " address(es)");
    for (const std::string& problem : alerts.value().problems)
        lines.push_back("kiosk alert not sent: " + escape_for_terminal(problem));
    for (const std::string& claim : alerts.value().interrupted)
        lines.push_back("kiosk alert " + escape_for_terminal(claim) + " was interrupted by a crash and is not sent again");
}

void freshness_mails(HubStore& hub, const mail::OfficeMailSettings& settings, const MailPassInput& input,
                     UnixSeconds now, AccountRecipients& recipients, std::vector<std::string>& lines)
{
    const auto mails = run_freshness_mails(hub, settings, input.data_dir, now, input.remind_after_days, recipients);
    if (!mails) {
        lines.push_back(failed("freshness e-mails", mails.error()));
        return;
    }
    for (const SentFreshnessMail& sent : mails.value().sent)
        lines.push_back("sent the freshness e-mail to association " + escape_for_terminal(sent.association) + " ("
                        + count(sent.remind.size()) + " to check, " + count(sent.withheld.size()) + " not shown) to "
                        + count(sent.to.size()) + " address(es)");
    for (const std::string& problem : mails.value().problems)
        lines.push_back("freshness e-mail not sent: " + escape_for_terminal(problem));
    for (const std::string& claim : mails.value().interrupted)
        lines.push_back("freshness e-mail " + escape_for_terminal(claim)
                        + " was interrupted by a crash and is not sent again");
}

}  // namespace

std::vector<std::string> run_mail_pass(HubStore& hub, const mail::OfficeMailSettings& settings, const MailPassInput& input,
                                       UnixSeconds now, AccountRecipients& recipients)
{
    std::vector<std::string> lines;
    notices(hub, settings, input, now, recipients, lines);
    if (!recipients.problem().empty())
        lines.push_back(escape_for_terminal(recipients.problem()));
    kiosk_alerts(hub, settings, input, now, recipients, lines);
    freshness_mails(hub, settings, input, now, recipients, lines);
    return lines;
}

}  // namespace lotsen::hub::office
