// server.cpp — cpp-httplib wiring for the hub (see server.hpp).
//
// Body reading. POST /v1/events uses httplib's content-reader handler form: the library reads the
// body only when the handler asks. httplib would inflate a gzip body as it reads, but it takes a
// stream cut short or without its trailer as complete (a half body then failed the signature: 401
// instead of 400). So the handler takes Content-Encoding off the request before reading, reads the
// body as sent, and inflates it with core's gzip_decompress, which checks the trailer and stops as
// soon as the output passes --max-body-bytes: a gzip bomb costs the hub that many bytes of memory,
// not what it would inflate to. The wire size is bounded by httplib's
// payload_max_length, which reads and discards an oversized body before the 413, and a body far over
// it is refused from its Content-Length without reading. A body without Content-Length (chunked) is
// refused: its wire size would be unbounded, and no kiosk sends one.
//
// Static files and Range. httplib 0.11.4 parses a Range header into req.ranges before routing and,
// after the handler, cuts whatever the handler produced to those ranges. For a content provider it
// gets the common cases right (bytes=5-9, bytes=5-, bytes=-5) but not the edges a resuming kiosk
// meets: a range starting at the end (a download that had finished) is sent as "206, Content-Range
// bytes 20-19/20"; one ending past the end announces a Content-Length it never sends (the client
// fails with a read error); it never answers 416 for those; several ranges get a multipart body with
// "/0" as the size. So the static handlers answer Range themselves (static_files.hpp) and then clear
// req.ranges so httplib adds nothing. The Request is a non-const object inside httplib that it hands
// to handlers by const reference, so clearing it through const_cast is defined behaviour; the
// static-file tests fail if a later httplib applies ranges some other way. What httplib still does
// itself: a Range header it cannot parse at all ("bytes=abc", "bytes=9-2") is answered 416 before
// any handler runs, and HEAD runs the GET handler and sends no body.
#include "hub/server.hpp"

#include "hub/ingest.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "hub/static_files.hpp"
#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"
#include "core/wire/gzip.hpp"

// The compiled library (Debian's libcpp-httplib) was built with OpenSSL, zlib and Brotli support;
// the class layouts differ without those macros, so they come from pkg-config's Cflags (CMake), and
// this check keeps a build without them from linking against a mismatching library.
#if !defined(CPPHTTPLIB_ZLIB_SUPPORT) || !defined(CPPHTTPLIB_OPENSSL_SUPPORT) || !defined(CPPHTTPLIB_BROTLI_SUPPORT)
#error "compile with cpp-httplib's pkg-config Cflags (CPPHTTPLIB_OPENSSL/ZLIB/BROTLI_SUPPORT)"
#endif
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sys/socket.h>
#include <string_view>
#include <vector>

