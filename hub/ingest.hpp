// ingest.hpp — the hub's answer to one POST /v1/events, as docs/protocol.md specifies it: checks the
// authentication headers (time window, enrolled kiosk, signature, replay — refusing with 401 and
// storing nothing), decodes the batch (400), enforces the event count (413), checks each event on its
// own (rejections go back by id), defers what it does not know and the kinds its operator holds
// (deferrals go back by id, nothing of them is stored), corrects the creation time of events from
// unsynchronised clocks, and stores the batch in one transaction (duplicates by event id are
// reported, not stored again). Every answer carries the hub's clock signed over the request's
// signature and time nonce (X-Lotsen-Time) when the hub has a time key.
//
// No sockets and no clock: the server hands in the headers, the already decompressed body and the
// time, and writes out what comes back. That is what makes every rule here testable without HTTP.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/wire/protocol.hpp"
#include "hub/hub_store.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub {

/// One request as the server read it. Every field is untrusted.
struct IngestRequest {
    std::string_view method;
    std::string_view path;
    std::string_view kiosk;      ///< X-Lotsen-Kiosk
    std::string_view timestamp;  ///< X-Lotsen-Timestamp
    std::string_view signature;  ///< X-Lotsen-Signature
    std::string_view time_nonce; ///< X-Lotsen-Time-Nonce; empty when the kiosk sent none
    std::string_view body;       ///< decompressed JSON
};

/// How ingest treats what it could take.
struct IngestOptions {
    /// Kinds the operator holds (`serve --hold-kind`): answered as deferred, so kiosks keep them.
    std::vector<protocol::WireKind> held_kinds;
    /// The hub's time key: every answer to a request that carries a well-formed signature and time
    /// nonce gets X-Lotsen-Time, the hub's `now` signed over them. Null: no signed time.
    const protocol::SigningKeyPair* time_key = nullptr;
};

/// The reason a held event is deferred with.
std::string held_reason(protocol::WireKind kind);

/// What to answer, plus what the request log line needs.
struct IngestResponse {
    int status = 200;
    std::string body;                                         ///< JSON
    std::vector<std::pair<std::string, std::string>> headers; ///< beyond Content-Type
    std::string error;        ///< the protocol error code when status != 200
    std::string log_detail;   ///< for the operator's log only (never contact-request contents)
    std::string kiosk_prefix; ///< first characters of the kiosk key, for the log
    std::size_t accepted = 0;
    std::size_t duplicate = 0;
    std::size_t rejected = 0;
    std::size_t deferred = 0;
    std::string ignored;      ///< top-level batch members this hub does not know, summarised; "" when none
};

/// Handles one POST /v1/events at hub time `now`. Never throws; a store failure is a 500. With a
/// time key in `options`, the answer (whatever its status) carries the signed time.
IngestResponse ingest_events(HubStore& store, const IngestRequest& request, UnixSeconds now,
                             const IngestOptions& options = {});

/// A non-200 answer in the protocol's shape {"error", "message", "server_time"}.
IngestResponse error_response(int status, std::string code, std::string message, UnixSeconds now);

/// The one line the server logs for a request (kiosk prefix, status, counts or error; deferrals
/// and ignored batch members only when there are some).
std::string log_line(const IngestResponse& response);

/// The first characters of a kiosk key as the log shows it (only base64 characters are kept).
std::string kiosk_prefix(std::string_view kiosk_header);

}  // namespace lotsen::hub
