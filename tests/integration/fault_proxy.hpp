// fault_proxy.hpp — a loopback HTTP/1.1 proxy that stands between the kiosk's uploader and the real
// hub and misbehaves on cue: canned 500/503/429 (with Retry-After)/413 replies, hangs, connection
// resets before or after the hub saw the request, truncated replies and garbage. It is how the
// integration tests show that every event still arrives exactly once.
//
// It understands just enough HTTP for the uploader's requests: a header block, Content-Length
// bodies, "Expect: 100-continue". Each request goes to the hub on a fresh connection.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lotsen::testing {

/// What the proxy does with one request.
struct Fault {
    enum class Kind {
        forward,         ///< pass it to the hub and the reply back
        status,          ///< answer `status` itself (with Retry-After when retry_after >= 0); the hub never sees it
        hang,            ///< read the request, answer nothing, keep the connection open until the client leaves
        reset_before,    ///< close with RST (SO_LINGER 0) before the hub sees it
        reset_after,     ///< forward to the hub (which stores the events), then RST instead of the reply
        truncate_reply,  ///< forward, then send half of the hub's reply and close
        garbage_reply,   ///< forward, then answer 200 with a body that is not JSON
        garbage_bytes,   ///< answer bytes that are not HTTP at all, then close
        cut_reply,       ///< forward, then send the hub's head and only `cut_after` body bytes, and close
        corrupt_body,    ///< forward, with one byte in the middle of the reply body changed (a bad cache on the way)
        replay_time,     ///< forward, with the reply's X-Lotsen-Time replaced by the first one the proxy passed on (a replay)
        delay,           ///< wait `delay_ms`, then forward (a slow network)
    };
    Kind kind = Kind::forward;
    int status = 0;
    int retry_after = -1;  ///< seconds; -1 = no header
    std::size_t cut_after = 0;  ///< cut_reply: body bytes that get through
    int delay_ms = 0;           ///< delay: how long the request is held before it goes on
};

/// The proxy. Listens on 127.0.0.1 at a kernel-chosen port.
class FaultProxy {
public:
    /// Forwards to 127.0.0.1:`hub_port`.
    explicit FaultProxy(int hub_port);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    /// The port to point the uploader at.
    int port() const { return m_port; }
    /// Changes where requests are forwarded (the hub restarted on another port).
    void set_hub_port(int hub_port) { m_hub_port = hub_port; }

    /// Faults for the next requests, in order; once they are used up, requests are forwarded.
    void script(std::vector<Fault> faults);
    /// Faults not yet used.
    std::size_t faults_left() const;

    /// Requests read from clients so far.
    int requests() const { return m_requests; }
    /// Requests that reached the hub.
    int forwarded() const { return m_forwarded; }
    /// Request bodies' sizes on the wire, in arrival order.
    std::vector<std::size_t> body_sizes() const;
    /// Request heads (request line and headers), in arrival order.
    std::vector<std::string> request_heads() const;

private:
    void accept_loop();
    void serve(int client);
    /// Forgets `client` and closes it with RST.
    void reset_client(int client);
    Fault next_fault();

    int m_listener = -1;
    int m_port = 0;
    std::atomic<int> m_hub_port;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_requests{0};
    std::atomic<int> m_forwarded{0};
    mutable std::mutex m_mutex;
    std::deque<Fault> m_script;
    std::vector<std::size_t> m_body_sizes;
    std::vector<std::string> m_request_heads;
    std::string m_first_time_header;  ///< the first X-Lotsen-Time value a reply carried (replay_time)
    std::vector<int> m_clients;  ///< open client sockets, shut down on destruction
    std::vector<std::thread> m_threads;
    std::thread m_acceptor;
};

}  // namespace lotsen::testing
