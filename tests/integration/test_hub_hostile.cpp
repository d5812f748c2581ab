// Hostile clients against the real `lotsen-hub serve` on loopback (issue 17): requests no kiosk sends,
// written byte by byte on a raw socket so that nothing in between tidies them up. Each test says what the
// hub must answer and then that it still answers health. Time is judged by a generous socket timeout,
// never asserted (timing goals belong in lotsen-bench).
#include "tests/integration/delivery_fixture.hpp"

#include "core/time/civil_time.hpp"
#include "core/wire/gzip.hpp"
#include "core/wire/protocol.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace lotsen::testing {
namespace {

// The longest a test waits for any one answer: far longer than the hub ever needs.
constexpr int k_patience_seconds = 30;

struct RawReply {
    int status = 0;     ///< 0 when no status line arrived (connection reset or closed)
    std::string head;   ///< status line and headers
    std::string body;
};

// Sends `request` as it is on a new connection and reads until the hub closes it or the reply's
// Content-Length is all there.
RawReply raw_exchange(int port, const std::string& request)
{
    RawReply reply;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return reply;
    timeval patience{k_patience_seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &patience, sizeof patience);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return reply;
    }
    // The hub may answer and close before all of a refused request is written: a failed send is fine.
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += static_cast<std::size_t>(n);
    }
    std::string received;
    char buffer[65536];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        received.append(buffer, static_cast<std::size_t>(n));
        const std::size_t end = received.find("\r\n\r\n");
        if (end == std::string::npos)
            continue;
        const std::size_t length_at = received.find("Content-Length: ");
        if (length_at != std::string::npos && length_at < end) {
            const std::size_t length = std::stoul(received.substr(length_at + 16));
            if (received.size() >= end + 4 + length)
                break;
        }
    }
    ::close(fd);
    const std::size_t end = received.find("\r\n\r\n");
    if (received.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos)
        return reply;
    reply.status = std::atoi(received.c_str() + 9);
    reply.head = received.substr(0, end);
    reply.body = received.substr(end + 4);
    return reply;
}

