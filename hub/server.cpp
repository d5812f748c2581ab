// server.cpp — libmicrohttpd wiring for the hub (see server.hpp).
//
// Why libmicrohttpd. Debian's cpp-httplib 0.11, which served the hub before, gives each connection a
// worker thread for as long as it is open: eight clients sending one header line every three seconds
// held all eight workers and health checks timed out (issue 17, finding 2). Its listen backlog, its
// missing header-count limit and its per-read (not per-request) timeouts are compiled in.
// libmicrohttpd runs a few event-loop threads (epoll) that each serve many connections, so a slow or
// idle connection costs a slot and a bounded piece of memory, never a thread; it bounds connections in
// all and per address, closes connections silent for --idle-timeout, and gives every connection a
// fixed memory pool for its request line, headers and buffers (a request whose headers do not fit is
// answered 431 by the library without growing the hub's memory). docs/architecture.md has the rest.
//
// One request, step by step. The URI-log callback sees the request target as sent (before
// percent-decoding, for the log) and creates the request's Exchange. The access callback runs once
// when the headers are all in: refuse_before_routing(), then the route. Health and the static files
// are answered there. POST /v1/events is refused there too when its headers already say so (no
// Content-Length, an encoding the protocol does not name, far too large); otherwise the body arrives
// in further calls, kept up to the wire limit (a body a little over it is read and discarded, so
// the kiosk reliably gets its 413 on a connection that stays usable), and the last call inflates a
// gzip body with core's gzip_decompress, which checks the trailer and stops as soon as the output
// passes --max-body-bytes, and hands it to ingest. An answer queued before the body was read ends
// the connection after the reply (libmicrohttpd does that itself; the reply also says
// Connection: close).
//
// Static files and Range. The static handlers answer Range themselves (static_files.hpp: one range,
// clamped; 416 with the size for one that starts at or past the end; several ranges answered whole).
// A Range header that is not a list of byte ranges at all is answered 416 "unreadable", as the hub
// did before. HEAD is answered like GET; libmicrohttpd sends no body for it. A file's bytes are read
// in pieces as the connection can take them, never copied whole.
#include "hub/server.hpp"

#include "hub/ingest.hpp"
#include "hub/export/feeds.hpp"
#include "hub/export/hsds.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/request_rules.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "hub/static_files.hpp"
#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"
#include "core/wire/gzip.hpp"

#include <microhttpd.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub {

namespace {

constexpr const char* k_json = "application/json";

// Bodies up to this many times the wire limit are drained before answering 413 (see the top).
constexpr std::size_t k_drain_factor = 16;

// Connections the kernel queues before the hub accepts them (cpp-httplib's was 5).
constexpr int k_listen_backlog = 1024;

// Largest piece of a file handed to libmicrohttpd at once; it comes out of the connection's pool.
constexpr std::size_t k_chunk_bytes = 16 << 10;

// File descriptors kept for the store, the published files and the log beyond the connections.
constexpr rlim_t k_spare_descriptors = 64;

using Headers = std::vector<std::pair<std::string, std::string>>;

bool is_static_path(std::string_view path)
{
    return path == manifest::k_manifest_path || path.rfind(manifest::k_files_prefix, 0) == 0;
}

const char* content_type_for(std::string_view name)
{
    const std::size_t dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
    if (ext == "json")
        return "application/json";
    if (ext == "toml")
        return "application/toml";
    if (ext == "tgz")
        return "application/gzip";
    return "application/octet-stream";
}

std::string wire_too_large_message(std::size_t wire_length, std::size_t limit)
{
    return "the request body is " + std::to_string(wire_length) + " bytes on the wire; at most " + std::to_string(limit)
           + " are accepted";
}

// A request header's value, or "" when absent (names are matched without regard to case).
std::string header(MHD_Connection* connection, const char* name)
{
    const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
    return value == nullptr ? std::string() : std::string(value);
}

bool has_header(MHD_Connection* connection, const char* name)
{
    return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name) != nullptr;
}

// Queues one answer with `body` copied; false when libmicrohttpd refused it (the connection then ends).
bool queue(MHD_Connection* connection, int status, const std::string& body, const char* content_type,
           const Headers& headers = {})
{
    MHD_Response* response =
        MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
    if (response == nullptr)
        return false;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (const auto& [name, value] : headers)
        MHD_add_response_header(response, name.c_str(), value.c_str());
    const bool queued = MHD_queue_response(connection, static_cast<unsigned>(status), response) == MHD_YES;
    MHD_destroy_response(response);
    return queued;
}

