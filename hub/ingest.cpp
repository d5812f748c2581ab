// ingest.cpp — POST /v1/events, step by step as docs/protocol.md orders it. The order of the checks
// matters: everything that can refuse a request with 401 runs before anything is written, and the
// write itself is one transaction that also records the signature, so "nothing was stored" holds for
// every 401, including a replay that races its original.
#include "hub/ingest.hpp"
#include "core/base/json_parse.hpp"

#include "core/wire/protocol.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace lotsen::hub {

namespace {

using Json = nlohmann::json;

// How long a request signature is remembered: a request is accepted while its timestamp is within
// the window of the hub clock, so twice the window after it was seen it can no longer be replayed.
constexpr std::int64_t k_signature_retention_seconds = 2 * protocol::k_timestamp_window_seconds;

IngestResponse refuse(int status, std::string code, std::string message, UnixSeconds now, const std::string& prefix)
{
    IngestResponse response = error_response(status, std::move(code), std::move(message), now);
    response.kiosk_prefix = prefix;
    return response;
}

// A member of a check-in's data object as text; "" when absent. decode_batch has checked the types,
// this only refuses to trust that blindly.
std::string optional_string(const Json& data, const char* name)
{
    const auto it = data.find(name);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Turns one decoded event into a row; an error names the event and what is wrong with it.
Result<EventToStore> to_row(const protocol::WireEvent& event, UnixSeconds received_at, UnixSeconds sent_at)
{
    EventToStore row;
    row.id = event.id;
    row.kind = std::string(protocol::wire_kind_name(event.kind));
    row.created_at = event.created_at;
    row.clock_synchronised = event.clock_synchronised;
    // A Pi without a battery clock may be days off: shift its times by how far its clock was from the
    // hub's when the batch was sent (docs/protocol.md, "Replays and clock skew").
    row.created_at_corrected = event.clock_synchronised ? event.created_at : event.created_at + (received_at - sent_at);

    switch (event.kind) {
    case protocol::WireKind::checkin: {
        const Json data = parse_json_or_null(event.data);
        if (!data.is_object())
            return Error{"event " + event.id + ": data is not a JSON object"};
        row.activity_id = optional_string(data, "activity_id");
        if (row.activity_id.empty())
            return Error{"event " + event.id + ": data.activity_id is missing"};
        row.organisation_id = optional_string(data, "organisation_id");
        if (const auto first = data.find("first_visit"); first != data.end() && first->is_boolean())
            row.first_visit = first->get<bool>();
        row.how_heard = optional_string(data, "how_heard");
        row.mood = optional_string(data, "mood");
        break;
    }
    case protocol::WireKind::missed: {
        const Json data = parse_json_or_null(event.data);
        if (!data.is_object())
            return Error{"event " + event.id + ": data is not a JSON object"};
        row.wish.interest = optional_string(data, "interest");
        row.wish.weekday = optional_string(data, "weekday");
        row.wish.day_part = optional_string(data, "day_part");
        row.wish.language = optional_string(data, "language");
        if (row.wish.interest.empty() && row.wish.weekday.empty() && row.wish.day_part.empty())
            return Error{"event " + event.id + ": data names neither interest, weekday nor day_part"};
        row.data = event.data;
        break;
    }
    case protocol::WireKind::heartbeat: {
        const Json data = parse_json_or_null(event.data);
        if (!data.is_object())
            return Error{"event " + event.id + ": data is not a JSON object"};
        row.data = event.data;
        break;
    }
    case protocol::WireKind::contact_request:
        // The hub cannot look inside the sealed box without the secret key, which `serve` does not
        // hold; the inbox checks the sealed ids against these when it opens the box.
        if (event.organisation_id.empty())
            return Error{"event " + event.id + ": organisation_id is missing"};
        if (event.receipt_code.empty())
            return Error{"event " + event.id + ": receipt_code is missing"};
        if (event.sealed.empty())
            return Error{"event " + event.id + ": sealed is empty"};
        row.organisation_id = event.organisation_id;
        row.receipt_code = event.receipt_code;
        row.sealed = event.sealed;
        break;
    }
    return row;
}

IngestResponse ingest_checked(HubStore& store, const IngestRequest& request, UnixSeconds now, const IngestOptions& options)
{
    const std::string prefix = kiosk_prefix(request.kiosk);
    if (request.method != "POST" || request.path != protocol::k_events_path)
        return refuse(404, "bad_request", "only POST /v1/events takes batches", now, prefix);

    auto auth = protocol::parse_auth_headers(request.kiosk, request.timestamp, request.signature);
    if (!auth)
        return refuse(401, "bad_signature", auth.error().text() + "; nothing was stored", now, prefix);

    const std::int64_t offset = auth.value().timestamp - now;
    if (offset > protocol::k_timestamp_window_seconds || offset < -protocol::k_timestamp_window_seconds) {
        return refuse(401, "stale_timestamp",
                      std::string(protocol::k_header_timestamp) + " " + std::to_string(auth.value().timestamp) + " is "
                          + std::to_string(offset < 0 ? -offset : offset) + " s " + (offset < 0 ? "behind" : "ahead of")
                          + " the hub clock; at most " + std::to_string(protocol::k_timestamp_window_seconds)
                          + " s are accepted; nothing was stored",
                      now, prefix);
    }

    // Looked up by the canonical encoding of the decoded key, not by the header text, so a key
    // cannot slip past under a second spelling.
    const std::string kiosk_key = protocol::to_base64(auth.value().kiosk);
    auto kiosk = store.find_active_kiosk(kiosk_key);
    if (!kiosk) {
        IngestResponse response = refuse(500, "internal", "the hub could not look the kiosk up", now, prefix);
        response.log_detail = kiosk.error().text();
        return response;
    }
    if (!kiosk.value())
        return refuse(401, "unknown_kiosk", "kiosk " + kiosk_key + " is not enrolled at this hub; nothing was stored", now,
                      prefix);

    if (!protocol::verify_request(auth.value(), request.method, request.path, request.body))
        return refuse(401, "bad_signature",
                      "the signature does not verify for this kiosk, timestamp and body; nothing was stored", now, prefix);

    const std::string signature = protocol::to_base64(auth.value().signature);
    auto seen = store.signature_seen(signature);
    if (!seen) {
        IngestResponse response = refuse(500, "internal", "the hub could not check for a replay", now, prefix);
        response.log_detail = seen.error().text();
        return response;
    }
    if (seen.value())
        return refuse(401, "replay", "this signed request was seen before; sign it again with a new timestamp; "
                      "nothing was stored", now, prefix);

    auto decoded = protocol::decode_batch(request.body);
    if (!decoded)
        return refuse(400, "bad_request", decoded.error().text(), now, prefix);
    const std::size_t event_count =
        decoded.value().batch.events.size() + decoded.value().rejected.size() + decoded.value().deferred.size();
    if (event_count > protocol::k_max_events_per_batch) {
        return refuse(413, "too_large",
                      "the batch holds " + std::to_string(event_count) + " events; at most "
                          + std::to_string(protocol::k_max_events_per_batch) + " are accepted per request",
                      now, prefix);
    }

    protocol::BatchReply reply;
    reply.server_time = now;
    reply.rejected = std::move(decoded.value().rejected);
    reply.deferred = std::move(decoded.value().deferred);
    BatchToStore batch;
    batch.kiosk = kiosk_key;
    batch.signature = signature;
    batch.request_timestamp = auth.value().timestamp;
    batch.received_at = now;
    batch.sent_at = decoded.value().batch.sent_at;
    batch.events.reserve(decoded.value().batch.events.size());
    for (const protocol::WireEvent& event : decoded.value().batch.events) {
        if (std::find(options.held_kinds.begin(), options.held_kinds.end(), event.kind) != options.held_kinds.end()) {
            reply.deferred.push_back({event.id, held_reason(event.kind)});
            continue;
        }
        auto row = to_row(event, now, batch.sent_at);
        if (!row) {
            reply.rejected.push_back({event.id, row.error().text()});
            continue;
        }
        batch.events.push_back(std::move(row.value()));
    }

    auto stored = store.store_batch(batch, k_signature_retention_seconds);
    if (!stored) {
        IngestResponse response = refuse(500, "internal", "the hub could not store the batch; retry later", now, prefix);
        response.log_detail = stored.error().text();
        return response;
    }
    if (stored.value().replay)
        return refuse(401, "replay", "this signed request was seen before; nothing was stored", now, prefix);

    reply.accepted = std::move(stored.value().accepted);
    reply.duplicate = std::move(stored.value().duplicate);
    IngestResponse response;
    response.status = 200;
    response.kiosk_prefix = prefix;
    response.accepted = reply.accepted.size();
    response.duplicate = reply.duplicate.size();
    response.rejected = reply.rejected.size();
    response.deferred = reply.deferred.size();
    if (!decoded.value().ignored.empty())
        response.ignored = decoded.value().ignored.summary();
    response.body = protocol::encode_reply(reply);
    return response;
}

}  // namespace

IngestResponse error_response(int status, std::string code, std::string message, UnixSeconds now)
{
    IngestResponse response;
    response.status = status;
    response.error = code;
    response.body = protocol::encode_error_reply(protocol::ErrorReply{std::move(code), std::move(message), now});
    return response;
}

std::string held_reason(protocol::WireKind kind)
{
    return "held by the operator: this hub takes no " + std::string(protocol::wire_kind_name(kind))
           + " events for now (lotsen-hub serve --hold-kind); keep it and offer it again later";
}

IngestResponse ingest_events(HubStore& store, const IngestRequest& request, UnixSeconds now, const IngestOptions& options)
{
    // Errors are values here; an exception (out of memory, a JSON library surprise) must still end as
    // a 500 for this request, never take the server down.
    IngestResponse response;
    try {
        response = ingest_checked(store, request, now, options);
    } catch (const std::exception& e) {
        response = error_response(500, "internal", "the hub failed handling the batch", now);
        response.kiosk_prefix = kiosk_prefix(request.kiosk);
        response.log_detail = e.what();
    }
    // Signed over what the kiosk sent, whether or not its request was good: the time is no secret,
    // and a kiosk far off in time needs it most when its request is refused as stale.
    if (options.time_key != nullptr && !request.time_nonce.empty()) {
        std::string signed_time = protocol::sign_hub_time(*options.time_key, now, request.signature, request.time_nonce);
        if (!signed_time.empty())
            response.headers.emplace_back(protocol::k_header_hub_time, std::move(signed_time));
    }
    return response;
}

std::string kiosk_prefix(std::string_view kiosk_header)
{
    constexpr std::size_t k_prefix_length = 8;
    std::string prefix;
    for (char c : kiosk_header) {
        if (prefix.size() == k_prefix_length)
            break;
        const bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                            || c == '/' || c == '=';
        prefix += base64 ? c : '?';  // the header is untrusted: keep control characters out of the log
    }
    return prefix.empty() ? std::string("-") : prefix;
}

std::string log_line(const IngestResponse& response)
{
    std::string line = "kiosk " + response.kiosk_prefix + " " + std::to_string(response.status);
    if (response.status == 200) {
        line += " accepted=" + std::to_string(response.accepted) + " duplicate=" + std::to_string(response.duplicate)
                + " rejected=" + std::to_string(response.rejected);
        if (response.deferred > 0)
            line += " deferred=" + std::to_string(response.deferred);
        if (!response.ignored.empty())
            line += " ignored: " + response.ignored;
    } else {
        line += " " + response.error;
        // The message names headers, sizes and JSON paths, never contents of a contact request.
        const Json body = parse_json_or_null(response.body);
        if (body.is_object() && body.contains("message") && body["message"].is_string())
            line += ": " + body["message"].get<std::string>();
        if (!response.log_detail.empty())
            line += " (" + response.log_detail + ")";
    }
    return line;
}

}  // namespace lotsen::hub