// A connection to the hub on which the test writes by hand; -1 when it could not be made.
int open_connection(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    timeval patience{k_patience_seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &patience, sizeof patience);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

class HostileClients : public DeliveryTest {
protected:
    bool healthy()
    {
        const RawReply reply = raw_exchange(m_hub->port(), "GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
        return reply.status == 200 && reply.body.find("\"status\":\"ok\"") != std::string::npos;
    }

    // A POST /v1/events signed over `body` as this kiosk, with `wire_body` on the wire (the body itself,
    // or its gzip) and `extra_headers` ("Name: value\r\n" each) after the signed ones.
    std::string signed_post(const std::string& body, const std::string& wire_body, const std::string& extra_headers = {},
                            bool content_length = true) const
    {
        const protocol::SignedHeaders signed_headers =
            protocol::sign_request(m_kiosk_keys, "POST", "/v1/events", unix_now(), body);
        std::string request = "POST /v1/events HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n";
        request += std::string(protocol::k_header_kiosk) + ": " + signed_headers.kiosk + "\r\n";
        request += std::string(protocol::k_header_timestamp) + ": " + signed_headers.timestamp + "\r\n";
        request += std::string(protocol::k_header_signature) + ": " + signed_headers.signature + "\r\n";
        request += "Content-Type: application/json\r\n";
        if (content_length)
            request += "Content-Length: " + std::to_string(wire_body.size()) + "\r\n";
        request += extra_headers;
        request += "\r\n";
        request += wire_body;
        return request;
    }

    static std::int64_t unix_now()
    {
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    }

    // A batch of one heartbeat whose data is `data` (JSON object text, sent as it is).
    static std::string heartbeat_batch(const std::string& data)
    {
        protocol::WireEvent event;
        event.id = make_uuid_v4();
        event.kind = protocol::WireKind::heartbeat;
        event.created_at = unix_now();
        event.clock_synchronised = true;
        event.data = data;
        protocol::Batch batch;
        batch.sent_at = unix_now();
        batch.clock_synchronised = true;
        batch.events.push_back(std::move(event));
        return protocol::encode_batch(batch);
    }

    static std::string gzip(const std::string& body)
    {
        auto packed = gzip_compress(body, 9);
        EXPECT_TRUE(packed.ok());
        return packed.ok() ? packed.value() : std::string();
    }
};

// Finding 1: one enrolled key sent a heartbeat whose data nested a million arrays (2 MB unpacked,
// about 2 KB gzipped) and the hub died of a stack overflow while encoding it.
TEST_F(HostileClients, AMillionNestedArraysAreRefusedWith400AndTheHubStaysUp)
{
    ASSERT_TRUE(enroll());
    ASSERT_GT(m_hub->port(), 0);
    constexpr std::size_t depth = 1'000'000;
    const std::string data = "{\"software_version\":\"0.1.0\",\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
    const std::string body = heartbeat_batch(data);
    const std::string packed = gzip(body);
    ASSERT_LT(packed.size(), 10'000u);

    const RawReply reply = raw_exchange(m_hub->port(), signed_post(body, packed, "Content-Encoding: gzip\r\n"));
    EXPECT_EQ(reply.status, 400) << reply.head << "\n" << reply.body;
    EXPECT_NE(reply.body.find("\"error\":\"bad_request\""), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find("nested more than 64 levels"), std::string::npos) << reply.body;
    EXPECT_TRUE(healthy()) << "the hub no longer answers health";
    EXPECT_EQ(hub_total(), 0);
}

// Finding 1, the quieter half: depth 10,000 was accepted and stored, and every later dump() of it
// (fleet, export) recursed ten thousand levels.
TEST_F(HostileClients, NestingDeeperThanTheBoundIsNotStored)
{
    ASSERT_TRUE(enroll());
    constexpr std::size_t depth = 10'000;
    const std::string data = "{\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
    const std::string body = heartbeat_batch(data);
    const RawReply reply = raw_exchange(m_hub->port(), signed_post(body, body));
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("nested more than"), std::string::npos) << reply.body;
    EXPECT_EQ(hub_total(), 0);
    EXPECT_TRUE(healthy());
}

// Finding 3: two million "X-n: y" headers were read, kept and answered 200 (memory 35 → 314 MB).
// Within the library's per-connection memory the hub counts them itself and says which cap it was.
TEST_F(HostileClients, TooManyHeadersAreRefusedWith431)
{
    std::string request = "GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n";
    for (int i = 0; i < 150; ++i)
        request += "X-" + std::to_string(i) + ": y\r\n";
    request += "\r\n";
    const RawReply reply = raw_exchange(m_hub->port(), request);
    EXPECT_EQ(reply.status, 431) << reply.head;
    EXPECT_NE(reply.body.find("header lines"), std::string::npos) << reply.body;
    EXPECT_TRUE(healthy());
}

TEST_F(HostileClients, TooManyHeaderBytesAreRefusedWith431)
{
    // Five headers of 4,000 bytes each: 20 KB, past the hub's 16 KiB of names and values.
    std::string request = "GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n";
    for (int i = 0; i < 5; ++i)
        request += "X-" + std::to_string(i) + ": " + std::string(4000, 'v') + "\r\n";
    request += "\r\n";
    const RawReply reply = raw_exchange(m_hub->port(), request);
    EXPECT_EQ(reply.status, 431) << reply.head;
    EXPECT_NE(reply.body.find("bytes"), std::string::npos) << reply.body;
    EXPECT_TRUE(healthy());
}

// The hub's peak resident memory in KiB (VmHWM), 0 when it cannot be read.
long peak_memory_kib(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atol(line.c_str() + 6);
    }
    return 0;
}

// Past the per-connection memory the library refuses the request itself (431, or the connection
// closed while the client is still sending); either way the hub's memory does not follow the client.
TEST_F(HostileClients, TwoMillionHeadersDoNotGrowTheHub)
{
    const long before = peak_memory_kib(m_hub->pid());
    ASSERT_GT(before, 0);
    std::string request = "GET /v1/health HTTP/1.1\r\nHost: hub\r\n";
    request.reserve(30'000'000);
    for (int i = 0; i < 2'000'000; ++i)
        request += "X-" + std::to_string(i) + ": y\r\n";
    request += "\r\n";
    const RawReply reply = raw_exchange(m_hub->port(), request);
    EXPECT_TRUE(reply.status == 431 || reply.status == 0) << reply.head;
    EXPECT_TRUE(healthy());
    const long after = peak_memory_kib(m_hub->pid());
    // 26 MB of headers; the hub's peak may move by a few pages, never by the request's size.
    EXPECT_LT(after - before, 8 * 1024) << "peak resident memory went from " << before << " KiB to " << after << " KiB";
}

// Finding 2: eight clients sending one header line every three seconds held every worker, and so did
// 1,000 idle connections (which also took 30 s to open: the listen backlog was 5). Now each costs the
// hub a connection slot and a bounded piece of memory, not a thread: health and a signed upload answer
// while they all stay open.
TEST_F(HostileClients, SlowAndIdleClientsDoNotHoldTheHub)
{
    ASSERT_TRUE(enroll());
    rlimit files{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
    ASSERT_GE(files.rlim_cur, 1200u) << "this test holds 1,008 connections open";

    std::vector<int> idle;
    const auto opening = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) {
        const int fd = open_connection(m_hub->port());
        if (fd < 0)
            break;
        idle.push_back(fd);
    }
    const auto opened_in = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - opening);
    RecordProperty("idle_connections_opened_ms", std::to_string(opened_in.count()));
    EXPECT_EQ(idle.size(), 1000u);

    std::vector<int> slow;
    for (int i = 0; i < 8; ++i) {
        const int fd = open_connection(m_hub->port());
        ASSERT_GE(fd, 0);
        const std::string start = "GET /v1/health HTTP/1.1\r\nHost: hub\r\n";
        ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
        slow.push_back(fd);
    }
    std::atomic<bool> done{false};
    std::thread drip([&] {
        for (int line = 0; !done.load(); ++line) {
            const std::string header = "X-Slow-" + std::to_string(line) + ": y\r\n";
            for (const int fd : slow)
                ::send(fd, header.data(), header.size(), MSG_NOSIGNAL);
            for (int wait = 0; wait < 20 && !done.load(); ++wait)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    // Let every slow client get at least one more line in, as they would while holding a worker.
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));

    EXPECT_TRUE(healthy()) << "health did not answer while slow and idle clients held connections";
    const std::string body = heartbeat_batch("{\"software_version\":\"0.1.0\"}");
    const RawReply upload = raw_exchange(m_hub->port(), signed_post(body, gzip(body), "Content-Encoding: gzip\r\n"));
    EXPECT_EQ(upload.status, 200) << upload.head << "\n" << upload.body;
    EXPECT_EQ(hub_total(), 1);

    // The slow clients were not cut off to make room: their connections are still open.
    std::size_t still_open = 0;
    for (const int fd : slow) {
        char byte = 0;
        const ssize_t n = ::recv(fd, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            ++still_open;
    }
    EXPECT_EQ(still_open, slow.size());
    done.store(true);
    drip.join();
    for (const int fd : slow)
        ::close(fd);
    for (const int fd : idle)
        ::close(fd);
    EXPECT_TRUE(healthy());
}

// Finding 7: Content-Length 2 and 40 were both accepted; behind a proxy that reads the other one,
// the rest of the body becomes a second, smuggled request.
TEST_F(HostileClients, TwoContentLengthsAreRefused)
{
    ASSERT_TRUE(enroll());
    const std::string body = heartbeat_batch("{\"software_version\":\"0.1.0\"}");
    const RawReply reply = raw_exchange(
        m_hub->port(), signed_post(body, body, "Content-Length: 2\r\n"));
    EXPECT_EQ(reply.status, 400) << reply.head << "\n" << reply.body;
    EXPECT_NE(reply.body.find("Content-Length headers"), std::string::npos) << reply.body;
    EXPECT_EQ(hub_total(), 0);
    EXPECT_TRUE(healthy());
}

// Finding 6: a gzip body without its trailer was accepted, and one cut in half was answered 401
// bad_signature, so the kiosk's admin would have blamed the enrolment.
TEST_F(HostileClients, AGzipBodyWithoutItsTrailerIs400)
{
    ASSERT_TRUE(enroll());
    const std::string body = heartbeat_batch("{\"software_version\":\"0.1.0\"}");
    const std::string packed = gzip(body);
    const std::string no_trailer = packed.substr(0, packed.size() - 8);  // CRC-32 and length
    const RawReply reply = raw_exchange(m_hub->port(), signed_post(body, no_trailer, "Content-Encoding: gzip\r\n"));
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("\"error\":\"bad_request\""), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find("gzip"), std::string::npos) << reply.body;
    EXPECT_EQ(hub_total(), 0);
}

TEST_F(HostileClients, AGzipBodyCutInHalfIs400NotABadSignature)
{
    ASSERT_TRUE(enroll());
    std::string data = "{\"software_version\":\"0.1.0\",\"note\":\"";
    for (int i = 0; i < 400; ++i)
        data += std::to_string(i * 7919 % 1000) + " ";
    data += "\"}";
    const std::string body = heartbeat_batch(data);
    const std::string packed = gzip(body);
    const RawReply reply = raw_exchange(m_hub->port(), signed_post(body, packed.substr(0, packed.size() / 2),
                                                                   "Content-Encoding: gzip\r\n"));
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.body.find("bad_signature"), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find("gzip"), std::string::npos) << reply.body;
    EXPECT_TRUE(healthy());
}

