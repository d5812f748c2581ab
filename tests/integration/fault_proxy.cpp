// fault_proxy.cpp — see fault_proxy.hpp. Blocking sockets, one thread per client connection, poll()
// with short timeouts everywhere so that destruction never waits on a peer.
#include "tests/integration/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>

namespace lotsen::testing {

namespace {

constexpr int k_poll_ms = 50;

// Waits until `fd` is readable; false when the proxy is stopping or `budget_ms` (< 0: forever) ran out.
bool wait_readable(int fd, const std::atomic<bool>& stopping, int budget_ms)
{
    int waited = 0;
    while (!stopping) {
        pollfd p{fd, POLLIN, 0};
        const int rc = ::poll(&p, 1, k_poll_ms);
        if (rc > 0)
            return true;
        if (rc < 0 && errno != EINTR)
            return false;
        waited += k_poll_ms;
        if (budget_ms >= 0 && waited >= budget_ms)
            return false;
    }
    return false;
}

bool send_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value of header `name` (lowercase) in a header block, or nullopt.
std::optional<std::string> header_value(std::string_view head, std::string_view name)
{
    std::size_t line_start = head.find("\r\n");
    while (line_start != std::string_view::npos && line_start + 2 < head.size()) {
        const std::size_t begin = line_start + 2;
        const std::size_t end = head.find("\r\n", begin);
        const std::string_view line = head.substr(begin, end == std::string_view::npos ? head.npos : end - begin);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && lower(line.substr(0, colon)) == name) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            return std::string(value);
        }
        line_start = end;
    }
    return std::nullopt;
}

// Removes header `name` (lowercase) from a header block.
std::string without_header(std::string_view head, std::string_view name)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t end = head.find("\r\n", pos);
        end = end == std::string_view::npos ? head.size() : end + 2;
        const std::string_view line = head.substr(pos, end - pos);
        const std::size_t colon = line.find(':');
        if (!(pos > 0 && colon != std::string_view::npos && lower(line.substr(0, colon)) == name))
            out += line;
        pos = end;
    }
    return out;
}

// One HTTP message (request or reply) read from `fd`: head (through the blank line) and body by
// Content-Length. `buffer` keeps bytes read past the message (pipelining, keep-alive).
struct Message {
    std::string head;
    std::string body;
};

std::optional<Message> read_message(int fd, std::string& buffer, const std::atomic<bool>& stopping,
                                    int budget_ms, bool answer_expect)
{
    Message message;
    std::size_t head_end = std::string::npos;
    char chunk[16384];
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!wait_readable(fd, stopping, budget_ms))
            return std::nullopt;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return std::nullopt;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    message.head = buffer.substr(0, head_end + 4);
    buffer.erase(0, head_end + 4);
    std::size_t length = 0;
    if (const auto value = header_value(message.head, "content-length"))
        length = static_cast<std::size_t>(std::stoull(*value));
    if (answer_expect) {
        if (const auto expect = header_value(message.head, "expect"); expect && lower(*expect) == "100-continue") {
            if (!send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n"))
                return std::nullopt;
            message.head = without_header(message.head, "expect");
        }
    }
    while (buffer.size() < length) {
        if (!wait_readable(fd, stopping, budget_ms))
            return std::nullopt;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return std::nullopt;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    message.body = buffer.substr(0, length);
    buffer.erase(0, length);
    return message;
}

void reset_and_close(int fd)
{
    linger hard{1, 0};  // close() now sends RST instead of FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd);
}

std::string canned_reply(int status, int retry_after)
{
    const std::string body = R"({"error":"injected","message":"fault proxy","server_time":0})";
    std::string reply = "HTTP/1.1 " + std::to_string(status) + " Injected\r\nContent-Type: application/json\r\n";
    if (retry_after >= 0)
        reply += "Retry-After: " + std::to_string(retry_after) + "\r\n";
    reply += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return reply;
}

}  // namespace

FaultProxy::FaultProxy(int hub_port) : m_hub_port(hub_port)
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(m_listener, 64) != 0)
        return;  // port() stays 0; the test's first request then fails loudly
    socklen_t size = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size);
    m_port = ntohs(address.sin_port);
    m_acceptor = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy()
{
    m_stopping = true;
    if (m_acceptor.joinable())
        m_acceptor.join();
    {
        std::lock_guard lock(m_mutex);
        for (int client : m_clients)
            ::shutdown(client, SHUT_RDWR);
    }
    for (std::thread& thread : m_threads)
        thread.join();
    if (m_listener >= 0)
        ::close(m_listener);
}

void FaultProxy::script(std::vector<Fault> faults)
{
    std::lock_guard lock(m_mutex);
    m_script.insert(m_script.end(), faults.begin(), faults.end());
}

std::size_t FaultProxy::faults_left() const
{
    std::lock_guard lock(m_mutex);
    return m_script.size();
}

std::vector<std::size_t> FaultProxy::body_sizes() const
{
    std::lock_guard lock(m_mutex);
    return m_body_sizes;
}

