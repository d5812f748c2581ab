// notices.hpp — the e-mails about contact requests, one pass at a time (the office runs a pass every
// [notices] interval_minutes): a notice to the association when a request arrives, a reminder when its
// reply time has passed without an outcome, and a message to the region when it has passed twice over.
// The reply time is the association's `reply_days` in the published catalogue, else [notices]
// default_reply_days, counted from when the hub received the request.
//
// No personal data ever goes into a notice: only the association, the site, when, and a link to the
// request in the office (office_url/requests/<event id>), where the reader must log in. Texts are
// Swedish first, English below, in every message (a recipient's language is not known).
//
// Each notice is sent exactly once (table sent_notices, hub_store.cpp): claimed as 'sending' before
// the message goes out and marked 'sent' after. A send that fails releases its claim and is tried
// again on the next pass; a claim a crash left behind is reported and never sent again, since the
// message may have gone out.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/mail/mail_settings.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::mail {

/// Who is told: the office connects this to its accounts (users table); tests pass their own.
class NoticeRecipients {
public:
    virtual ~NoticeRecipients() = default;
    /// The contact addresses of an association (catalogue id); empty when it has none.
    virtual std::vector<std::string> association_addresses(const std::string& organisation_id) = 0;
    /// The region's addresses; [notices] region_addresses are added to these.
    virtual std::vector<std::string> region_addresses() = 0;
};

/// The three notices.
enum class NoticeKind { arrival, reminder, escalation };

/// Its name in sent_notices and in reports: "arrival", "reminder", "escalation".
const char* notice_kind_name(NoticeKind kind);

/// One notice a pass sent.
struct SentNotice {
    std::string event_id;
    NoticeKind kind = NoticeKind::arrival;
    std::vector<std::string> to;
};

/// What a pass did.
struct NoticeReport {
    std::vector<SentNotice> sent;
    std::vector<std::string> problems;     ///< notices not sent this time (retried next pass), and why
    std::vector<std::string> interrupted;  ///< "event id kind" claims a crash left: not sent again
};

/// Sends every notice due at `now` that has not been sent. `catalogue` (the published one) gives the
/// associations' names and reply_days; without it ids and the default are used. Fails only when
/// nothing can be sent at all (no [mail], no office_url) or the database fails; a refused message is
/// one of report.problems.
Result<NoticeReport> run_notices(HubStore& store, const OfficeMailSettings& settings, UnixSeconds now,
                                 NoticeRecipients& recipients, const Catalogue* catalogue = nullptr);

}  // namespace lotsen::hub::mail
