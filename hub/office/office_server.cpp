// office_server.cpp — libmicrohttpd wiring for the office (see office_server.hpp). A request's raw
// target comes from the URI-log callback (the path is percent-decoded here, the query is kept as
// sent for parse_form); its body is collected up to the limit and handed to Office::handle whole.
#include "hub/office/office_server.hpp"

#include "core/base/terminal_text.hpp"
#include "hub/server.hpp"
#include "hub/office/web.hpp"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace lotsen::hub::office {

struct OfficeServer::Exchange {
    std::string target;  ///< as sent
    std::string peer;    ///< the connection's address
    bool started = false;
    bool over_limit = false;
    bool multipart = false;  ///< a form with a file field: cut short at the limit, not refused (multipart.hpp)
    std::string body;
};

namespace {

std::string peer_address(MHD_Connection* connection)
{
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == nullptr || info->client_addr == nullptr)
        return "?";
    char text[INET6_ADDRSTRLEN] = {};
    const sockaddr* address = info->client_addr;
    if (address->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
    else
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
    return text;
}

std::string header(MHD_Connection* connection, const char* name)
{
    const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
    return value == nullptr ? std::string() : std::string(value);
}

// The path for the log: an invitation's token is a password until it is used.
std::string loggable_path(const std::string& path)
{
    if (path.rfind("/invite/", 0) == 0)
        return "/invite/…";
    return path.substr(0, 200);
}

void send(MHD_Connection* connection, const WebResponse& response)
{
    MHD_Response* reply = MHD_create_response_from_buffer(response.body.size(), const_cast<char*>(response.body.data()),
                                                          MHD_RESPMEM_MUST_COPY);
    if (reply == nullptr)
        return;
    MHD_add_response_header(reply, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
    for (const auto& [name, value] : response.headers)
        MHD_add_response_header(reply, name.c_str(), value.c_str());
    MHD_queue_response(connection, static_cast<unsigned>(response.status), reply);
    MHD_destroy_response(reply);
}

struct Callbacks {
    static void* uri_logged(void* /*cls*/, const char* uri, MHD_Connection* connection)
    {
        auto* exchange = new OfficeServer::Exchange;
        exchange->target = uri == nullptr ? "" : std::string(uri).substr(0, 4096);
        exchange->peer = peer_address(connection);
        return exchange;
    }

    static MHD_Result access(void* cls, MHD_Connection* connection, const char* url, const char* method,
                             const char* /*version*/, const char* upload_data, std::size_t* upload_data_size, void** context)
    {
        if (*context == nullptr)
            *context = uri_logged(cls, url, connection);
        auto* server = static_cast<OfficeServer*>(cls);
        return server->on_request(connection, *static_cast<OfficeServer::Exchange*>(*context), method == nullptr ? "" : method,
                                  upload_data, upload_data_size)
                   ? MHD_YES
                   : MHD_NO;
    }

    static void completed(void* /*cls*/, MHD_Connection* /*connection*/, void** context, MHD_RequestTerminationCode /*why*/)
    {
        delete static_cast<OfficeServer::Exchange*>(*context);
        *context = nullptr;
    }

    static void library_log(void* /*cls*/, const char* format, va_list arguments)
    {
        char text[512];
        std::vsnprintf(text, sizeof text, format, arguments);
        std::string line(text);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        std::fprintf(stderr, "lotsen-hub office: %s\n", escape_for_terminal(line).c_str());
    }
};

}  // namespace

OfficeServer::OfficeServer(Office& office, OfficeServerOptions options) : m_office(office), m_options(std::move(options)) {}

OfficeServer::~OfficeServer()
{
    if (m_daemon != nullptr)
        MHD_stop_daemon(m_daemon);
    else if (m_listen_socket >= 0)
        ::close(m_listen_socket);
}

bool OfficeServer::on_request(MHD_Connection* connection, Exchange& exchange, const char* method, const char* upload_data,
                              std::size_t* upload_data_size)
{
    const std::string verb = std::string(method).substr(0, 16);
    if (!exchange.started) {
        exchange.started = true;
        exchange.multipart = header(connection, "Content-Type").rfind("multipart/form-data", 0) == 0;
        if (verb == "POST")
            return true;  // the body follows
    } else if (*upload_data_size > 0) {
        const std::size_t limit = exchange.multipart ? m_options.max_picture_form_bytes : m_options.max_body_bytes;
        if (exchange.body.size() + *upload_data_size > limit) {
            // A picture too large: the fields before it (the file field is the form's last) are kept,
            // so the form comes back with everything typed and the reason at the picture.
            if (exchange.multipart && !exchange.over_limit)
                exchange.body.append(upload_data, limit - exchange.body.size());
            else if (!exchange.multipart)
                exchange.body.clear();
            exchange.over_limit = true;
        } else if (!exchange.over_limit) {
            exchange.body.append(upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return true;
    }
    const std::size_t question = exchange.target.find('?');
    WebRequest request;
    request.method = verb;
    // '+' is a space only in queries and forms; in a path it stays itself.
    {
        std::string raw = exchange.target.substr(0, question);
        std::string decoded;
        for (std::size_t i = 0; i < raw.size(); ++i)
            decoded += raw[i] == '+' ? std::string("%2B") : std::string(1, raw[i]);
        request.path = percent_decode(decoded);
    }
    request.query = question == std::string::npos ? std::string() : exchange.target.substr(question + 1);
    request.cookie = header(connection, "Cookie");
    request.accept_language = header(connection, "Accept-Language");
    const char* forwarded = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Forwarded-For");
    request.client = client_address(exchange.peer, forwarded ? std::optional<std::string>(forwarded) : std::nullopt,
                                    m_options.trusted_proxy);
    request.content_type = header(connection, "Content-Type");
    WebResponse response;
    if (exchange.over_limit && !exchange.multipart) {
        response.status = 413;
        response.content_type = "text/plain; charset=utf-8";
        response.body = "the form is larger than the office accepts\n";
    } else if (verb != "GET" && verb != "HEAD" && verb != "POST") {
        response.status = 405;
        response.content_type = "text/plain; charset=utf-8";
        response.body = "method not allowed\n";
        response.headers.emplace_back("Allow", "GET, HEAD, POST");
    } else {
        request.body = std::move(exchange.body);
        request.body_cut_short = exchange.over_limit;
        response = m_office.handle(request);
    }
    send(connection, response);
    if (m_options.log_requests) {
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
        const std::string line = request.client + " " + verb + " " + loggable_path(request.path) + " " + std::to_string(response.status);
        const std::lock_guard lock(m_log_mutex);
        std::fprintf(stderr, "lotsen-hub office: %s %s\n", when, escape_for_terminal(line).c_str());
    }
    return true;
}

Result<int> OfficeServer::bind(const std::string& host, int port)
{
    const ListeningSocket sock = LOTSEN_TRY(open_listening_socket("office", host, port));
    if (m_listen_socket >= 0)
        ::close(m_listen_socket);
    m_listen_socket = sock.descriptor;
    return sock.port;
}

Result<void> OfficeServer::run()
{
    if (m_listen_socket < 0)
        return Error{"office: bind() first"};
    const unsigned threads = static_cast<unsigned>(std::max<std::size_t>(1, m_options.threads));
    m_daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, nullptr, nullptr, &Callbacks::access, this,
        MHD_OPTION_EXTERNAL_LOGGER, &Callbacks::library_log, this,
        MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(m_listen_socket),
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(std::max<std::size_t>(m_options.max_connections, threads)),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<unsigned>(m_options.max_per_address),
        MHD_OPTION_CONNECTION_TIMEOUT, m_options.idle_timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<std::size_t>(64 << 10),
        MHD_OPTION_URI_LOG_CALLBACK, &Callbacks::uri_logged, this,
        MHD_OPTION_NOTIFY_COMPLETED, &Callbacks::completed, this,
        MHD_OPTION_END);
    if (m_daemon == nullptr)
        return Error{"office: the HTTP server could not start on the bound socket"};
    m_listen_socket = -1;
    {
        std::unique_lock lock(m_run_mutex);
        m_run_changed.wait(lock, [this] { return m_stop_requested; });
    }
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    return success();
}

void OfficeServer::stop()
{
    {
        const std::lock_guard lock(m_run_mutex);
        m_stop_requested = true;
    }
    m_run_changed.notify_all();
}

}  // namespace lotsen::hub::office
