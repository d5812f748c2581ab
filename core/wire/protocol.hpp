// protocol.hpp — the upstream wire format (docs/protocol.md), shared by the kiosk's uploader and the
// hub: key encodings, the signing string and request signatures, the hub's signed time (its clock
// signed over a kiosk's request and nonce), the event batch in JSON both ways, and the hub's replies
// both ways. Pure functions over bytes; no sockets, no files, no clocks.
//
// Everything decoded here comes from the other side of a network and is untrusted: decoders check
// every member and say what was wrong and where (a JSON path such as "events[3].data.mood"). The
// format grows (docs/protocol.md, "How this format grows"): an event of a kind or with a member this
// side does not know is deferred, not refused; heartbeat data keeps unknown members within bounds.
#pragma once

#include "core/outbox/outbox.hpp"
#include "core/base/format_growth.hpp"
#include "core/base/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::protocol {

/// The major version of the batch format: the only one there is so far.
inline constexpr int k_format = 1;
/// The batch format this code writes and reads in full (a batch of a newer minor is read too): 1.1
/// added the "missed" kind (a visitor's "I miss something" wish). A batch says format_minor 1 only
/// when it holds such an event, so every other batch stays 1.0's bytes.
inline constexpr FormatVersion k_batch_format{1, 1};
/// The reply format: 1.1 added "deferred" (written only when something was deferred).
inline constexpr FormatVersion k_reply_format{1, 1};
/// Where batches are POSTed.
inline constexpr std::string_view k_events_path = "/v1/events";
/// Unsigned liveness endpoint.
inline constexpr std::string_view k_health_path = "/v1/health";
/// How far a request timestamp may be from the hub's clock, either way.
inline constexpr std::int64_t k_timestamp_window_seconds = 300;
/// Hub limits (docs/protocol.md, "Limits").
inline constexpr std::size_t k_max_wire_body_bytes = 1 << 20;
inline constexpr std::size_t k_max_body_bytes = 4 << 20;
inline constexpr std::size_t k_max_events_per_batch = 1000;
inline constexpr std::size_t k_max_event_bytes = 64 << 10;
/// Heartbeat data bounds (docs/protocol.md, "Heartbeat data"): unknown members are kept within them.
/// The size is the outbox's own cap on a heartbeat, so whatever a kiosk records fits.
inline constexpr std::size_t k_max_heartbeat_depth = 8;      ///< nested objects and arrays, data itself is 1
inline constexpr std::size_t k_max_heartbeat_bytes = 16 << 10;  ///< the data object, encoded
inline constexpr std::size_t k_max_heartbeat_values = 512;   ///< members and array elements at every level

/// Header names.
inline constexpr const char* k_header_kiosk = "X-Lotsen-Kiosk";
inline constexpr const char* k_header_timestamp = "X-Lotsen-Timestamp";
inline constexpr const char* k_header_signature = "X-Lotsen-Signature";

using SigningPublicKey = std::array<std::uint8_t, 32>;  ///< Ed25519 public key
using SigningSecretKey = std::array<std::uint8_t, 64>;  ///< Ed25519 secret key (libsodium layout)
using Signature = std::array<std::uint8_t, 64>;         ///< Ed25519 detached signature
using Sha256 = std::array<std::uint8_t, 32>;

/// Standard base64 with padding (RFC 4648 §4).
std::string to_base64(std::span<const std::uint8_t> bytes);
/// Decodes standard base64; the error names `what` and the expected length when `expected_size` > 0.
Result<std::vector<std::uint8_t>> from_base64(std::string_view text, std::string_view what, std::size_t expected_size = 0);
/// Lowercase hex.
std::string to_hex(std::span<const std::uint8_t> bytes);
/// SHA-256 of `bytes`.
Sha256 sha256(std::string_view bytes);

/// An Ed25519 key pair: a kiosk's identity, or the fleet's publisher key.
struct SigningKeyPair {
    SigningPublicKey public_key{};
    SigningSecretKey secret_key{};
};

/// A fresh random key pair.
SigningKeyPair generate_signing_key_pair();