namespace lotsen::hub {

namespace {

constexpr const char* k_json = "application/json";

// Bodies up to this many times the wire limit are drained before answering 413 (see the handler).
constexpr std::size_t k_drain_factor = 16;

// Connections the kernel queues before the hub accepts them (httplib's own is 5).
constexpr int k_listen_backlog = 1024;

// Largest piece a content provider hands httplib at once.
constexpr std::size_t k_chunk_bytes = 64 << 10;

bool is_static_path(const std::string& path)
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

// Answers a GET or HEAD for `content`: 304 when the client holds this version, 206 for one
// satisfiable range, 416 for one beyond the end, else 200 with all of it. The body is streamed from
// the content in pieces, never copied whole.
void answer_static(const httplib::Request& req, httplib::Response& res, std::shared_ptr<const ServedContent> content,
                   const char* content_type, const char* cache_control)
{
    const std::string& etag = content->etag();
    const std::uint64_t size = content->size();
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", cache_control);
    res.set_header("Accept-Ranges", "bytes");
    if (req.has_header("If-None-Match") && if_none_match_matches(req.get_header_value("If-None-Match"), etag)) {
        res.status = 304;
        return;
    }
    RangeAnswer range;
    if (req.has_header("Range")
        && (!req.has_header("If-Range") || if_range_allows(req.get_header_value("If-Range"), etag)))
        range = interpret_range(req.get_header_value("Range"), size);
    if (range.kind == RangeAnswer::Kind::unsatisfiable) {
        res.status = 416;
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        res.set_content("the requested range starts at or beyond the end of the " + std::to_string(size) + " bytes\n",
                        "text/plain");
        return;
    }
    std::uint64_t first = 0;
    std::uint64_t length = size;
    if (range.kind == RangeAnswer::Kind::partial) {
        first = range.first;
        length = range.length;
        res.status = 206;
        res.set_header("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/"
                                            + std::to_string(size));
    } else {
        res.status = 200;
    }
    if (length == 0) {
        res.set_content("", content_type);
        return;
    }
    // httplib calls the provider until `length` bytes went out, each time with the offset reached,
    // all on the thread serving this connection: one buffer per response does.
    auto buffer = std::make_shared<std::vector<char>>(static_cast<std::size_t>(std::min<std::uint64_t>(length, k_chunk_bytes)));
    res.set_content_provider(static_cast<std::size_t>(length), content_type,
                             [content, first, buffer](std::size_t offset, std::size_t remaining, httplib::DataSink& sink) {
                                 const std::size_t want = std::min(remaining, buffer->size());
                                 const long got = content->read_at(first + offset, buffer->data(), want);
                                 if (got <= 0)
                                     return false;  // a read error or a file cut short: end the connection
                                 return sink.write(buffer->data(), static_cast<std::size_t>(got));
                             });
}

void write(httplib::Response& res, const IngestResponse& response)
{
    res.status = response.status;
    for (const auto& [name, value] : response.headers)
        res.set_header(name, value);
    res.set_content(response.body, k_json);
}

std::string wire_too_large_message(std::size_t wire_length, std::size_t limit)
{
    return "the request body is " + std::to_string(wire_length) + " bytes on the wire; at most " + std::to_string(limit)
           + " are accepted";
}

enum class BodyRead { complete, too_large, unread };

// Reads the body as sent into `body`, stopping as soon as it would pass `limit` bytes.
// `unread`: the read failed or httplib refused it (see the caller); the body is then not all read.
BodyRead read_body(const httplib::ContentReader& reader, std::size_t limit, std::string& body)
{
    bool too_large = false;
    const bool complete = reader([&](const char* data, std::size_t length) {
        if (length > limit - body.size()) {
            too_large = true;
            return false;  // stops reading and inflating at once
        }
        body.append(data, length);
        return true;
    });
    if (too_large)
        return BodyRead::too_large;
    return complete ? BodyRead::complete : BodyRead::unread;
}

// Ranges are the static handlers' from here on (see the top of this file).
void take_ranges(const httplib::Request& req)
{
    const_cast<httplib::Request&>(req).ranges.clear();
}

// "GET /v1/files/x%0a" for the log: the target as the client sent it, before percent-decoding (so a
// %0a stays three characters), cut at 200 bytes; the log line escapes it as a whole.
std::string request_line(const httplib::Request& req)
{
    const std::string& target = req.target.empty() ? req.path : req.target;
    return req.method.substr(0, 16) + " " + target.substr(0, 200) + (target.size() > 200 ? "..." : "");
}

void refuse_static(httplib::Response& res, int status)
{
    res.status = status;
    res.set_content(status == 404 ? "no such file\n" : "this file cannot be served now\n", "text/plain");
}

// An httplib route pattern is a regular expression: a '.' in `path` must only match a dot.
std::string exact_pattern(std::string_view path)
{
    std::string pattern;
    for (const char c : path)
        pattern += c == '.' ? std::string("\\.") : std::string(1, c);
    return pattern;
}

}  // namespace

UnixSeconds system_clock_now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Server::Server(std::unique_ptr<HubStore> store, ServerOptions options, Clock clock)
    : m_store(std::move(store))
    , m_options(options)
    , m_clock(std::move(clock))
    , m_static(options.published_dir.empty() ? nullptr : std::make_unique<StaticFiles>(options.published_dir))
    , m_http(std::make_unique<httplib::Server>())
{
    configure_http();
    install_routes();
}

Server::~Server() = default;

void Server::configure_http()
{
    const std::size_t threads = std::max<std::size_t>(1, m_options.threads);
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_http->set_keep_alive_max_count(m_options.keep_alive_max_count);
    m_http->set_payload_max_length(m_options.max_wire_body_bytes);
    // A reply goes out as two writes (head, body); with Nagle's algorithm the second waits for the
    // client's delayed ACK, about 40 ms on Linux, for every request on a kept-alive connection.
    m_http->set_tcp_nodelay(true);
    // httplib's default sets SO_REUSEPORT, which let a second `serve` on the same port start and take
    // half the kiosks' connections. SO_REUSEADDR alone still lets a restart bind while old
    // connections sit in TIME_WAIT. The socket is remembered to raise the backlog after bind().
    m_http->set_socket_options([this](int sock) {
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        m_listen_socket = sock;
    });
}

void Server::install_routes()
{
    using httplib::Request;
    using httplib::Response;
    const auto handler = [this](void (Server::*handle)(const Request&, Response&)) {
        return [this, handle](const Request& req, Response& res) { (this->*handle)(req, res); };
    };

    m_http->Get(std::string(protocol::k_health_path), handler(&Server::handle_health));
    m_http->Post(std::string(protocol::k_events_path),
                 [this](const Request& req, Response& res, const httplib::ContentReader& reader) {
                     handle_events(req, res, reader);
                 });
    if (m_static) {
        m_http->Get(exact_pattern(manifest::k_manifest_path), handler(&Server::handle_manifest));
        // Matched against the decoded path: "/v1/files/..%2fhub.db" arrives here as
        // "/v1/files/../hub.db" and fails the file-name rule like any other name that is not
        // "<sha256>.<ext>".
        m_http->Get(std::string(manifest::k_files_prefix) + "(.*)", handler(&Server::handle_file));
    }
    m_http->set_pre_routing_handler([this](const Request& req, Response& res) {
        return refuse_before_routing(req, res) ? httplib::Server::HandlerResponse::Handled
                                               : httplib::Server::HandlerResponse::Unhandled;
    });
    m_http->set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
        return handle_refusal(req, res) ? httplib::Server::HandlerResponse::Handled
                                        : httplib::Server::HandlerResponse::Unhandled;
    }));
}

