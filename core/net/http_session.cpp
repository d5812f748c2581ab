// http_session.cpp — the libcurl plumbing: the global init, the options a session keeps for its
// life, one request at a time with its headers, range and timeout, and the three callbacks (body to
// the sink, headers collected, progress checking the abort flag).
#include "core/net/http_session.hpp"
#include "core/base/text_checks.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace lotsen {

bool http_library_ready()
{
    // curl_global_init is not thread-safe in every libcurl: once, before any handle (a function-local
    // static is initialised exactly once, whichever thread asks first).
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ready;
}

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
    CURL* curl = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};
    HttpBodySink* sink = nullptr;  ///< of the request in flight
    HttpReplyHead head;            ///< of the request in flight

    ~Handle()
    {
        if (curl)
            curl_easy_cleanup(curl);
    }

    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Handle*>(user);
        const std::size_t bytes = size * count;
        curl_easy_getinfo(self->curl, CURLINFO_RESPONSE_CODE, &self->head.status);
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
    if (!http_library_ready())
        return Error{"libcurl could not be initialised"};
    auto handle = std::make_unique<Handle>();
    handle->curl = curl_easy_init();
    if (!handle->curl)
        return Error{"libcurl could not create a handle"};
    CURL* h = handle->curl;
    // Set once: the handle keeps its connection (and these options) between requests.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are not the main thread
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes_per_second);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a hub's URLs are where it says
    if (!options.content_decoding)
        curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, handle->error_buffer);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Handle::on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, handle.get());
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Handle::on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, handle.get());
    if (options.abort) {
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Handle::on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options.abort));
    }
    return std::unique_ptr<HttpSession>(new HttpSession(std::move(handle)));
}

HttpSession::HttpSession(std::unique_ptr<Handle> handle) : m_handle(std::move(handle)) {}

HttpSession::~HttpSession() = default;

HttpResult HttpSession::perform(const HttpRequest& request, HttpBodySink& sink)
{
    Handle& handle = *m_handle;
    CURL* h = handle.curl;
    handle.sink = &sink;
    handle.head = HttpReplyHead{};
    handle.error_buffer[0] = '\0';

    curl_slist* headers = nullptr;
    for (const std::string& line : request.headers)
        headers = curl_slist_append(headers, line.c_str());
    const std::string range = std::to_string(request.range_from) + "-";
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_RANGE, request.range_from > 0 ? range.c_str() : nullptr);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    if (request.method == HttpRequest::Method::post) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = curl_easy_perform(h);
    // Nothing of this request outlives it in the handle (the header list is freed below).
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_RANGE, nullptr);
    if (request.method == HttpRequest::Method::post)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
    curl_slist_free_all(headers);
    handle.sink = nullptr;

    HttpResult result;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &handle.head.status);
    result.head = std::move(handle.head);
    result.transport_ok = rc == CURLE_OK;
    if (!result.transport_ok)
        result.transport_error = handle.error_buffer[0] ? std::string(handle.error_buffer) : std::string(curl_easy_strerror(rc));
    return result;
}

}  // namespace lotsen
