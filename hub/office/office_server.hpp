// office_server.hpp — the web office on libmicrohttpd (`lotsen-hub office`): a few event-loop
// threads, bounded connections and memory like `serve`, form bodies up to 256 KiB (2.5 MiB with a picture), and one log line
// per request (an invitation's token never reaches the log). Everything a page does is Office's.
#pragma once

#include "core/base/result.hpp"
#include "hub/office/office.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

struct MHD_Daemon;
struct MHD_Connection;

namespace lotsen::hub::office {

/// How the office listens.
struct OfficeServerOptions {
    std::size_t threads = 4;
    std::size_t max_connections = 512;
    std::size_t max_per_address = 0;  ///< 0: no limit (behind a proxy every connection is the proxy's)
    unsigned idle_timeout_seconds = 30;
    /// A form bigger than this is refused with 413; an activity form holds texts in seven languages
    /// (descriptions up to 8,000 bytes each, percent-encoded).
    std::size_t max_body_bytes = 256 << 10;
    /// A form with a picture (multipart/form-data): the picture's 2 MiB, the texts and the parts'
    /// headers. Beyond it the body is cut short rather than refused: the form comes back with the
    /// picture's field saying it is too large and everything else as typed (the file field is last).
    std::size_t max_picture_form_bytes = (2 << 20) + (512 << 10);
    bool log_requests = true;
    std::string trusted_proxy;  ///< [office] trusted_proxy
};

/// The office's HTTP server.
class OfficeServer {
public:
    OfficeServer(Office& office, OfficeServerOptions options);
    ~OfficeServer();
    OfficeServer(const OfficeServer&) = delete;
    OfficeServer& operator=(const OfficeServer&) = delete;

    /// Binds `host`:`port` (0 picks a free one); returns the bound port.
    Result<int> bind(const std::string& host, int port);
    /// Serves until stop().
    Result<void> run();
    /// Makes run() return; safe from any thread (not a signal handler).
    void stop();

    /// One request on its way in (office_server.cpp); public for the C callbacks only.
    struct Exchange;
    /// Called by libmicrohttpd for each piece of a request.
    bool on_request(MHD_Connection* connection, Exchange& exchange, const char* method, const char* upload_data,
                    std::size_t* upload_data_size);

private:
    Office& m_office;
    OfficeServerOptions m_options;
    int m_listen_socket = -1;
    MHD_Daemon* m_daemon = nullptr;
    std::mutex m_run_mutex;
    std::condition_variable m_run_changed;
    bool m_stop_requested = false;
    std::mutex m_log_mutex;
};

}  // namespace lotsen::hub::office