void Server::log_request(const httplib::Request& req, const std::string& line)
{
    if (!m_options.log_requests)
        return;
    write_log_line(req, line);
}

void Server::log_static_request(const httplib::Request& req, const httplib::Response& res, const std::string& problem)
{
    // A problem (a file that cannot be read) is logged even with --quiet.
    if (!m_options.log_requests && problem.empty())
        return;
    write_log_line(req, request_line(req) + " " + std::to_string(res.status) + (problem.empty() ? "" : ": ") + problem);
}

void Server::write_log_line(const httplib::Request& req, const std::string& line)
{
    // "2026-12-05T19:04:05Z 192.0.2.7:51234 GET /v1/health 200"
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    const std::string text = escape_for_terminal(req.remote_addr + ":" + std::to_string(req.remote_port) + " " + line);
    const std::lock_guard lock(m_log_mutex);
    std::fprintf(stderr, "lotsen-hub: %s %s\n", when, text.c_str());
}

bool Server::refuse_before_routing(const httplib::Request& req, httplib::Response& res)
{
    int status = 0;
    std::string problem;
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : req.headers)
        header_bytes += name.size() + value.size();
    if (req.headers.size() > m_options.max_header_count) {
        status = 431;
        problem = "the request has " + std::to_string(req.headers.size()) + " header lines; at most "
                  + std::to_string(m_options.max_header_count) + " are accepted";
    } else if (header_bytes > m_options.max_header_bytes) {
        status = 431;
        problem = "the request's header names and values are " + std::to_string(header_bytes) + " bytes; at most "
                  + std::to_string(m_options.max_header_bytes) + " are accepted";
    } else if (const std::size_t lengths = req.headers.count("Content-Length"); lengths > 1) {
        // Two lengths let a proxy and the hub disagree where a request ends (request smuggling).
        status = 400;
        problem = "the request has " + std::to_string(lengths) + " Content-Length headers; send exactly one";
    } else if (req.has_header("Content-Length") && req.has_header("Transfer-Encoding")) {
        status = 400;
        problem = "the request has both Content-Length and Transfer-Encoding; send only Content-Length";
    }
    if (status == 0)
        return false;
    // The body, if any, is never read: the connection cannot carry another request.
    IngestResponse response = error_response(status, "bad_request", problem, m_clock());
    response.headers.emplace_back("Connection", "close");
    write(res, response);
    log_request(req, request_line(req) + " " + std::to_string(status) + " bad_request: " + problem);
    return true;
}

