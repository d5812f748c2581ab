// mail_settings.hpp — the e-mail, notice and retention settings of DATA_DIR/office.toml: sections
// [mail] (the SMTP server), [notices] (who is told what, and how often) and [retention] (how long a
// request's personal data is kept). The office reads its own [office] section from the same file;
// this reader skips every other section, and names the file and line of an unknown key or a bad
// value in its own three. A missing file means the defaults and no mail.
#pragma once

#include "core/base/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub::mail {

/// [mail]: where and how messages are sent.
struct MailSettings {
    std::string url;            ///< smtp://host:port (STARTTLS required unless loopback) or smtps://host:port
    std::string from;           ///< the sender address, e.g. lotsen@region.example
    std::string username;       ///< empty: no authentication
    std::string password_file;  ///< a file holding the password (mode 0600); needed with username
    int timeout_seconds = 30;   ///< connect and whole-transfer limit of one message
};

/// [notices]: the e-mails about contact requests (hub/mail/notices.hpp).
struct NoticeSettings {
    std::vector<std::string> region_addresses;  ///< told when a reply time has passed twice over
    int default_reply_days = 5;                 ///< when the association's catalogue entry states none
    int interval_minutes = 15;                  ///< how often the office runs a notice pass
    std::string office_url;                     ///< the office's base URL; links are office_url/requests/<id>
};

/// [retention]: how long personal data is kept (hub/retention.hpp).
struct RetentionSettings {
    int days_after_closed = 30;    ///< erase this long after an outcome was set (handled_at)
    int days_after_received = 90;  ///< … or this long after the hub received it, whichever comes first
    int backup_days = 30;          ///< `lotsen-hub backup` copies older than this are deleted
    std::string backup_dir;        ///< where those copies are kept; empty: the hub deletes none
};

/// The three sections together.
struct OfficeMailSettings {
    std::optional<MailSettings> mail;  ///< none: no [mail] section, nothing can be sent
    NoticeSettings notices;
    RetentionSettings retention;
};

/// Parses office.toml text; `source` names the file in messages. Every problem is listed, one per
/// line, "SOURCE:LINE: [section] key: what is wrong".
Result<OfficeMailSettings> parse_mail_settings(const std::string& text, const std::string& source);

/// Reads `path` (DATA_DIR/office.toml); a missing file gives the defaults and no [mail].
Result<OfficeMailSettings> read_mail_settings(const std::string& path);

/// True when `host` (as written in a URL) is the loopback interface: localhost, 127.x.y.z, [::1].
bool is_loopback_host(const std::string& host);

/// A plain address check for what goes into headers and the SMTP envelope: local@domain, printable
/// ASCII, no spaces, angle brackets, commas or line breaks. The message says what is wrong.
Result<void> check_address(const std::string& address);

}  // namespace lotsen::hub::mail
