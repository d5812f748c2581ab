// server.hpp — the hub's HTTP side (`lotsen-hub serve`): cpp-httplib listening for POST /v1/events
// and GET /v1/health, and serving the published tree (GET/HEAD /v1/manifest.json and
// /v1/files/<sha256>.<ext> with entity tags and byte ranges; the rules are static_files'). It owns
// what HTTP adds to ingest: the wire-size limit, reading the body while bounding its DECOMPRESSED
// size (a small gzip body can inflate to gigabytes), refusing encodings the protocol does not name,
// keep-alive, the worker pool, the request log, and stopping cleanly.
//
// Every rule about the batch itself is ingest's; this file never looks inside a body.
#pragma once

#include "core/time/civil_time.hpp"
#include "core/wire/protocol.hpp"
#include "hub/hub_store.hpp"
#include "core/base/result.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
}  // namespace httplib

namespace lotsen::hub {

class StaticFiles;

/// How `serve` runs.
struct ServerOptions {
    std::size_t max_wire_body_bytes = std::size_t{1} << 20;  ///< request body as sent (413 beyond)
    std::size_t max_body_bytes = std::size_t{4} << 20;       ///< after decompression (413 beyond)
    std::size_t threads = 8;                                 ///< worker pool size
    std::size_t keep_alive_max_count = 1000;                 ///< requests per kept-alive connection
    std::size_t max_header_count = 100;                      ///< header lines in one request (431 beyond)
    std::size_t max_header_bytes = std::size_t{16} << 10;    ///< their names and values together (431 beyond)
    bool log_requests = true;                                ///< one line per request to stderr
    std::string published_dir;  ///< DATA_DIR/published, served under /v1/; empty = not served
    std::vector<protocol::WireKind> held_kinds;  ///< answered as deferred (`--hold-kind`); kiosks keep them
};

/// The hub's clock, replaceable in tests.
using Clock = std::function<UnixSeconds()>;

/// The wall clock in Unix seconds.
UnixSeconds system_clock_now();

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

private:
    void configure_http();
    /// The table of routes: which handler answers which method and path.
    void install_routes();

    // One handler per route (server.cpp).
    void handle_health(const httplib::Request& req, httplib::Response& res);
    void handle_events(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void handle_manifest(const httplib::Request& req, httplib::Response& res);
    void handle_file(const httplib::Request& req, httplib::Response& res);
    /// Refuses, before any handler, what no route may see: too many or too large headers, two
    /// Content-Length headers. True when it answered.
    bool refuse_before_routing(const httplib::Request& req, httplib::Response& res);
    /// httplib's own refusals (no such route, an unreadable request) in the protocol's shape;
    /// false leaves a body a handler already wrote alone.
    bool handle_refusal(const httplib::Request& req, httplib::Response& res);

    /// One line to stderr: UTC time, client address and port, then `line`, all of it through the one
    /// escaping door (escape_for_terminal), so nothing a client sent can break or colour the log.
    void log_request(const httplib::Request& req, const std::string& line);
    void write_log_line(const httplib::Request& req, const std::string& line);
    void log_static_request(const httplib::Request& req, const httplib::Response& res, const std::string& problem);

    std::unique_ptr<HubStore> m_store;
    std::mutex m_store_mutex;
    std::mutex m_log_mutex;
    ServerOptions m_options;
    Clock m_clock;
    std::unique_ptr<StaticFiles> m_static;  ///< null when nothing is published here
    std::unique_ptr<httplib::Server> m_http;
    int m_listen_socket = -1;  ///< seen in the socket-options hook, to raise httplib's backlog of 5
};

}  // namespace lotsen::hub
