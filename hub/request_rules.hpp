// request_rules.hpp — what the hub decides from a request's headers alone, before any body is read:
// the header caps, duplicate or conflicting lengths, how a POST /v1/events body may arrive, and
// whether a Range header is readable at all. Pure functions of text, so that server.cpp (which owns
// the sockets) and the fuzz target tests/fuzz/fuzz_hub_request.cpp drive exactly the same rules.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub {

/// A request's header lines as received, in order (names as sent; matched without regard to case).
using HeaderLines = std::vector<std::pair<std::string_view, std::string_view>>;

/// An answer given instead of serving the request: its status, error code and message.
struct Refusal {
    int status = 0;     ///< 0: not refused
    std::string code;   ///< "bad_request" or "too_large"
    std::string message;
};

/// Header caps (ServerOptions carries them).
struct HeaderCaps {
    std::size_t max_count = 100;
    std::size_t max_bytes = std::size_t{16} << 10;
};

/// Refuses what no route may see: more than `caps` header lines or bytes of names and values (431),
/// two Content-Length headers or Content-Length with Transfer-Encoding (400: a proxy and the hub could
/// disagree where the request ends). status 0 when none applies.
Refusal refuse_headers(const HeaderLines& headers, const HeaderCaps& caps);

/// How the body of a POST /v1/events is to be read.
struct BodyPlan {
    Refusal refusal;           ///< status 0: read it
    bool gzipped = false;      ///< Content-Encoding: gzip
    std::size_t wire_length = 0;  ///< the Content-Length
};

/// From the request's Content-Encoding, Transfer-Encoding and Content-Length (each null when absent):
/// refuses other encodings (400), chunked or length-less bodies (411), a length that is not a number
/// (400), and a body more than `drain_factor` times `max_wire_bytes` (413, answered without reading).
BodyPlan plan_events_body(const std::string* content_encoding, const std::string* transfer_encoding,
                          const std::string* content_length, std::size_t max_wire_bytes, std::size_t drain_factor);

/// True for what can be read as a Range header at all: "bytes=" and a comma-separated list of
/// FIRST-LAST, FIRST- or -COUNT (case and spaces aside; FIRST ≤ LAST). What it asks for is
/// interpret_range's (static_files.hpp); an unreadable one is answered 416.
bool is_readable_range(std::string_view header);

}  // namespace lotsen::hub