void queue(MHD_Connection* connection, const IngestResponse& response)
{
    queue(connection, response.status, response.body, k_json, response.headers);
}

// A file or the manifest on its way out, read in pieces on the connection's thread.
struct Download {
    std::shared_ptr<const ServedContent> content;
    std::uint64_t first = 0;
};

ssize_t read_download(void* cls, std::uint64_t position, char* buffer, std::size_t max)
{
    const auto* download = static_cast<const Download*>(cls);
    const long got = download->content->read_at(download->first + position, buffer, max);
    if (got <= 0)
        return MHD_CONTENT_READER_END_WITH_ERROR;  // a read error or a file cut short: end the connection
    return got;
}

void free_download(void* cls)
{
    delete static_cast<Download*>(cls);
}

// Answers a GET or HEAD for `content`: 304 when the client holds this version, 206 for one
// satisfiable range, 416 for one beyond the end or an unreadable Range, else 200 with all of it.
// Returns the status sent.
int answer_static(MHD_Connection* connection, std::shared_ptr<const ServedContent> content, const char* content_type,
                  const char* cache_control)
{
    const std::string& etag = content->etag();
    const std::uint64_t size = content->size();
    const Headers validators{{"ETag", etag}, {"Cache-Control", cache_control}, {"Accept-Ranges", "bytes"}};
    const std::string range_header = header(connection, "Range");
    const bool ranged = has_header(connection, "Range");
    if (ranged && !is_readable_range(range_header)) {
        queue(connection, 416, "unreadable Range header: use bytes=FIRST-LAST, bytes=FIRST- or bytes=-COUNT\n", "text/plain");
        return 416;
    }
    if (has_header(connection, "If-None-Match") && if_none_match_matches(header(connection, "If-None-Match"), etag)) {
        queue(connection, 304, "", content_type, validators);
        return 304;
    }
    RangeAnswer range;
    if (ranged && (!has_header(connection, "If-Range") || if_range_allows(header(connection, "If-Range"), etag)))
        range = interpret_range(range_header, size);
    if (range.kind == RangeAnswer::Kind::unsatisfiable) {
        Headers headers = validators;
        headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
        queue(connection, 416, "the requested range starts at or beyond the end of the " + std::to_string(size) + " bytes\n",
              "text/plain", headers);
        return 416;
    }
    std::uint64_t first = 0;
    std::uint64_t length = size;
    int status = 200;
    Headers headers = validators;
    if (range.kind == RangeAnswer::Kind::partial) {
        first = range.first;
        length = range.length;
        status = 206;
        headers.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1)
                                                  + "/" + std::to_string(size));
    }
    if (length == 0) {
        queue(connection, status, "", content_type, headers);
        return status;
    }
    MHD_Response* response = MHD_create_response_from_callback(length, k_chunk_bytes, read_download,
                                                               new Download{std::move(content), first}, free_download);
    if (response == nullptr)
        return 500;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (const auto& [name, value] : headers)
        MHD_add_response_header(response, name.c_str(), value.c_str());
    MHD_queue_response(connection, static_cast<unsigned>(status), response);
    MHD_destroy_response(response);
    return status;
}

// "127.0.0.1:51234" or "[::1]:51234".
std::string client_address(MHD_Connection* connection)
{
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == nullptr || info->client_addr == nullptr)
        return "?";
    char text[INET6_ADDRSTRLEN] = "?";
    const sockaddr* address = info->client_addr;
    if (address->sa_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        return std::string(text) + ":" + std::to_string(ntohs(v4->sin_port));
    }
    if (address->sa_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        return "[" + std::string(text) + "]:" + std::to_string(ntohs(v6->sin6_port));
    }
    return "?";
}

std::string utc_now_text()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return when;
}

}  // namespace

struct Server::Exchange {
    std::string target;   ///< as sent, before percent-decoding, cut at 200 bytes
    std::string address;  ///< the client's address and port
    std::string method;   ///< cut at 16 bytes
    bool started = false;
    bool encoded_nul = false;  ///< the target has "%00": its decoded path would be cut short
    // POST /v1/events
    std::string kiosk_prefix;
    bool gzipped = false;
    std::size_t wire_length = 0;
    bool over_limit = false;  ///< the body passed the wire limit: the rest is read and discarded
    std::string body;