// Finding 5: `fleet` printed a heartbeat's software_version with terminal escapes and an update
// refusal's reason with a line break that forged a whole kiosk entry.
TEST_F(HostileClients, FleetShowsWhatAKioskSentEscaped)
{
    ASSERT_TRUE(enroll());
    const std::string forged = "\\n! Forged kiosk   key AAAAAAAA\\u2026\\n      last seen never";
    const std::string data = "{\"software_version\":\"1.0\\u001b]0;owned\\u0007\\u001b[2J\","
                             "\"update_refusal\":{\"at\":1,\"reason\":\"bad" + forged + "\"}}";
    const std::string body = heartbeat_batch(data);
    const RawReply reply = raw_exchange(m_hub->port(), signed_post(body, body));
    ASSERT_EQ(reply.status, 200) << reply.body;
    ASSERT_NE(reply.body.find("\"accepted\":[\""), std::string::npos) << reply.body;

    const CommandResult fleet = run_command({hub_program(), "fleet", "--data-dir", m_hub_dir.string()});
    ASSERT_EQ(fleet.exit_code, 0) << fleet.output;
    EXPECT_EQ(fleet.output.find('\x1b'), std::string::npos) << fleet.output;
    EXPECT_EQ(fleet.output.find('\x07'), std::string::npos) << fleet.output;
    EXPECT_EQ(fleet.output.find("\n! Forged kiosk"), std::string::npos) << fleet.output;
    EXPECT_NE(fleet.output.find("1.0\\x1b]0;owned\\x07"), std::string::npos) << fleet.output;
    EXPECT_NE(fleet.output.find("bad\\x0a! Forged kiosk"), std::string::npos) << fleet.output;
}