/// Loads the key pair kept at `path` (64 raw bytes, the libsodium secret key, which holds the public
/// half), or creates it with mode 0600 when the file does not exist. A file of the wrong size or one
/// others may read is refused with a message naming it; an existing key is never overwritten.
Result<SigningKeyPair> load_or_create_key_pair(const std::string& path);

/// A key pair from load_or_replace_key_pair(), and what became of a damaged file.
struct KeyPairOpened {
    SigningKeyPair keys;
    std::string kept_aside;  ///< where the damaged key file went; empty when the key was sound or new
    std::string damage;      ///< what was wrong with it
};

/// load_or_create_key_pair(), but a key file that is there and readable yet damaged (empty, cut
/// short, too long, not a key, or readable by others: a secret that may have leaked) is set aside
/// (keep_aside(), made private, never deleted) and a new key pair is made. The new key must be
/// enrolled at the hub (`lotsen-hub enroll`) before the hub accepts this kiosk again; until then
/// every event waits in the outbox. A file that cannot be opened (permissions) or is not a regular
/// file is left alone and refused as load_or_create_key_pair() does.
Result<KeyPairOpened> load_or_replace_key_pair(const std::string& path);

/// The six-line string that is signed (docs/protocol.md, "The signing string").
std::string signing_string(std::string_view method, std::string_view path, std::int64_t timestamp,
                           std::string_view kiosk_key_base64, const Sha256& body_hash);

/// The three authentication headers of one request.
struct SignedHeaders {
    std::string kiosk;      ///< X-Lotsen-Kiosk
    std::string timestamp;  ///< X-Lotsen-Timestamp
    std::string signature;  ///< X-Lotsen-Signature
};

/// Signs a request whose uncompressed body is `body`.
SignedHeaders sign_request(const SigningKeyPair& keys, std::string_view method, std::string_view path,
                           std::int64_t timestamp, std::string_view body);
/// The same, for a body whose SHA-256 the caller already has (the uploader hashes each body once).
SignedHeaders sign_request(const SigningKeyPair& keys, std::string_view method, std::string_view path,
                           std::int64_t timestamp, const Sha256& body_hash);

/// What the hub learns from the authentication headers, before looking the kiosk up.
struct RequestAuth {
    SigningPublicKey kiosk{};
    std::int64_t timestamp = 0;
    Signature signature{};
};

/// Parses the three headers; the error names the header that is missing or malformed.
Result<RequestAuth> parse_auth_headers(std::string_view kiosk, std::string_view timestamp, std::string_view signature);

/// True when `auth.signature` is the kiosk's signature of this request.
bool verify_request(const RequestAuth& auth, std::string_view method, std::string_view path, std::string_view body);

// ---------------------------------------------------------------------------------------------
// The hub's signed time (docs/protocol.md, "The hub's signed time").
//
// A kiosk sends a fresh random nonce with each signed request; the hub answers with its clock signed
// by its time key over that request's signature and the nonce. Only the kiosk knows the nonce before
// it sends, so a reply cannot be signed ahead of time or replayed to a later request: the time is as
// fresh as the request. A kiosk whose own clock is not synchronised judges a manifest's expiry by it.

inline constexpr const char* k_header_time_nonce = "X-Lotsen-Time-Nonce";  ///< request: base64 of 16 random bytes
inline constexpr const char* k_header_hub_time = "X-Lotsen-Time";          ///< reply: "v1 <seconds> <base64 signature>"
inline constexpr std::size_t k_time_nonce_bytes = 16;

/// A fresh nonce for X-Lotsen-Time-Nonce (16 random bytes, base64).
std::string new_time_nonce();

/// What the hub's time key signs: "lotsen-time-v1\n" + seconds + "\n" + the request's
/// X-Lotsen-Signature + "\n" + its X-Lotsen-Time-Nonce, both exactly as sent.
std::string hub_time_message(std::int64_t seconds, std::string_view request_signature, std::string_view nonce);

/// The X-Lotsen-Time value for a request with this signature and nonce, or "" when either is not
/// well-formed (64 and 16 bytes in base64): the hub signs nothing it could not have been asked.
std::string sign_hub_time(const SigningKeyPair& time_key, std::int64_t seconds, std::string_view request_signature,
                          std::string_view nonce);