    /// "GET /v1/files/x%0a" for the log; the log line escapes it as a whole.
    std::string request_line() const { return method + " " + target; }
};

// libmicrohttpd's C callbacks; `cls` is the Server.
struct Callbacks {
    static void* uri_logged(void* /*cls*/, const char* uri, MHD_Connection* connection)
    {
        auto exchange = std::make_unique<Server::Exchange>();
        const std::string_view target(uri == nullptr ? "" : uri);
        exchange->target = std::string(target.substr(0, 200)) + (target.size() > 200 ? "..." : "");
        exchange->address = client_address(connection);
        // libmicrohttpd decodes the path into a C string, so "%00" would silently end it there
        // ("<sha256>.json%00.txt" would name "<sha256>.json"); such a path names nothing.
        std::string lower(target);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        exchange->encoded_nul = lower.find("%00") != std::string::npos;
        return exchange.release();
    }

    static MHD_Result access(void* cls, MHD_Connection* connection, const char* url, const char* method,
                             const char* /*version*/, const char* upload_data, std::size_t* upload_data_size, void** context)
    {
        if (*context == nullptr)
            *context = uri_logged(cls, url, connection);
        auto* server = static_cast<Server*>(cls);
        return server->on_request(connection, *static_cast<Server::Exchange*>(*context), url == nullptr ? "" : url,
                                  method == nullptr ? "" : method, upload_data, upload_data_size)
                   ? MHD_YES
                   : MHD_NO;
    }

    static void completed(void* /*cls*/, MHD_Connection* /*connection*/, void** context, MHD_RequestTerminationCode /*why*/)
    {
        delete static_cast<Server::Exchange*>(*context);
        *context = nullptr;
    }

    // The library's own messages (a connection refused at the limit, a request too large for its
    // pool), escaped like every other line.
    static void library_log(void* cls, const char* format, va_list arguments)
    {
        char text[512];
        std::vsnprintf(text, sizeof text, format, arguments);
        std::string line(text);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        static_cast<Server*>(cls)->write_log("libmicrohttpd: " + escape_for_terminal(line));
    }
};

UnixSeconds system_clock_now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Server::Server(std::unique_ptr<HubStore> store, ServerOptions options, Clock clock)
    : m_store(std::move(store))
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_static(m_options.published_dir.empty() ? nullptr : std::make_unique<StaticFiles>(m_options.published_dir))
    , m_published_catalogue(m_options.published_dir.empty() ? nullptr : std::make_unique<PublishedCatalogue>(m_options.published_dir))
{
}

Server::~Server()
{
    if (m_daemon != nullptr)
        MHD_stop_daemon(m_daemon);
    else if (m_listen_socket >= 0)
        ::close(m_listen_socket);
}

void Server::write_log(const std::string& text)
{
    const std::string when = utc_now_text();
    const std::lock_guard lock(m_log_mutex);
    std::fprintf(stderr, "lotsen-hub: %s %s\n", when.c_str(), text.c_str());
}

void Server::log_request(const Exchange& exchange, const std::string& line, bool even_when_quiet)
{
    // "2026-12-05T19:04:05Z 192.0.2.7:51234 GET /v1/health 200"
    if (!m_options.log_requests && !even_when_quiet)
        return;
    write_log(escape_for_terminal(exchange.address + " " + line));
}

