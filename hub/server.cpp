// server.cpp — cpp-httplib wiring for the hub (see server.hpp).
//
// Body reading. POST /v1/events uses httplib's content-reader handler form: the library reads the
// body only when the handler asks, and when the request says Content-Encoding: gzip it inflates as it
// reads and hands the handler decompressed pieces (at most its 16 KiB buffer at a time). The handler
// counts those pieces and stops the read as soon as they pass --max-body-bytes, so a gzip bomb costs
// the hub that many bytes of memory, not what it would inflate to (such a connection is closed with
// the 413: the rest of its body is never read). The wire size is bounded by httplib's
// payload_max_length, which reads and discards an oversized body before the 413, and a body far over
// it is refused from its Content-Length without reading. A body without Content-Length (chunked) is
// refused: its wire size would be unbounded, and no kiosk sends one.
#include "server.hpp"

#include "ingest.hpp"
#include "protocol.hpp"

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
#include <string_view>

namespace lotsen::hub {

namespace {

constexpr const char* k_json = "application/json";

// Bodies up to this many times the wire limit are drained before answering 413 (see the handler).
constexpr std::size_t k_drain_factor = 16;

std::string lowercase_trimmed(std::string text)
{
    const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t'; };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
    text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return text;
}

void write(httplib::Response& res, const IngestResponse& response)
{
    res.status = response.status;
    for (const auto& [name, value] : response.headers)
        res.set_header(name, value);
    res.set_content(response.body, k_json);
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
    , m_http(std::make_unique<httplib::Server>())
{
    install_routes();
}

Server::~Server() = default;

void Server::install_routes()
{
    const std::size_t threads = std::max<std::size_t>(1, m_options.threads);
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_http->set_keep_alive_max_count(m_options.keep_alive_max_count);
    m_http->set_payload_max_length(m_options.max_wire_body_bytes);
    // A reply goes out as two writes (head, body); with Nagle's algorithm the second waits for the
    // client's delayed ACK, about 40 ms on Linux, for every request on a kept-alive connection.
    m_http->set_tcp_nodelay(true);

    auto log = [this](const std::string& line) {
        if (!m_options.log_requests)
            return;
        const std::lock_guard lock(m_log_mutex);
        std::fprintf(stderr, "lotsen-hub: %s\n", line.c_str());
    };

    m_http->Get(std::string(protocol::k_health_path), [this, log](const httplib::Request&, httplib::Response& res) {
        const nlohmann::json body = {{"status", "ok"}, {"server_time", m_clock()}};
        res.set_content(body.dump(), k_json);
        log("GET /v1/health 200");
    });

    m_http->Post(std::string(protocol::k_events_path), [this, log](const httplib::Request& req, httplib::Response& res,
                                                                  const httplib::ContentReader& reader) {
        const std::string prefix = kiosk_prefix(req.get_header_value(protocol::k_header_kiosk));
        // Answers without having read the whole body: the rest of it is still on the connection,
        // so the connection must not be reused for another request.
        auto refuse_unread = [&](int status, const char* code, std::string message) {
            IngestResponse response = error_response(status, code, std::move(message), m_clock());
            response.kiosk_prefix = prefix;
            response.headers.emplace_back("Connection", "close");
            write(res, response);
            log(log_line(response));
        };

        const std::string encoding = lowercase_trimmed(req.get_header_value("Content-Encoding"));
        if (!encoding.empty() && encoding != "gzip" && encoding != "identity") {
            refuse_unread(400, "bad_request",
                          "Content-Encoding '" + encoding.substr(0, 40) + "' is not accepted; send gzip or no encoding");
            return;
        }
        if (lowercase_trimmed(req.get_header_value("Transfer-Encoding")).find("chunked") != std::string::npos
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
            refuse_unread(413, "too_large",
                          "the request body is " + std::to_string(wire_length) + " bytes on the wire; at most "
                              + std::to_string(m_options.max_wire_body_bytes) + " are accepted");
            return;
        }

        std::string body;
        bool too_large = false;
        const std::size_t limit = m_options.max_body_bytes;
        const bool complete = reader([&](const char* data, std::size_t length) {
            if (length > limit - body.size()) {
                too_large = true;
                return false;  // stops reading and inflating at once
            }
            body.append(data, length);
            return true;
        });
        if (too_large) {
            refuse_unread(413, "too_large",
                          "the request body decompresses to more than " + std::to_string(limit)
                              + " bytes; that is the most accepted");
            return;
        }
        if (!complete) {
            if (res.status == 413) {
                // httplib read and discarded the whole body: the connection can be kept.
                IngestResponse response = error_response(
                    413, "too_large",
                    "the request body is " + std::to_string(wire_length) + " bytes on the wire; at most "
                        + std::to_string(m_options.max_wire_body_bytes) + " are accepted",
                    m_clock());
                response.kiosk_prefix = prefix;
                write(res, response);
                log(log_line(response));
                return;
            }
            refuse_unread(400, "bad_request", "the request body could not be read (cut short, or not valid gzip)");
            return;
        }

        IngestRequest request;
        request.method = req.method;
        request.path = req.path;
        const std::string kiosk = req.get_header_value(protocol::k_header_kiosk);
        const std::string timestamp = req.get_header_value(protocol::k_header_timestamp);
        const std::string signature = req.get_header_value(protocol::k_header_signature);
        request.kiosk = kiosk;
        request.timestamp = timestamp;
        request.signature = signature;
        request.body = body;
        IngestResponse response;
        {
            const std::lock_guard lock(m_store_mutex);
            response = ingest_events(*m_store, request, m_clock());
        }
        write(res, response);
        log(log_line(response));
    });

    // httplib's own refusals (no such route, a request it could not parse) in the protocol's shape.
    // Bodies a handler already wrote are left alone.
    m_http->set_error_handler(httplib::Server::HandlerWithResponse([this, log](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        const bool too_large = res.status == 413;
        const IngestResponse response = error_response(
            res.status, too_large ? "too_large" : "bad_request",
            too_large ? std::string("the request body is too large") : "no such endpoint or unreadable request",
            m_clock());
        res.set_content(response.body, k_json);
        log(req.method + " " + req.path.substr(0, 80) + " " + std::to_string(res.status));
        return httplib::Server::HandlerResponse::Handled;
    }));
}

Result<int> Server::bind(const std::string& host, int port)
{
    if (port == 0) {
        const int bound = m_http->bind_to_any_port(host);
        if (bound <= 0)
            return Error{"serve: cannot listen on " + host + " (any port)"};
        return bound;
    }
    if (!m_http->bind_to_port(host, port))
        return Error{"serve: cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address here)"};
    return port;
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
