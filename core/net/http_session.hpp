// http_session.hpp — the program's one HTTP client (the upload and the update thread each own a
// session): one libcurl easy handle kept for the session's life, so the TCP and TLS connection is
// reused between requests, and an abort flag that ends a transfer in flight within about a second.
//
// libcurl is loaded when the first session is made (curl_library.hpp), not when the program starts.
// A session belongs to one thread. Bodies go to a sink: a bounded string (replies, manifests) or a
// file (downloads); what a reply means is the caller's business.
#pragma once

#include "core/base/result.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen {

/// How a session's connection behaves; fixed for its life.
struct HttpSessionOptions {
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);  ///< to have a connection
    long low_speed_bytes_per_second = 100;  ///< below this for low_speed_time: the request is abandoned
    std::chrono::seconds low_speed_time = std::chrono::seconds(20);        ///< how long too slow is tolerated
    bool content_decoding = true;  ///< false: bodies exactly as sent (a signed file's bytes and size)
    const std::atomic<bool>* abort = nullptr;  ///< set (by another thread): the request in flight ends
};

/// One request. The URL and the headers are the caller's; the session adds nothing of its own.
struct HttpRequest {
    /// The HTTP methods the kiosk uses.
    enum class Method { get, post };
    Method method = Method::get;  ///< GET or POST
    std::string url;              ///< the whole URL
    std::vector<std::string> headers;   ///< "Name: value" lines; "Name:" removes one libcurl would send
    std::string_view body;              ///< a POST's body; must outlive perform()
    std::uint64_t range_from = 0;       ///< > 0: "Range: bytes=<from>-"
    std::chrono::milliseconds timeout{0};  ///< the whole request; 0 = none (the low-speed limit still holds)
};

/// A reply's status and headers as far as they have arrived.
struct HttpReplyHead {
    long status = 0;  ///< 0 until the status line arrived
    std::vector<std::pair<std::string, std::string>> headers;  ///< lowercase name, trimmed value

    /// The last value of header `lowercase_name`; empty when absent.
    std::string header(std::string_view lowercase_name) const;
};

/// Where a reply's body goes.
class HttpBodySink {
public:
    virtual ~HttpBodySink() = default;
    /// Takes the next bytes of the body (`head` is the reply's so far); false ends the transfer.
    virtual bool write(const HttpReplyHead& head, std::string_view bytes) = 0;
};

/// A body kept as a string of at most `limit` bytes; a longer one ends the transfer.
class StringSink final : public HttpBodySink {
public:
    /// A sink that keeps at most `limit` bytes.
    explicit StringSink(std::size_t limit) : m_limit(limit) {}
    /// Appends `bytes`; false (and too_large()) when the body would pass the limit.
    bool write(const HttpReplyHead& head, std::string_view bytes) override;

    /// The body so far.
    std::string& body() { return m_body; }
    /// True when the body was longer than the limit (and the transfer was ended for it).
    bool too_large() const { return m_too_large; }

private:
    std::size_t m_limit;
    std::string m_body;
    bool m_too_large = false;
};

/// A body appended to an open file from its current offset, never beyond `limit` bytes in the file.
class FileSink final : public HttpBodySink {
public:
    /// `fd` stays the caller's; the file already holds `bytes_in_file` bytes.
    FileSink(int fd, std::uint64_t bytes_in_file, std::uint64_t limit)
        : m_fd(fd), m_bytes(bytes_in_file), m_limit(limit) {}
    /// Appends `bytes` to the file; false on overflow() or write_failed().
    bool write(const HttpReplyHead& head, std::string_view bytes) override;

    /// Empties the file: the next bytes are its first. False when it cannot be truncated.
    bool restart();
    /// Bytes in the file (those there before, then the ones appended).
    std::uint64_t bytes() const { return m_bytes; }
    /// True when more than `limit` bytes were offered (and the transfer was ended for it).
    bool overflow() const { return m_overflow; }
    /// True when a write failed (errno tells why).
    bool write_failed() const { return m_write_failed; }

private:
    int m_fd;
    std::uint64_t m_bytes;
    std::uint64_t m_limit;
    bool m_overflow = false;
    bool m_write_failed = false;
};

/// What one request came to.
struct HttpResult {
    bool transport_ok = false;  ///< false: no complete reply (refused, reset, timed out, aborted, a sink said stop)
    std::string transport_error;  ///< libcurl's message when !transport_ok
    HttpReplyHead head;           ///< status and headers (whatever arrived, also when !transport_ok)
};

/// A kept-alive HTTP session over one libcurl easy handle.
class HttpSession {
public:
    /// A session; the error says libcurl could not be initialised or give a handle.
    static Result<std::unique_ptr<HttpSession>> create(const HttpSessionOptions& options);
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    /// Makes `request`, the body into `sink`; blocks until the reply is complete, fails or is aborted.
    HttpResult perform(const HttpRequest& request, HttpBodySink& sink);

private:
    struct Handle;
    explicit HttpSession(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> m_handle;
};

}  // namespace lotsen