bool Server::on_request(MHD_Connection* connection, Exchange& exchange, const char* url, const char* method,
                        const char* upload_data, std::size_t* upload_data_size)
{
    if (!exchange.started) {
        exchange.started = true;
        exchange.method = std::string(method).substr(0, 16);
        if (refuse_before_routing(connection, exchange))
            return true;
        const std::string path = std::string(url) + (exchange.encoded_nul ? "%00" : "");
        const bool get = exchange.method == "GET" || exchange.method == "HEAD";
        if (get && path == protocol::k_health_path) {
            handle_health(connection, exchange);
            return true;
        }
        if (exchange.method == "POST" && path == protocol::k_events_path)
            return begin_events(connection, exchange) || true;
        if (get && m_static && is_static_path(path)) {
            handle_static(connection, exchange, path);
            return true;
        }
        if (get && m_published_catalogue && (path == k_hsds_path || path.starts_with("/feeds/"))) {
            handle_open_standard(connection, exchange, path);
            return true;
        }
        if (is_static_path(path)) {
            queue(connection, 404, "no such file\n", "text/plain");
        } else {
            const IngestResponse response = error_response(404, "bad_request", "no such endpoint or unreadable request", m_clock());
            queue(connection, response.status, response.body, k_json);
        }
        log_request(exchange, exchange.request_line() + " 404");
        return true;
    }
    // Only POST /v1/events reads a body: a piece of it, or (none left) the end.
    if (*upload_data_size > 0) {
        if (!exchange.over_limit && *upload_data_size > m_options.max_wire_body_bytes - exchange.body.size()) {
            exchange.over_limit = true;
            std::string().swap(exchange.body);
        }
        if (!exchange.over_limit)
            exchange.body.append(upload_data, *upload_data_size);
        *upload_data_size = 0;
        return true;
    }
    finish_events(connection, exchange);
    return true;
}

namespace {

MHD_Result collect_header(void* cls, MHD_ValueKind /*kind*/, const char* key, std::size_t key_size, const char* value,
                          std::size_t value_size)
{
    static_cast<HeaderLines*>(cls)->emplace_back(std::string_view(key, key_size),
                                                 std::string_view(value == nullptr ? "" : value, value == nullptr ? 0 : value_size));
    return MHD_YES;
}

}  // namespace

bool Server::refuse_before_routing(MHD_Connection* connection, Exchange& exchange)
{
    HeaderLines headers;
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, collect_header, &headers);
    const Refusal refusal = refuse_headers(headers, HeaderCaps{m_options.max_header_count, m_options.max_header_bytes});
    if (refusal.status == 0)
        return false;
    // The body, if any, is never read: the connection cannot carry another request.
    IngestResponse response = error_response(refusal.status, refusal.code, refusal.message, m_clock());
    response.headers.emplace_back("Connection", "close");
    queue(connection, response);
    log_request(exchange, exchange.request_line() + " " + std::to_string(refusal.status) + " " + refusal.code + ": "
                              + refusal.message);
    return true;
}

void Server::handle_health(MHD_Connection* connection, Exchange& exchange)
{
    const nlohmann::json body = {{"status", "ok"}, {"server_time", m_clock()}};
    queue(connection, 200, body.dump(), k_json);
    log_request(exchange, exchange.method + " /v1/health 200");
}

bool Server::begin_events(MHD_Connection* connection, Exchange& exchange)
{
    exchange.kiosk_prefix = kiosk_prefix(header(connection, protocol::k_header_kiosk));
    // Answers without having read the body: the rest of it is still on the connection, so the
    // connection must not be reused for another request.
    auto refuse_unread = [&](int status, const char* code, std::string message) {
        IngestResponse response = error_response(status, code, std::move(message), m_clock());
        response.kiosk_prefix = exchange.kiosk_prefix;
        response.headers.emplace_back("Connection", "close");
        queue(connection, response);
        log_request(exchange, exchange.request_line() + " " + log_line(response));
        return true;
    };

    // A body a little over the wire limit is read and discarded, so the kiosk reliably gets its 413
    // and splits the batch; closing with unread data could reset the connection before the answer
    // arrives, which the kiosk would take for a network error. Far over the limit it is not worth
    // the bandwidth: plan_events_body refuses it unread.
    const auto optional_header = [&](const char* name) -> std::optional<std::string> {
        if (!has_header(connection, name))
            return std::nullopt;
        return header(connection, name);
    };
    const auto encoding = optional_header("Content-Encoding");
    const auto transfer = optional_header("Transfer-Encoding");
    const auto length = optional_header("Content-Length");
    const BodyPlan plan = plan_events_body(encoding ? &*encoding : nullptr, transfer ? &*transfer : nullptr,
                                           length ? &*length : nullptr, m_options.max_wire_body_bytes, k_drain_factor);
    if (plan.refusal.status != 0)
        return refuse_unread(plan.refusal.status, plan.refusal.code.c_str(), plan.refusal.message);
    exchange.gzipped = plan.gzipped;
    exchange.wire_length = plan.wire_length;
    exchange.body.reserve(std::min(plan.wire_length, m_options.max_wire_body_bytes));
    return false;
}

