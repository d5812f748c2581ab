// fuzz_hub_reply.cpp — libFuzzer target for the kiosk's handling of whatever comes back from a hub (or
// a proxy, or an attacker in between): protocol::decode_reply, decode_error_reply, parse_retry_after,
// the reply policy classify_reply and the wait it leads to (failure_delay).
//
// Input layout, so the seeds stay readable: "<status>\n<Retry-After>\n<body>". A first line that is not
// a number of at most three digits stands for no HTTP reply at all (transport error, line as message).
// A byte of the second line's length picks the failure count for the backoff.
#include "tests/fuzz/fuzz_support.hpp"
#include "core/wire/protocol.hpp"
#include "core/upload/uploader.hpp"

#include <random>

using namespace lotsen;

namespace {

constexpr std::int64_t k_now = 1763900000;  // 2025-11-23, any fixed time will do

// The next line of `text` (without its '\n'); the rest stays in `text`.
std::string_view take_line(std::string_view& text)
{
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
}

HttpReply reply_from(std::string_view text)
{
    HttpReply reply;
    const std::string_view status = take_line(text);
    reply.transport_ok = !status.empty() && status.size() <= 3;
    for (char c : status)
        reply.transport_ok = reply.transport_ok && c >= '0' && c <= '9';
    if (reply.transport_ok)
        reply.status = std::stol(std::string(status));
    else
        reply.transport_error = std::string(status);
    reply.retry_after = std::string(take_line(text));
    reply.body = std::string(text);
    return reply;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const HttpReply reply = reply_from(fuzz::as_text(data, size));

    if (auto decoded = protocol::decode_reply(reply.body)) {
        const std::string encoded = protocol::encode_reply(decoded.value());
        auto again = protocol::decode_reply(encoded);
        fuzz::require(again.ok() && protocol::encode_reply(again.value()) == encoded, "reply round trip");
    }
    if (auto decoded = protocol::decode_error_reply(reply.body)) {
        const std::string encoded = protocol::encode_error_reply(decoded.value());
        auto again = protocol::decode_error_reply(encoded);
        fuzz::require(again.ok() && protocol::encode_error_reply(again.value()) == encoded, "error reply round trip");
    }
    if (const auto seconds = protocol::parse_retry_after(reply.retry_after, k_now))
        fuzz::require(*seconds >= 0, "Retry-After is never negative");

    const ReplyAction action = classify_reply(reply, k_now);
    fuzz::require(action.kind != ReplyAction::Kind::deliver || (reply.transport_ok && reply.status == 200),
                  "only a 200 delivers");
    if (action.retry_after_seconds)
        fuzz::require(*action.retry_after_seconds >= 0 && *action.retry_after_seconds <= k_max_retry_after_seconds,
                      "Retry-After is clamped");
    std::mt19937_64 rng(size);
    const int failures = static_cast<int>(reply.retry_after.size() % 80);
    const auto wait = failure_delay(failures, std::chrono::seconds(1), std::chrono::minutes(5), action.retry_after_seconds, rng);
    fuzz::require(wait.count() >= 0, "a wait is never negative");
    return 0;
}
