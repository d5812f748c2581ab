// smtp.hpp — sends one built message over SMTP with libcurl ([mail] of office.toml): STARTTLS is
// required for any server not on loopback (smtps:// is TLS from the start), the password is read
// from its file for each send, and connecting and the whole transfer have time limits. A refusal
// names the server's own reply ("550 5.1.1 …").
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/mail/message.hpp"

namespace lotsen::hub::mail {

/// Builds `message` (build_message) dated `now` and sends it through `settings`' server to every
/// address in message.to. Ok only when the server accepted the message for delivery.
Result<void> send_mail(const MailSettings& settings, const MailMessage& message, UnixSeconds now);

}  // namespace lotsen::hub::mail