void Server::finish_events(MHD_Connection* connection, Exchange& exchange)
{
    auto answer = [&](IngestResponse response) {
        response.kiosk_prefix = exchange.kiosk_prefix;
        queue(connection, response);
        log_request(exchange, exchange.request_line() + " " + log_line(response));
    };
    if (exchange.over_limit) {
        // The whole body was read and discarded: the connection can be kept.
        answer(error_response(413, "too_large", wire_too_large_message(exchange.wire_length, m_options.max_wire_body_bytes),
                              m_clock()));
        return;
    }
    std::string body = std::move(exchange.body);
    if (exchange.gzipped) {
        bool over_limit = false;
        auto inflated = gzip_decompress(body, m_options.max_body_bytes, &over_limit);
        if (!inflated) {
            answer(over_limit ? error_response(413, "too_large", "the request body decompresses to more than "
                                                   + std::to_string(m_options.max_body_bytes) + " bytes; that is the most accepted",
                                               m_clock())
                              : error_response(400, "bad_request",
                                               "the request body is not a whole gzip stream: " + inflated.error().text(), m_clock()));
            return;
        }
        body = std::move(inflated.value());
    }

    // IngestRequest only views these: they must outlive it.
    const std::string kiosk = header(connection, protocol::k_header_kiosk);
    const std::string timestamp = header(connection, protocol::k_header_timestamp);
    const std::string signature = header(connection, protocol::k_header_signature);
    const std::string nonce = header(connection, protocol::k_header_time_nonce);
    IngestRequest request;
    request.method = "POST";
    request.path = protocol::k_events_path;
    request.kiosk = kiosk;
    request.timestamp = timestamp;
    request.signature = signature;
    request.time_nonce = nonce;
    request.body = body;
    IngestResponse response;
    {
        const std::lock_guard lock(m_store_mutex);
        response = ingest_events(*m_store, request, m_clock(),
                                 IngestOptions{m_options.held_kinds, m_options.time_key ? &*m_options.time_key : nullptr});
    }
    queue(connection, response);
    log_request(exchange, exchange.request_line() + " " + log_line(response));
}

void Server::handle_static(MHD_Connection* connection, Exchange& exchange, const std::string& path)
{
    StaticLookup lookup;
    const char* content_type = "application/json";
    // The manifest: caches may keep it but must ask again (If-None-Match) before every use, so a
    // newly published manifest reaches kiosks at their next poll. A file's name is its SHA-256: its
    // bytes can never change, so caches may keep it for good.
    const char* cache_control = "no-cache";
    if (path == manifest::k_manifest_path) {
        lookup = m_static->manifest();
    } else {
        // Matched against the decoded path: "/v1/files/..%2fhub.db" arrives here as
        // "/v1/files/../hub.db" and fails the file-name rule like any other name that is not
        // "<sha256>.<ext>".
        const std::string name = path.substr(std::string_view(manifest::k_files_prefix).size());
        lookup = m_static->file(name);
        content_type = content_type_for(name);
        cache_control = "public, max-age=31536000, immutable";
    }
    int status = 0;
    if (lookup.status != StaticLookup::Status::found) {
        status = lookup.status == StaticLookup::Status::not_found ? 404 : 500;
        queue(connection, status, status == 404 ? "no such file\n" : "this file cannot be served now\n", "text/plain");
    } else {
        status = answer_static(connection, lookup.content, content_type, cache_control);
    }
    // A problem (a file that cannot be read) is logged even with --quiet.
    log_request(exchange,
                exchange.request_line() + " " + std::to_string(status) + (lookup.problem.empty() ? "" : ": ") + lookup.problem,
                !lookup.problem.empty());
}

void Server::handle_open_standard(MHD_Connection* connection, Exchange& exchange, const std::string& path)
{
    auto catalogue = m_published_catalogue->current();
    int status = 200;
    std::string problem;
    if (!catalogue) {
        // Nothing published yet, or a damaged file: the client learns only that there is none now.
        status = 404;
        problem = catalogue.error().text();
        queue(connection, status, "no catalogue is published here now\n", "text/plain");
    } else if (path == k_hsds_path) {
        queue(connection, status, catalogue_to_hsds(*catalogue.value()), "application/json",
              {{"Cache-Control", "no-cache"}});
    } else if (auto feed = feed_for_path(*catalogue.value(), path, m_clock())) {
        queue(connection, status, *feed, "text/calendar; charset=utf-8", {{"Cache-Control", "no-cache"}});
    } else {
        status = 404;
        queue(connection, status, "no such feed\n", "text/plain");
    }
    log_request(exchange, exchange.request_line() + " " + std::to_string(status) + (problem.empty() ? "" : ": ") + problem);
}

