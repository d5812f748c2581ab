// http_session.cpp — the libcurl plumbing: the options a session keeps for its life, one request at
// a time with its headers, range and timeout, and the three callbacks (body to the sink, headers
// collected, progress checking the abort flag). Every libcurl call goes through the table that
// curl_library.hpp loads on demand.
#include "core/net/http_session.hpp"
#include "core/base/text_checks.hpp"
#include "core/net/curl_library.hpp"
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace lotsen {

std::string HttpReplyHead::header(std::string_view lowercase_name) const
{
    for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
        if (it->first == lowercase_name)
            return it->second;
    }
    return {};
}

bool StringSink::write(const HttpReplyHead&, std::string_view bytes)
{
    if (m_body.size() + bytes.size() > m_limit) {
        m_too_large = true;
        return false;
    }
    m_body.append(bytes);
    return true;
}

bool FileSink::write(const HttpReplyHead&, std::string_view bytes)
{
    if (m_bytes + bytes.size() > m_limit) {
        m_overflow = true;  // never more than the caller said the file may hold
        return false;
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_write_failed = true;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    m_bytes += bytes.size();
    return true;
}

bool FileSink::restart()
{
    if (::ftruncate(m_fd, 0) != 0 || ::lseek(m_fd, 0, SEEK_SET) != 0) {
        m_write_failed = true;
        return false;
    }
    m_bytes = 0;
    return true;
}

// ---------------------------------------------------------------------------------------------
// The handle and its callbacks.

struct HttpSession::Handle {
    const CurlLibrary* api = nullptr;
    CURL* curl = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};
    HttpBodySink* sink = nullptr;  ///< of the request in flight
    HttpReplyHead head;            ///< of the request in flight

    ~Handle()
    {
        if (curl)
            api->easy_cleanup(curl);
    }

    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Handle*>(user);
        const std::size_t bytes = size * count;
        self->api->easy_getinfo(self->curl, CURLINFO_RESPONSE_CODE, &self->head.status);
        // Anything but `bytes` aborts the transfer.
        return self->sink->write(self->head, std::string_view(data, bytes)) ? bytes : 0;
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Handle*>(user);
        const std::size_t bytes = size * count;
        const std::string_view line(data, bytes);
        if (line.starts_with("HTTP/"))
            self->head.headers.clear();  // a new reply's headers (after a 100 Continue, say): forget the previous ones
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos)
            self->head.headers.emplace_back(ascii_lower(trim_header_value(line.substr(0, colon))),
                                            trim_header_value(line.substr(colon + 1)));
        return bytes;
    }

    static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        // Called at least once a second, also while connecting: non-zero aborts the request.
        return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
    }
};

Result<std::unique_ptr<HttpSession>> HttpSession::create(const HttpSessionOptions& options)
{
    const CurlLibrary* api = LOTSEN_TRY(curl_library());
    auto handle = std::make_unique<Handle>();
    handle->api = api;
    handle->curl = api->easy_init();
    if (!handle->curl)
        return Error{"libcurl could not create a handle"};
    CURL* h = handle->curl;
    const auto setopt = api->easy_setopt;
    // Set once: the handle keeps its connection (and these options) between requests.
    setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are not the main thread
    setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    setopt(h, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes_per_second);
    setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
    setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a hub's URLs are where it says
    if (!options.content_decoding)
        setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    setopt(h, CURLOPT_ERRORBUFFER, handle->error_buffer);
    setopt(h, CURLOPT_WRITEFUNCTION, &Handle::on_body);
    setopt(h, CURLOPT_WRITEDATA, handle.get());
    setopt(h, CURLOPT_HEADERFUNCTION, &Handle::on_header);
    setopt(h, CURLOPT_HEADERDATA, handle.get());
    if (options.abort) {
        setopt(h, CURLOPT_NOPROGRESS, 0L);
        setopt(h, CURLOPT_XFERINFOFUNCTION, &Handle::on_progress);
        setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options.abort));
    }
    return std::unique_ptr<HttpSession>(new HttpSession(std::move(handle)));
}

HttpSession::HttpSession(std::unique_ptr<Handle> handle) : m_handle(std::move(handle)) {}

HttpSession::~HttpSession() = default;

HttpResult HttpSession::perform(const HttpRequest& request, HttpBodySink& sink)
{
    Handle& handle = *m_handle;
    CURL* h = handle.curl;
    const CurlLibrary& api = *handle.api;
    const auto setopt = api.easy_setopt;
    handle.sink = &sink;
    handle.head = HttpReplyHead{};
    handle.error_buffer[0] = '\0';

    curl_slist* headers = nullptr;
    for (const std::string& line : request.headers)
        headers = api.slist_append(headers, line.c_str());
    const std::string range = std::to_string(request.range_from) + "-";
    setopt(h, CURLOPT_URL, request.url.c_str());
    setopt(h, CURLOPT_HTTPHEADER, headers);
    setopt(h, CURLOPT_RANGE, request.range_from > 0 ? range.c_str() : nullptr);
    setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    if (request.method == HttpRequest::Method::post) {
        setopt(h, CURLOPT_POST, 1L);
        setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else {
        setopt(h, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = api.easy_perform(h);
    // Nothing of this request outlives it in the handle (the header list is freed below).
    setopt(h, CURLOPT_HTTPHEADER, nullptr);
    setopt(h, CURLOPT_RANGE, nullptr);
    if (request.method == HttpRequest::Method::post)
        setopt(h, CURLOPT_POSTFIELDS, nullptr);
    api.slist_free_all(headers);
    handle.sink = nullptr;

    HttpResult result;
    api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &handle.head.status);
    result.head = std::move(handle.head);
    result.transport_ok = rc == CURLE_OK;
    if (!result.transport_ok)
        result.transport_error = handle.error_buffer[0] ? std::string(handle.error_buffer) : std::string(api.easy_strerror(rc));
    return result;
}

}  // namespace lotsen
