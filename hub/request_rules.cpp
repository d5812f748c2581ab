// request_rules.cpp — the header-level rules of the hub's requests (see request_rules.hpp).
#include "hub/request_rules.hpp"

#include "core/base/text_checks.hpp"

#include <algorithm>
#include <charconv>

namespace lotsen::hub {

namespace {

std::string wire_too_large_message(std::size_t wire_length, std::size_t limit)
{
    return "the request body is " + std::to_string(wire_length) + " bytes on the wire; at most " + std::to_string(limit)
           + " are accepted";
}

}  // namespace

Refusal refuse_headers(const HeaderLines& headers, const HeaderCaps& caps)
{
    std::size_t bytes = 0;
    std::size_t lengths = 0;
    bool transfer_encoding = false;
    for (const auto& [name, value] : headers) {
        bytes += name.size() + value.size();
        const std::string lower = ascii_lower(name);
        lengths += lower == "content-length" ? 1 : 0;
        transfer_encoding = transfer_encoding || lower == "transfer-encoding";
    }
    if (headers.size() > caps.max_count)
        return {431, "bad_request", "the request has " + std::to_string(headers.size()) + " header lines; at most "
                                        + std::to_string(caps.max_count) + " are accepted"};
    if (bytes > caps.max_bytes)
        return {431, "bad_request", "the request's header names and values are " + std::to_string(bytes)
                                        + " bytes; at most " + std::to_string(caps.max_bytes) + " are accepted"};
    if (lengths > 1)
        return {400, "bad_request", "the request has " + std::to_string(lengths) + " Content-Length headers; send exactly one"};
    if (lengths == 1 && transfer_encoding)
        return {400, "bad_request", "the request has both Content-Length and Transfer-Encoding; send only Content-Length"};
    return {};
}

BodyPlan plan_events_body(const std::string* content_encoding, const std::string* transfer_encoding,
                          const std::string* content_length, std::size_t max_wire_bytes, std::size_t drain_factor)
{
    BodyPlan plan;
    const std::string encoding = content_encoding ? ascii_lower(trim_header_value(*content_encoding)) : std::string();
    if (!encoding.empty() && encoding != "gzip" && encoding != "identity") {
        plan.refusal = {400, "bad_request",
                        "Content-Encoding '" + encoding.substr(0, 40) + "' is not accepted; send gzip or no encoding"};
        return plan;
    }
    if ((transfer_encoding && ascii_lower(trim_header_value(*transfer_encoding)).find("chunked") != std::string::npos)
        || content_length == nullptr) {
        plan.refusal = {411, "bad_request", "a request body needs a Content-Length (chunked bodies are not accepted)"};
        return plan;
    }
    std::size_t wire_length = 0;
    const char* first = content_length->data();
    const char* last = first + content_length->size();
    const auto [end, ec] = std::from_chars(first, last, wire_length);
    if (content_length->empty() || ec != std::errc{} || end != last) {
        plan.refusal = {400, "bad_request", "Content-Length is not a number"};
        return plan;
    }
    if (wire_length / drain_factor > max_wire_bytes
        || (wire_length / drain_factor == max_wire_bytes && wire_length % drain_factor != 0)) {
        plan.refusal = {413, "too_large", wire_too_large_message(wire_length, max_wire_bytes)};
        return plan;
    }
    plan.gzipped = encoding == "gzip";
    plan.wire_length = wire_length;
    return plan;
}

bool is_readable_range(std::string_view header)
{
    std::string text;
    for (const char c : header) {
        if (c != ' ' && c != '\t')
            text += c;
    }
    text = ascii_lower(text);
    constexpr std::string_view prefix = "bytes=";
    if (text.rfind(prefix, 0) != 0)
        return false;
    std::string_view list = std::string_view(text).substr(prefix.size());
    while (true) {
        const std::size_t comma = list.find(',');
        const std::string_view spec = list.substr(0, comma);
        const std::size_t dash = spec.find('-');
        if (dash == std::string_view::npos)
            return false;
        const std::string_view from = spec.substr(0, dash);
        const std::string_view to = spec.substr(dash + 1);
        // The same reading of a position as interpret_range's, so what it honours is never 416.
        const std::optional<std::uint64_t> first = decimal_u64(from);
        const std::optional<std::uint64_t> last = decimal_u64(to);
        if ((from.empty() && to.empty()) || (!from.empty() && !first) || (!to.empty() && !last))
            return false;
        if (first && last && *first > *last)
            return false;
        if (comma == std::string_view::npos)
            return true;
        list = list.substr(comma + 1);
    }
}

}  // namespace lotsen::hub