// Finding 4: a path was logged percent-decoded and raw, so %0a forged a log line and %1b]0;…%07 set
// the terminal's title. Every request line also needs its time and client address.
TEST_F(HostileClients, TheRequestLogCannotBeForged)
{
    m_hub.reset();
    ChildProcess hub({hub_program(), "serve", "--data-dir", m_hub_dir.string(), "--listen", "127.0.0.1:0"},
                     /*merge_stderr=*/true);
    int port = 0;
    std::string line;
    while (port == 0 && hub.read_line(line, k_patience_seconds * 1000)) {
        if (const std::size_t at = line.find("listening on "); at != std::string::npos)
            port = std::atoi(line.c_str() + line.rfind(':') + 1);
    }
    ASSERT_GT(port, 0);
    const RawReply forged = raw_exchange(
        port, "GET /v1/files/x%0alotsen-hub:%20kiosk%20ABCDEFGH%20200%20accepted=1%1b%5d0;owned%07 HTTP/1.1\r\n"
              "Host: hub\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(forged.status, 404) << forged.head;
    const RawReply health = raw_exchange(port, "GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(health.status, 200);

    // Every line the two requests wrote, up to the health line.
    std::string log;
    while (hub.read_line(line, k_patience_seconds * 1000)) {
        log += line + "\n";
        if (line.find("/v1/health") != std::string::npos)
            break;
    }
    EXPECT_EQ(log.find('\x1b'), std::string::npos) << log;
    EXPECT_EQ(log.find('\x07'), std::string::npos) << log;
    EXPECT_EQ(log.find("\nlotsen-hub: kiosk ABCDEFGH"), std::string::npos) << log;
    EXPECT_EQ(log.rfind("lotsen-hub: kiosk ABCDEFGH", 0), std::string::npos) << log;
    // Each request line: "lotsen-hub: 2026-12-05T19:04:05Z 127.0.0.1:PORT GET …".
    std::size_t request_lines = 0;
    for (std::size_t start = 0; start < log.size();) {
        const std::size_t end = log.find('\n', start);
        const std::string one = log.substr(start, end - start);
        start = end + 1;
        if (one.find(" GET ") == std::string::npos)
            continue;
        ++request_lines;
        EXPECT_EQ(one.size() > 33 ? one.substr(12 + 10, 1) : "", "T") << one;
        EXPECT_NE(one.find("Z 127.0.0.1:"), std::string::npos) << one;
    }
    EXPECT_EQ(request_lines, 2u) << log;
    hub.kill_and_wait(SIGTERM);
}

// Finding 9: hub.db, its -wal and -shm were 0644 when the hub ran outside the packaged unit (umask 022).
TEST_F(HostileClients, TheHubsFilesArePrivateUnderUmask022)
{
    m_hub.reset();
    const mode_t before = ::umask(022);
    const std::filesystem::path fresh = m_root / "fresh-hub";
    {
        HubProcess hub(fresh.string());
        ASSERT_GT(hub.port(), 0);
        const RawReply health = raw_exchange(hub.port(), "GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(health.status, 200);
        const CommandResult enrolled = run_command({hub_program(), "enroll", "--data-dir", fresh.string(), "--site",
                                                    "Testbiblioteket", protocol::to_base64(m_kiosk_keys.public_key)});
        ASSERT_EQ(enrolled.exit_code, 0) << enrolled.output;
        auto mode = [](const std::filesystem::path& path) {
            struct stat info {};
            return ::stat(path.c_str(), &info) == 0 ? static_cast<int>(info.st_mode & 07777) : -1;
        };
        EXPECT_EQ(mode(fresh), 0700);
        EXPECT_EQ(mode(fresh / "hub.db"), 0600);
        EXPECT_EQ(mode(fresh / "hub.db-wal"), 0600);
        EXPECT_EQ(mode(fresh / "hub.db-shm"), 0600);
    }
    ::umask(before);
}

// An operator mistake (issue 17): a second `serve` on the same port started too (SO_REUSEPORT) and
// split the kiosks' traffic between two hubs.
TEST_F(HostileClients, ASecondServeOnTheSamePortIsRefused)
{
    ASSERT_GT(m_hub->port(), 0);
    const std::filesystem::path other = m_root / "other-hub";
    HubProcess second(other.string(), m_hub->port());
    EXPECT_EQ(second.port(), 0) << "a second hub listens on the first one's port";
    EXPECT_TRUE(healthy());
}

// Operator mistakes: a mistyped --data-dir made a new empty hub, so an enrol into the typo
// "succeeded" while the real hub kept refusing the kiosk. Only `init` makes a hub now.
TEST_F(HostileClients, AMistypedDataDirIsRefusedNotCreated)
{
    const std::filesystem::path typo = m_root / "hbu";
    const std::string key = protocol::to_base64(m_kiosk_keys.public_key);
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {hub_program(), "enroll", "--data-dir", typo.string(), "--site", "Testbiblioteket", key},
             {hub_program(), "serve", "--data-dir", typo.string(), "--listen", "127.0.0.1:0"},
             {hub_program(), "fleet", "--data-dir", typo.string()},
             {hub_program(), "stats", "--data-dir", typo.string()}}) {
        const CommandResult result = run_command(command);
        EXPECT_NE(result.exit_code, 0) << command[1] << ": " << result.output;
        EXPECT_NE(result.output.find(typo.string()), std::string::npos) << command[1] << ": " << result.output;
        EXPECT_NE(result.output.find("lotsen-hub init"), std::string::npos) << command[1] << ": " << result.output;
        EXPECT_FALSE(std::filesystem::exists(typo)) << command[1] << " created " << typo;
    }
    // An existing folder that holds no hub is refused the same way and left empty.
    std::filesystem::create_directories(typo);
    const CommandResult into_empty = run_command({hub_program(), "enroll", "--data-dir", typo.string(), "--site", "X", key});
    EXPECT_NE(into_empty.exit_code, 0) << into_empty.output;
    EXPECT_NE(into_empty.output.find("no hub.db"), std::string::npos) << into_empty.output;
    EXPECT_TRUE(std::filesystem::is_empty(typo));
    // init makes it a hub; a second init changes nothing; then enroll works.
    const CommandResult init = run_command({hub_program(), "init", "--data-dir", typo.string()});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    const CommandResult again = run_command({hub_program(), "init", "--data-dir", typo.string()});
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("already holds a hub"), std::string::npos) << again.output;
    const CommandResult enrolled = run_command({hub_program(), "enroll", "--data-dir", typo.string(), "--site", "X", key});
    EXPECT_EQ(enrolled.exit_code, 0) << enrolled.output;
}