const std::vector<Route>& served_routes()
{
    static const std::vector<Route> routes{
        {"POST", protocol::k_events_path},
        {"GET", protocol::k_health_path},
        {"GET", manifest::k_manifest_path},
        {"GET", "/v1/files/{file}"},
        {"GET", k_hsds_path},
        {"GET", "/feeds/association/{organisation}.ics"},
        {"GET", "/feeds/site/{location}.ics"},
    };
    return routes;
}

Result<ListeningSocket> open_listening_socket(std::string_view command, const std::string& host, int port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    const std::string where = host + ":" + (port == 0 ? std::string("(any port)") : service);
    const std::string who(command);
    if (const int failed = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); failed != 0)
        return Error{who + ": cannot listen on " + where + ": " + ::gai_strerror(failed)};
    int sock = -1;
    for (const addrinfo* one = found; one != nullptr && sock < 0; one = one->ai_next) {
        sock = ::socket(one->ai_family, one->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, one->ai_protocol);
        if (sock < 0)
            continue;
        // SO_REUSEADDR lets a restart bind while old connections sit in TIME_WAIT. Never
        // SO_REUSEPORT: that let a second `serve` on the same port start and take half the kiosks'
        // connections.
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(sock, one->ai_addr, one->ai_addrlen) != 0 || ::listen(sock, k_listen_backlog) != 0) {
            ::close(sock);
            sock = -1;
        }
    }
    ::freeaddrinfo(found);
    if (sock < 0)
        return Error{who + ": cannot listen on " + where + " (in use, perhaps by another `lotsen-hub " + who
                     + "`, or not an address here)"};
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(sock, reinterpret_cast<sockaddr*>(&bound), &length);
    const int bound_port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
                                                       : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
    return ListeningSocket{sock, bound_port};
}

Result<int> Server::bind(const std::string& host, int port)
{
    const ListeningSocket sock = LOTSEN_TRY(open_listening_socket("serve", host, port));
    if (m_listen_socket >= 0)
        ::close(m_listen_socket);
    m_listen_socket = sock.descriptor;
    return sock.port;
}

Result<void> Server::run()
{
    if (m_listen_socket < 0)
        return Error{"serve: bind() first"};
    // Each connection is a file descriptor: take the most the system allows this process, and
    // never promise more connections than there are descriptors for.
    rlimit files{};
    std::size_t connections = m_options.max_connections;
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
        if (files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
            ::getrlimit(RLIMIT_NOFILE, &files);
        }
        if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur > k_spare_descriptors)
            connections = std::min<std::size_t>(connections, files.rlim_cur - k_spare_descriptors);
    }
    const unsigned threads = static_cast<unsigned>(std::max<std::size_t>(1, m_options.threads));
    m_daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, nullptr, nullptr, &Callbacks::access, this,
        MHD_OPTION_EXTERNAL_LOGGER, &Callbacks::library_log, this,  // first, so every message comes through it
        MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(m_listen_socket),
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(std::max<std::size_t>(connections, threads)),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<unsigned>(m_options.max_per_address),
        MHD_OPTION_CONNECTION_TIMEOUT, m_options.idle_timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, m_options.connection_memory_bytes,
        MHD_OPTION_URI_LOG_CALLBACK, &Callbacks::uri_logged, this,
        MHD_OPTION_NOTIFY_COMPLETED, &Callbacks::completed, this,
        MHD_OPTION_END);
    if (m_daemon == nullptr)
        return Error{"serve: the HTTP server could not start on the bound socket"};
    m_listen_socket = -1;  // libmicrohttpd's now: it closes it when it stops
    {
        std::unique_lock lock(m_run_mutex);
        m_run_changed.wait(lock, [this] { return m_stop_requested; });
    }
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    return success();
}

void Server::stop()
{
    {
        const std::lock_guard lock(m_run_mutex);
        m_stop_requested = true;
    }
    m_run_changed.notify_all();
}

}  // namespace lotsen::hub
