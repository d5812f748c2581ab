// message.cpp — builds the RFC 5322 text of one e-mail (message.hpp).
#include "hub/mail/message.hpp"

#include "hub/mail/mail_settings.hpp"
#include "core/base/text_checks.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>

namespace lotsen::hub::mail {

namespace {

constexpr std::size_t k_base64_line = 76;   // RFC 2045 6.8: at most 76 characters a line
constexpr std::size_t k_line_limit = 76;    // RFC 2047 2: a line holding encoded-words is at most 76

std::string base64(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

bool printable_ascii(std::string_view text)
{
    for (const unsigned char c : text) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

// The domain of an address, for the Message-ID.
std::string domain_of(const std::string& address)
{
    const auto at = address.rfind('@');
    return at == std::string::npos ? std::string("lotsen.invalid") : address.substr(at + 1);
}

}  // namespace

std::string rfc5322_date(UnixSeconds t)
{
    static constexpr std::array<const char*, 7> k_days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char*, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = stockholm::utc_offset_at(t);
    const LocalDateTime local = stockholm::to_local(t);
    // 1970-01-01 was a Thursday; days since then give the weekday.
    const std::int64_t days = (t + offset) >= 0 ? (t + offset) / 86400 : ((t + offset) - 86399) / 86400;
    const int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 0 = Monday
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +%02d%02d", k_days[weekday], local.date.day,
                  k_months[local.date.month - 1], local.date.year, local.time.hour(), local.time.minute(),
                  static_cast<int>(((t % 60) + 60) % 60), offset / 3600, (offset % 3600) / 60);
    return text;
}

std::string encode_header_text(const std::string& text, std::size_t prefix_length)
{
    if (printable_ascii(text))
        return text;
    // "=?UTF-8?B?" + base64 + "?=": 12 characters around the base64, whose every 4 characters hold 3
    // bytes. A word is cut back so that no UTF-8 sequence is split between two (RFC 2047 5 (3)).
    constexpr std::size_t k_overhead = 12;
    std::string out;
    std::string_view rest = text;
    std::size_t room = k_line_limit - prefix_length;  // the first line also holds "Subject: "
    while (!rest.empty()) {
        const std::size_t max_bytes = room > k_overhead + 4 ? (room - k_overhead) / 4 * 3 : 3;
        std::string_view chunk = utf8_prefix(rest, max_bytes);
        if (chunk.empty())
            chunk = utf8_prefix(rest, 4);  // a narrow first line: one character, on a line of its own next
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(chunk) + "?=";
        rest.remove_prefix(chunk.size());
        room = k_line_limit - 1;  // continuation lines start with one space
    }
    return out;
}

Result<std::string> build_message(const MailMessage& message, UnixSeconds date)
{
    LOTSEN_TRY(check_address(message.from));
    if (message.to.empty())
        return Error{"a message needs at least one recipient"};
    std::string to;
    for (const std::string& address : message.to) {
        LOTSEN_TRY(check_address(address));
        to += (to.empty() ? "" : ",\r\n ") + address;
    }
    if (message.subject.find_first_of("\r\n") != std::string::npos)
        return Error{"a subject is one line"};
    if (find_invalid_utf8(message.subject) != std::string::npos || find_invalid_utf8(message.body) != std::string::npos)
        return Error{"a message's subject and body must be UTF-8"};

    std::array<unsigned char, 16> random{};
    randombytes_buf(random.data(), random.size());
    std::string id;
    char hex[3];
    for (const unsigned char byte : random) {
        std::snprintf(hex, sizeof hex, "%02x", byte);
        id += hex;
    }

    // The body with CRLF line ends, then base64 in lines of 76.
    std::string body;
    for (const char c : message.body) {
        if (c == '\n' && (body.empty() || body.back() != '\r'))
            body += '\r';
        body += c;
    }
    const std::string encoded = base64(body);

    std::string out;
    out += "Date: " + rfc5322_date(date) + "\r\n";
    out += "Message-ID: <" + id + "@" + domain_of(message.from) + ">\r\n";
    out += "From: " + message.from + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Subject: " + encode_header_text(message.subject, 9) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies to a robot
    out += "\r\n";
    for (std::size_t at = 0; at < encoded.size(); at += k_base64_line)
        out += encoded.substr(at, k_base64_line) + "\r\n";
    return out;
}

}  // namespace lotsen::hub::mail