/// The hub's time from an X-Lotsen-Time value, when it is signed by `time_key` over this request's
/// signature and nonce; an error saying what was wrong (malformed, another key, another request).
Result<std::int64_t> verify_hub_time(std::string_view header, const SigningPublicKey& time_key,
                                     std::string_view request_signature, std::string_view nonce);

/// Event kinds on the wire.
enum class WireKind { checkin, contact_request, heartbeat, missed };
std::string_view wire_kind_name(WireKind kind);

/// One event as it travels. `data` is the JSON object text of a check-in, wish or heartbeat; `sealed`,
/// `receipt_code` and `organisation_id` belong to contact requests.
struct WireEvent {
    std::string id;
    WireKind kind = WireKind::checkin;
    std::int64_t created_at = 0;
    bool clock_synchronised = false;
    std::string data;                    ///< JSON object text (check-in, wish, heartbeat); empty otherwise
    std::string organisation_id;         ///< contact request
    std::string receipt_code;            ///< contact request
    std::vector<std::uint8_t> sealed;    ///< contact request
};

/// A batch as it travels.
struct Batch {
    std::int64_t sent_at = 0;
    bool clock_synchronised = false;
    std::vector<WireEvent> events;
};

/// The JSON body of a batch (uncompressed).
std::string encode_batch(const Batch& batch);

/// An event of a decoded batch the hub must refuse, with why (its JSON path and the problem).
struct EventRejection {
    std::string id;      ///< the event's id, or "" when even that was unreadable
    std::string reason;
};

/// An event the hub does not take now but may later (a kind or a member it does not know, a kind
/// its operator holds), with why; the kiosk keeps it and offers it again after a while.
struct EventDeferral {
    std::string id;
    std::string reason;
};

/// A decoded batch: the events that are well-formed, the ones that are not, and the ones with a
/// well-formed envelope that this side does not know enough to take.
struct DecodedBatch {
    FormatVersion format;  ///< the batch's "format" and "format_minor" (major 1, any minor)
    Batch batch;           ///< well-formed events of known kinds and members only
    std::vector<EventRejection> rejected;
    std::vector<EventDeferral> deferred;  ///< unknown kind, or an unknown member of a known kind
    IgnoredMembers ignored;               ///< top-level batch members this side does not know
};

/// Decodes a batch body. Fails as a whole (→ 400) when the body is not a batch at all or its
/// format's major is not 1; an event that is malformed on its own lands in `rejected`, one of a
/// kind or with a member this side does not know in `deferred`, and the rest still count.
/// Heartbeat data keeps unknown members within the k_max_heartbeat_* bounds.
Result<DecodedBatch> decode_batch(std::string_view json);

/// The hub's 200 reply.
struct BatchReply {
    std::vector<std::string> accepted;
    std::vector<std::string> duplicate;
    std::vector<EventRejection> rejected;
    std::vector<EventDeferral> deferred;  ///< written only when not empty (reply format 1.1)
    std::int64_t server_time = 0;
};

/// The JSON of a 200 reply; without deferrals it is byte for byte what reply format 1.0 was.
std::string encode_reply(const BatchReply& reply);
/// Decodes a 200 reply; anything malformed is an error (the kiosk treats it as a network error).
/// Members it does not know are ignored: a newer hub may add some.
Result<BatchReply> decode_reply(std::string_view json);

/// The body of every non-200 reply.
struct ErrorReply {
    std::string error;    ///< bad_request, unknown_kiosk, bad_signature, stale_timestamp, replay, too_large, busy, internal
    std::string message;
    std::int64_t server_time = 0;
};

std::string encode_error_reply(const ErrorReply& reply);
Result<ErrorReply> decode_error_reply(std::string_view json);

/// A Retry-After value in seconds from `now`: delta-seconds, or an IMF-fixdate HTTP date
/// ("Sun, 06 Nov 1994 08:49:37 GMT"). nullopt when unreadable; a date in the past gives 0.
std::optional<std::int64_t> parse_retry_after(std::string_view value, std::int64_t now);

/// The wire form of a stored outbox event (check-in JSON, sealed contact request, heartbeat JSON).
Result<WireEvent> to_wire_event(const StoredEvent& event);

}  // namespace lotsen::protocol
