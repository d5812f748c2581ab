// server.hpp — the hub's HTTP side (`lotsen-hub serve`): libmicrohttpd listening for POST /v1/events
// and GET /v1/health, and serving the published tree (GET/HEAD /v1/manifest.json and
// /v1/files/<sha256>.<ext> with entity tags and byte ranges; the rules are static_files'). It owns
// what HTTP adds to ingest: the wire-size limit, reading the body while bounding its DECOMPRESSED
// size (a small gzip body can inflate to gigabytes), refusing encodings the protocol does not name,
// the limits that keep slow, idle or oversized clients from holding the hub (connections in all and
// per address, an idle timeout, a memory bound per connection, header caps), the request log, and
// stopping cleanly. It also gives the published catalogue in open standards (hub/export/): HSDS 3.0
// JSON at GET /v1/hsds.json and iCalendar feeds under /feeds/. served_routes() lists every route;
// docs/openapi.yaml describes the same list (tests/open/ compares them both ways).
//
// Every rule about the batch itself is ingest's; this file never looks inside a body.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/wire/protocol.hpp"
#include "hub/hub_store.hpp"
#include "core/base/result.hpp"

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct MHD_Daemon;
struct MHD_Connection;

namespace lotsen::hub {

class StaticFiles;
class PublishedCatalogue;

/// Where serve gives the published catalogue as HSDS 3.0 JSON.
inline constexpr std::string_view k_hsds_path = "/v1/hsds.json";

/// One route `serve` answers: the method and the path, with OpenAPI's {name} for a variable part.
/// Every GET route also answers HEAD.
struct Route {
    std::string_view method;
    std::string_view path;
};

/// Every route `serve` answers, in docs/openapi.yaml's order.
const std::vector<Route>& served_routes();

/// How `serve` runs.
struct ServerOptions {
    std::size_t max_wire_body_bytes = std::size_t{1} << 20;  ///< request body as sent (413 beyond)
    std::size_t max_body_bytes = std::size_t{4} << 20;       ///< after decompression (413 beyond)
    std::size_t threads = 8;                                 ///< event-loop threads (each serves many connections)
    std::size_t max_connections = 4000;                      ///< open connections in all (more are closed at once)
    std::size_t max_per_address = 0;                         ///< open connections from one address; 0 = no limit
    unsigned idle_timeout_seconds = 30;                      ///< a connection silent this long is closed
    std::size_t connection_memory_bytes = std::size_t{64} << 10;  ///< per connection: request line, headers, buffers
    std::size_t max_header_count = 100;                      ///< header lines in one request (431 beyond)
    std::size_t max_header_bytes = std::size_t{16} << 10;    ///< their names and values together (431 beyond)
    bool log_requests = true;                                ///< one line per request to stderr
    std::string published_dir;  ///< DATA_DIR/published, served under /v1/; empty = not served
    std::vector<protocol::WireKind> held_kinds;  ///< answered as deferred (`--hold-kind`); kiosks keep them
    std::optional<protocol::SigningKeyPair> time_key;  ///< signs the hub's clock in replies to kiosks (hub-time.key)
};

/// The hub's clock, replaceable in tests.
using Clock = std::function<UnixSeconds()>;

/// The wall clock in Unix seconds.
UnixSeconds system_clock_now();

/// A bound, listening TCP socket and its port.
struct ListeningSocket {
    int descriptor = -1;
    int port = 0;
};

/// Binds and listens on `host`:`port` (0 picks a free port) without SO_REUSEPORT, so a second
/// process on the same port is refused; `command` ("serve", "office") names it in the messages.
/// Shared by `serve` and `office`.
Result<ListeningSocket> open_listening_socket(std::string_view command, const std::string& host, int port);

/// The HTTP server over one hub store.
class Server {
public:
    /// A server over `store` (which it owns and guards: one request touches it at a time).
    Server(std::unique_ptr<HubStore> store, ServerOptions options, Clock clock = system_clock_now);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds `host`:`port`; port 0 picks a free one. Returns the bound port.
    Result<int> bind(const std::string& host, int port);
    /// Serves until stop(); returns an error when listening failed.
    Result<void> run();
    /// Makes run() return. Safe from any thread (not from a signal handler).
    void stop();

    /// One request as libmicrohttpd hands it over (server.cpp); public for its C callbacks only.
    struct Exchange;

private:
    friend struct Callbacks;

    /// Called by libmicrohttpd for each request, once when its headers are in and then for each
    /// piece of its body; answers with queue_*(). (server.cpp says how the body is read.)
    bool on_request(MHD_Connection* connection, Exchange& exchange, const char* url, const char* method,
                   const char* upload_data, std::size_t* upload_data_size);
    /// Refuses, before any route, what no route may see: too many or too large headers, two
    /// Content-Length headers, Content-Length with Transfer-Encoding. True when it answered.
    bool refuse_before_routing(MHD_Connection* connection, Exchange& exchange);

    // One handler per route.
    void handle_health(MHD_Connection* connection, Exchange& exchange);
    /// The first call of a POST /v1/events: refuses what can be refused from the headers.
    bool begin_events(MHD_Connection* connection, Exchange& exchange);
    void finish_events(MHD_Connection* connection, Exchange& exchange);
    void handle_static(MHD_Connection* connection, Exchange& exchange, const std::string& path);
    /// GET /v1/hsds.json and /feeds/...: the published catalogue in open standards (hub/export/).
    void handle_open_standard(MHD_Connection* connection, Exchange& exchange, const std::string& path);

    /// One line to stderr: UTC time, client address and port, then `line`, all of it through the one
    /// escaping door (escape_for_terminal), so nothing a client sent can break or colour the log.
    void log_request(const Exchange& exchange, const std::string& line, bool even_when_quiet = false);
    /// `text` (already escaped) after the time.
    void write_log(const std::string& text);

    std::unique_ptr<HubStore> m_store;
    std::mutex m_store_mutex;
    std::mutex m_log_mutex;
    ServerOptions m_options;
    Clock m_clock;
    std::unique_ptr<StaticFiles> m_static;  ///< null when nothing is published here
    std::unique_ptr<PublishedCatalogue> m_published_catalogue;  ///< null when nothing is published here
    int m_listen_socket = -1;               ///< bound by bind(), handed to libmicrohttpd by run()
    MHD_Daemon* m_daemon = nullptr;
    std::mutex m_run_mutex;
    std::condition_variable m_run_changed;
    bool m_stop_requested = false;
};

}  // namespace lotsen::hub
