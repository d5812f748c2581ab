// message.hpp — one e-mail as RFC 5322 text: Date, Message-ID, From, To, a Subject encoded per
// RFC 2047 when it holds more than ASCII (Swedish å, ä, ö), MIME 1.0 with a UTF-8 text/plain body in
// base64 (RFC 2045; lines of 76), every line ending in CRLF. The SMTP dot-stuffing is libcurl's.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"

#include <string>
#include <vector>

namespace lotsen::hub::mail {

/// What a message says and to whom.
struct MailMessage {
    std::string from;             ///< one address
    std::vector<std::string> to;  ///< one or more addresses
    std::string subject;          ///< UTF-8, one line
    std::string body;             ///< UTF-8 text; "\n" line ends (sent as CRLF)
};

/// The message as it goes over SMTP. Refuses an address that check_address() refuses, a subject with
/// a line break, and text that is not UTF-8 (nothing from a message can add a header).
Result<std::string> build_message(const MailMessage& message, UnixSeconds date);

/// "Sun, 06 Dec 2026 02:41:05 +0100": `t` in Swedish local time as RFC 5322 writes a date.
std::string rfc5322_date(UnixSeconds t);

/// `text` as a header value after "NAME: " of `prefix_length` characters: itself when printable ASCII,
/// else RFC 2047 "B" encoded-words, each holding whole UTF-8 sequences, folded onto continuation lines
/// so that no line (the first one with its prefix) is longer than 76 characters.
std::string encode_header_text(const std::string& text, std::size_t prefix_length);

}  // namespace lotsen::hub::mail