void Server::handle_health(const httplib::Request& req, httplib::Response& res)
{
    const nlohmann::json body = {{"status", "ok"}, {"server_time", m_clock()}};
    res.set_content(body.dump(), k_json);
    log_request(req, "GET /v1/health 200");
}

void Server::handle_events(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader)
{
    const std::string prefix = kiosk_prefix(req.get_header_value(protocol::k_header_kiosk));
    // Answers without having read the whole body: the rest of it is still on the connection,
    // so the connection must not be reused for another request.
    auto refuse_unread = [&](int status, const char* code, std::string message) {
        IngestResponse response = error_response(status, code, std::move(message), m_clock());
        response.kiosk_prefix = prefix;
        response.headers.emplace_back("Connection", "close");
        write(res, response);
        log_request(req, request_line(req) + " " + log_line(response));
    };

    const std::string encoding = ascii_lower(trim_header_value(req.get_header_value("Content-Encoding")));
    if (!encoding.empty() && encoding != "gzip" && encoding != "identity") {
        refuse_unread(400, "bad_request",
                      "Content-Encoding '" + encoding.substr(0, 40) + "' is not accepted; send gzip or no encoding");
        return;
    }
    if (ascii_lower(trim_header_value(req.get_header_value("Transfer-Encoding"))).find("chunked") != std::string::npos
        || !req.has_header("Content-Length")) {
        refuse_unread(411, "bad_request", "a request body needs a Content-Length (chunked bodies are not accepted)");
        return;
    }
    const std::string length_text = req.get_header_value("Content-Length");
    std::size_t wire_length = 0;
    const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), wire_length);
    if (ec != std::errc{} || end != length_text.data() + length_text.size()) {
        refuse_unread(400, "bad_request", "Content-Length is not a number");
        return;
    }
    // A body a little over the limit is read and discarded (httplib's payload limit does that), so
    // the kiosk reliably gets its 413 and splits the batch; closing with unread data could reset
    // the connection before the answer arrives, which the kiosk would take for a network error.
    // Far over the limit it is not worth the bandwidth: answer and close.
    if (wire_length > k_drain_factor * m_options.max_wire_body_bytes) {
        refuse_unread(413, "too_large", wire_too_large_message(wire_length, m_options.max_wire_body_bytes));
        return;
    }

    // The body is read as sent and inflated here (see the top of this file): httplib must not see
    // the encoding. The Request is httplib's own non-const object, as with take_ranges().
    const bool gzipped = encoding == "gzip";
    const_cast<httplib::Request&>(req).headers.erase("Content-Encoding");
    std::string body;
    switch (read_body(reader, m_options.max_wire_body_bytes, body)) {
    case BodyRead::complete:
        break;
    case BodyRead::too_large:
        refuse_unread(413, "too_large", wire_too_large_message(wire_length, m_options.max_wire_body_bytes));
        return;
    case BodyRead::unread:
        if (res.status == 413) {
            // httplib read and discarded the whole body: the connection can be kept.
            IngestResponse response = error_response(
                413, "too_large", wire_too_large_message(wire_length, m_options.max_wire_body_bytes), m_clock());
            response.kiosk_prefix = prefix;
            write(res, response);
            log_request(req, request_line(req) + " " + log_line(response));
            return;
        }
        refuse_unread(400, "bad_request", "the request body could not be read (the connection ended before its Content-Length)");
        return;
    }

    if (gzipped) {
        bool over_limit = false;
        auto inflated = gzip_decompress(body, m_options.max_body_bytes, &over_limit);
        if (!inflated) {
            IngestResponse response = over_limit
                ? error_response(413, "too_large", "the request body decompresses to more than "
                                     + std::to_string(m_options.max_body_bytes) + " bytes; that is the most accepted", m_clock())
                : error_response(400, "bad_request", "the request body is not a whole gzip stream: " + inflated.error().text(),
                                 m_clock());
            response.kiosk_prefix = prefix;
            write(res, response);
            log_request(req, request_line(req) + " " + log_line(response));
            return;
        }
        body = std::move(inflated.value());
    }

    // IngestRequest only views these: they must outlive it.
    const std::string kiosk = req.get_header_value(protocol::k_header_kiosk);
    const std::string timestamp = req.get_header_value(protocol::k_header_timestamp);
    const std::string signature = req.get_header_value(protocol::k_header_signature);
    IngestRequest request;
    request.method = req.method;
    request.path = req.path;
    request.kiosk = kiosk;
    request.timestamp = timestamp;
    request.signature = signature;
    request.body = body;
    IngestResponse response;
    {
        const std::lock_guard lock(m_store_mutex);
        response = ingest_events(*m_store, request, m_clock(), IngestOptions{m_options.held_kinds});
    }
    write(res, response);
    log_request(req, request_line(req) + " " + log_line(response));
}