std::vector<std::string> FaultProxy::request_heads() const
{
    std::lock_guard lock(m_mutex);
    return m_request_heads;
}

Fault FaultProxy::next_fault()
{
    std::lock_guard lock(m_mutex);
    if (m_script.empty())
        return {};
    Fault fault = m_script.front();
    m_script.pop_front();
    return fault;
}

void FaultProxy::reset_client(int client)
{
    std::lock_guard lock(m_mutex);
    m_clients.erase(std::remove(m_clients.begin(), m_clients.end(), client), m_clients.end());
    reset_and_close(client);
}

void FaultProxy::accept_loop()
{
    while (!m_stopping) {
        if (!wait_readable(m_listener, m_stopping, -1))
            continue;
        const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        std::lock_guard lock(m_mutex);
        m_clients.push_back(client);
        m_threads.emplace_back([this, client] { serve(client); });
    }
}

void FaultProxy::serve(int client)
{
    std::string buffer;
    bool open = true;
    while (open && !m_stopping) {
        auto request = read_message(client, buffer, m_stopping, -1, /*answer_expect=*/true);
        if (!request)
            break;
        ++m_requests;
        {
            std::lock_guard lock(m_mutex);
            m_body_sizes.push_back(request->body.size());
            m_request_heads.push_back(request->head);
        }
        const Fault fault = next_fault();
        switch (fault.kind) {
        case Fault::Kind::status:
            open = send_all(client, canned_reply(fault.status, fault.retry_after));
            continue;
        case Fault::Kind::hang: {
            // Until the client gives up (its timeout) or the proxy goes away.
            char byte;
            while (wait_readable(client, m_stopping, -1) && ::recv(client, &byte, 1, MSG_PEEK) > 0) {
                if (::recv(client, &byte, 1, 0) <= 0)
                    break;
            }
            open = false;
            continue;
        }
        case Fault::Kind::reset_before:
            reset_client(client);
            return;
        case Fault::Kind::garbage_bytes:
            send_all(client, "\x17\x03\x03 this is not HTTP \xff\xfe\r\n\r\n");
            open = false;
            continue;
        case Fault::Kind::delay:
            std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
            break;
        default:
            break;
        }

        // Everything else reaches the hub first.
        const int hub = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(m_hub_port.load()));
        std::optional<Message> reply;
        if (::connect(hub, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
            && send_all(hub, request->head + request->body)) {
            std::string hub_buffer;
            reply = read_message(hub, hub_buffer, m_stopping, 30'000, /*answer_expect=*/false);
        }
        ::close(hub);
        if (!reply) {
            // The hub is down or failed: the client sees a reset, like a dead upstream behind a proxy.
            reset_client(client);
            return;
        }
        ++m_forwarded;
        if (const auto time = header_value(reply->head, "x-lotsen-time")) {
            std::lock_guard lock(m_mutex);
            if (m_first_time_header.empty())
                m_first_time_header = *time;
        }
        switch (fault.kind) {
        case Fault::Kind::reset_after:
            reset_client(client);
            return;
        case Fault::Kind::truncate_reply: {
            const std::string whole = reply->head + reply->body;
            send_all(client, std::string_view(whole).substr(0, whole.size() - std::max<std::size_t>(1, reply->body.size() / 2)));
            open = false;
            continue;
        }
        case Fault::Kind::cut_reply: {
            // The head promises the whole body; the connection ends partway (a cut mid-download).
            const std::size_t through = std::min(fault.cut_after, reply->body.size());
            send_all(client, reply->head + reply->body.substr(0, through));
            open = false;
            continue;
        }
        case Fault::Kind::corrupt_body: {
            std::string body = reply->body;
            if (!body.empty())
                body[body.size() / 2] = static_cast<char>(body[body.size() / 2] ^ 0x20);
            open = send_all(client, reply->head + body);
            continue;
        }
        case Fault::Kind::replay_time: {
            std::string replayed;
            {
                std::lock_guard lock(m_mutex);
                replayed = m_first_time_header;
            }
            std::string head = without_header(reply->head, "x-lotsen-time");
            head.insert(head.size() - 2, "X-Lotsen-Time: " + replayed + "\r\n");
            open = send_all(client, head + reply->body);
            continue;
        }
        case Fault::Kind::garbage_reply: {
            const std::string body = "<html><body>502 Bad Gateway</body></html>";
            open = send_all(client, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                                        + std::to_string(body.size()) + "\r\n\r\n" + body);
            continue;
        }
        default:
            open = send_all(client, reply->head + reply->body);
            if (const auto connection = header_value(reply->head, "connection"); connection && lower(*connection) == "close")
                open = false;
        }
    }
    std::lock_guard lock(m_mutex);
    if (std::find(m_clients.begin(), m_clients.end(), client) != m_clients.end()) {
        m_clients.erase(std::remove(m_clients.begin(), m_clients.end(), client), m_clients.end());
        ::close(client);
    }
}

}  // namespace lotsen::testing
