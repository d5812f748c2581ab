// web.hpp — the office's HTTP plumbing that does not need a socket: the one escaping door for HTML
// (every dynamic text on a page goes through html()), form bodies and query strings, cookies, the
// client's address behind a trusted proxy, and the browser's language.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub::office {

/// `text` escaped for HTML text and for attribute values in double quotes: & < > " ' become
/// entities, and control characters other than tab and newline are dropped.
std::string html(std::string_view text);

/// Percent-decodes `text` ('+' is a space, as in forms); a broken escape is kept as it is.
std::string percent_decode(std::string_view text);

/// Percent-encodes `text` for a URL path segment or query value (unreserved characters stay).
std::string percent_encode(std::string_view text);

/// The fields of an application/x-www-form-urlencoded body or a query string. A field given twice
/// keeps its first value (a second one cannot override what the page sent). Line breaks arrive as
/// the catalogue keeps them (form_line_breaks).
std::map<std::string, std::string> parse_form(std::string_view body);

/// `value` with every CR LF and lone CR turned into LF. Browsers send a textarea's line breaks as
/// CR LF (HTML's form submission normalises them so); the catalogue's texts hold LF, and refuse CR
/// as a control character.
std::string form_line_breaks(std::string value);

/// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

/// A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure when `secure`; `max_age_seconds` 0
/// removes the cookie, negative makes it last as long as the browser runs.
std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds = -1);

/// The client's address: the peer's, unless the peer is `trusted_proxy` and sent X-Forwarded-For, in
/// which case the address the proxy itself saw (the header's last entry, the one it appended).
std::string client_address(const std::string& peer, const std::optional<std::string>& forwarded_for,
                           const std::string& trusted_proxy);

/// "sv" or "en" from an Accept-Language header (by q value), or `fallback`.
std::string language_from_header(std::string_view accept_language, const std::string& fallback);

}  // namespace lotsen::hub::office