// `inbox --secret-key hub-seal.pub` said "others may read this secret key, chmod 600".
TEST_F(HostileClients, InboxNamesThePublicKeyForWhatItIs)
{
    const std::filesystem::path pub = m_root / "keys" / "hub-seal.pub";
    const CommandResult result =
        run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--secret-key", pub.string()});
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("this is a public key"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find((m_root / "keys" / "hub-seal.key").string()), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("chmod"), std::string::npos) << result.output;
}

// keygen printed only the sealing key in config form; a kiosk also needs the publisher key and the url.
TEST_F(HostileClients, KeygenPrintsEveryValueAKiosksConfigNeeds)
{
    const std::filesystem::path keys = m_root / "more-keys";
    std::filesystem::create_directories(keys);
    const CommandResult result = run_command({hub_program(), "keygen", "--out-dir", keys.string()});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    auto first_line = [](const std::filesystem::path& path) {
        std::ifstream in(path);
        std::string line;
        std::getline(in, line);
        return line;
    };
    EXPECT_NE(result.output.find("hub_public_key = \"" + first_line(keys / "hub-seal.pub") + "\""), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("publisher_public_key = \"" + first_line(keys / "publisher.pub") + "\""), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("[upstream]\nurl = "), std::string::npos) << result.output;
}