bool Server::handle_refusal(const httplib::Request& req, httplib::Response& res)
{
    // Bodies a handler already wrote are left alone.
    if (!res.body.empty())
        return false;
    if (is_static_path(req.path)) {
        // httplib's 416 for a Range it could not parse. Whatever it parsed before giving up must
        // not be applied to this text (see the top of this file).
        take_ranges(req);
        res.set_content(res.status == 416 ? "unreadable Range header: use bytes=FIRST-LAST, bytes=FIRST- or bytes=-COUNT\n"
                                          : "no such file\n",
                        "text/plain");
        log_request(req, request_line(req) + " " + std::to_string(res.status));
        return true;
    }
    const bool too_large = res.status == 413;
    const IngestResponse response = error_response(
        res.status, too_large ? "too_large" : "bad_request",
        too_large ? std::string("the request body is too large") : "no such endpoint or unreadable request", m_clock());
    res.set_content(response.body, k_json);
    log_request(req, request_line(req) + " " + std::to_string(res.status));
    return true;
}

void Server::handle_manifest(const httplib::Request& req, httplib::Response& res)
{
    take_ranges(req);
    const StaticLookup lookup = m_static->manifest();
    if (lookup.status != StaticLookup::Status::found)
        refuse_static(res, lookup.status == StaticLookup::Status::not_found ? 404 : 500);
    else
        // no-cache: caches may keep it but must ask again (If-None-Match) before every use, so
        // a newly published manifest reaches kiosks at their next poll.
        answer_static(req, res, lookup.content, "application/json", "no-cache");
    log_static_request(req, res, lookup.problem);
}

void Server::handle_file(const httplib::Request& req, httplib::Response& res)
{
    take_ranges(req);
    const std::string name = req.matches[1];
    const StaticLookup lookup = m_static->file(name);
    if (lookup.status != StaticLookup::Status::found)
        refuse_static(res, lookup.status == StaticLookup::Status::not_found ? 404 : 500);
    else
        // A file's name is its SHA-256: its bytes can never change, so caches may keep it for good.
        answer_static(req, res, lookup.content, content_type_for(name), "public, max-age=31536000, immutable");
    log_static_request(req, res, lookup.problem);
}

Result<int> Server::bind(const std::string& host, int port)
{
    int bound = port;
    if (port == 0) {
        bound = m_http->bind_to_any_port(host);
        if (bound <= 0)
            return Error{"serve: cannot listen on " + host + " (any port)"};
    } else if (!m_http->bind_to_port(host, port)) {
        return Error{"serve: cannot listen on " + host + ":" + std::to_string(port)
                     + " (in use, perhaps by another `lotsen-hub serve`, or not an address here)"};
    }
    // httplib listens with a backlog of 5 (built into Debian's library): a burst of kiosks
    // reconnecting after a network outage would wait for SYN retries. listen() again only raises it.
    if (m_listen_socket >= 0)
        ::listen(m_listen_socket, k_listen_backlog);
    return bound;
}

Result<void> Server::run()
{
    if (!m_http->listen_after_bind() && m_http->is_running())
        return Error{"serve: listening stopped unexpectedly"};
    return success();
}

void Server::stop()
{
    m_http->stop();
}

}  // namespace lotsen::hub
