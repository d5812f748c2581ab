// web.cpp — escaping, forms, cookies, addresses and languages for the office (see web.hpp).
#include "hub/office/web.hpp"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>

namespace lotsen::hub::office {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// The address in canonical text form, so "::ffff:10.0.0.1" and "10.0.0.1" compare as one.
std::string canonical_address(std::string text)
{
    if (text.rfind("::ffff:", 0) == 0 && text.find('.') != std::string::npos)
        text = text.substr(7);
    in6_addr v6{};
    in_addr v4{};
    char out[INET6_ADDRSTRLEN] = {};
    if (::inet_pton(AF_INET, text.c_str(), &v4) == 1 && ::inet_ntop(AF_INET, &v4, out, sizeof out))
        return out;
    if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1 && ::inet_ntop(AF_INET6, &v6, out, sizeof out))
        return out;
    return {};
}

}  // namespace

std::string html(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                break;
            out += c;
        }
    }
    return out;
}

std::string percent_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0
                   && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string percent_encode(std::string_view text)
{
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 15];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_form(std::string_view body)
{
    std::map<std::string, std::string> fields;
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty())
            continue;
        const std::size_t equals = pair.find('=');
        const std::string name = percent_decode(pair.substr(0, equals));
        const std::string value = equals == std::string_view::npos ? std::string() : percent_decode(pair.substr(equals + 1));
        fields.emplace(name, form_line_breaks(value));  // the first value wins
    }
    return fields;
}

std::string form_line_breaks(std::string value)
{
    if (value.find('\r') == std::string::npos)
        return value;
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\r') {
            out += value[i];
            continue;
        }
        out += '\n';
        if (i + 1 < value.size() && value[i + 1] == '\n')
            ++i;
    }
    return out;
}

std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name)
{
    while (!cookie_header.empty()) {
        const std::size_t semicolon = cookie_header.find(';');
        const std::string_view pair = trim(cookie_header.substr(0, semicolon));
        cookie_header = semicolon == std::string_view::npos ? std::string_view{} : cookie_header.substr(semicolon + 1);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name)
            return std::string(trim(pair.substr(equals + 1)));
    }
    return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds)
{
    std::string text = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
    if (secure)
        text += "; Secure";
    if (max_age_seconds >= 0)
        text += "; Max-Age=" + std::to_string(max_age_seconds);
    return text;
}

std::string client_address(const std::string& peer, const std::optional<std::string>& forwarded_for,
                           const std::string& trusted_proxy)
{
    const std::string from = canonical_address(peer);
    if (trusted_proxy.empty() || !forwarded_for || from.empty() || from != canonical_address(trusted_proxy))
        return from.empty() ? peer : from;
    // The proxy appends the address it saw; what comes before it was sent by the client and proves nothing.
    std::string_view list = *forwarded_for;
    const std::size_t comma = list.rfind(',');
    const std::string last(trim(comma == std::string_view::npos ? list : list.substr(comma + 1)));
    const std::string seen = canonical_address(last);
    return seen.empty() ? from : seen;
}

std::string language_from_header(std::string_view accept_language, const std::string& fallback)
{
    std::string best = fallback;
    double best_q = -1.0;
    while (!accept_language.empty()) {
        const std::size_t comma = accept_language.find(',');
        std::string_view item = trim(accept_language.substr(0, comma));
        accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
        double q = 1.0;
        if (const std::size_t semicolon = item.find(';'); semicolon != std::string_view::npos) {
            const std::string_view parameter = trim(item.substr(semicolon + 1));
            if (parameter.rfind("q=", 0) == 0)
                q = std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
            item = trim(item.substr(0, semicolon));
        }
        std::string tag(item.substr(0, 2));
        for (char& c : tag)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if ((tag == "sv" || tag == "en") && (item.size() == 2 || item[2] == '-') && q > best_q && q > 0) {
            best = tag;
            best_q = q;
        }
    }
    return best;
}

}  // namespace lotsen::hub::office