// `lotsen-hub backup` copies hub.db while the hub serves; `restore` puts a copy back and refuses one
// that is damaged or not a hub's, changing nothing.
TEST_F(HostileClients, BackupWhileServingAndRestore)
{
    ASSERT_TRUE(enroll());
    const std::string first = heartbeat_batch("{\"software_version\":\"0.1.0\"}");
    ASSERT_EQ(raw_exchange(m_hub->port(), signed_post(first, first)).status, 200);
    const std::filesystem::path copy = m_root / "hub-backup.db";
    const CommandResult backup = run_command({hub_program(), "backup", "--data-dir", m_hub_dir.string(), copy.string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.output;
    EXPECT_NE(backup.output.find("1 kiosk(s), 1 event(s)"), std::string::npos) << backup.output;
    struct stat info {};
    ASSERT_EQ(::stat(copy.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0600u);
    // Never over an existing file.
    const CommandResult again = run_command({hub_program(), "backup", "--data-dir", m_hub_dir.string(), copy.string()});
    EXPECT_NE(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("never overwrites"), std::string::npos) << again.output;

    const std::string second = heartbeat_batch("{\"software_version\":\"0.1.1\"}");
    ASSERT_EQ(raw_exchange(m_hub->port(), signed_post(second, second)).status, 200);
    ASSERT_EQ(hub_total(), 2);
    m_hub.reset();

    // A file that is not a hub's, and a damaged copy, are refused and change nothing.
    const std::filesystem::path stranger = m_root / "stranger.db";
    { std::ofstream(stranger) << "not a database"; }
    const std::filesystem::path damaged = m_root / "damaged.db";
    std::filesystem::copy_file(copy, damaged);
    std::filesystem::resize_file(damaged, std::filesystem::file_size(damaged) / 2);
    for (const std::filesystem::path& bad : {stranger, damaged}) {
        const CommandResult refused = run_command({hub_program(), "restore", "--data-dir", m_hub_dir.string(), bad.string()});
        EXPECT_NE(refused.exit_code, 0) << refused.output;
        EXPECT_NE(refused.output.find(bad.string()), std::string::npos) << refused.output;
        EXPECT_EQ(hub_total(), 2);
    }
    const CommandResult restored = run_command({hub_program(), "restore", "--data-dir", m_hub_dir.string(), copy.string()});
    ASSERT_EQ(restored.exit_code, 0) << restored.output;
    EXPECT_EQ(hub_total(), 1);
    // The restored hub serves and still knows the kiosk.
    start_hub();
    const std::string third = heartbeat_batch("{\"software_version\":\"0.1.2\"}");
    EXPECT_EQ(raw_exchange(m_hub->port(), signed_post(third, third)).status, 200);
    EXPECT_EQ(hub_total(), 2);
}

// stats and inbox needed --catalogue FILE for names although the hub holds what it published.
TEST_F(HostileClients, StatsTakeNamesFromThePublishedCatalogue)
{
    const CommandResult before = run_command({hub_program(), "stats", "--data-dir", m_hub_dir.string()});
    ASSERT_EQ(before.exit_code, 0) << before.output;
    EXPECT_NE(before.output.find("names not shown (ids instead): nothing published"), std::string::npos) << before.output;
    const CommandResult published =
        run_command({hub_program(), "publish", "catalogue", std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json",
                     "--data-dir", m_hub_dir.string(), "--key", (m_root / "keys" / "publisher.key").string()});
    ASSERT_EQ(published.exit_code, 0) << published.output;
    const CommandResult after = run_command({hub_program(), "stats", "--data-dir", m_hub_dir.string()});
    ASSERT_EQ(after.exit_code, 0) << after.output;
    EXPECT_EQ(after.output.find("names not shown"), std::string::npos) << after.output;
}

}  // namespace
}  // namespace lotsen::testing
