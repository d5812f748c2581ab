// hub_bench.cpp — see hub_bench.hpp. The clients build requests exactly as the kiosk's uploader does
// (core/protocol's encode_batch and sign_request, core/gzip), so the hub does all its real work per
// request: signature, time window, replay check, decompression, decode, one transaction, dedupe.
// Each batch carries fresh event ids; the hub is a separate process with its database on disk.
#include "tests/bench/hub_bench.hpp"

#include "core/time/civil_time.hpp"
#include "core/outbox/outbox.hpp"
#include "core/wire/gzip.hpp"
#include "tests/bench/process.hpp"
#include "core/wire/protocol.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace lotsen::bench {

namespace {

constexpr int k_kiosks = 64;
constexpr int k_threads = 8;
constexpr int k_events_per_request = 20;
constexpr double k_seconds = 10.0;

using Clock = std::chrono::steady_clock;

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct ThreadResult {
    std::vector<double> latencies_ms;
    std::int64_t events = 0;
    std::string error;
};

// One client thread: its own curl handle (one kept-alive connection), kiosks i, i+k_threads, …
void run_client(int thread, const std::string& url, const std::vector<protocol::SigningKeyPair>& kiosks,
                Clock::time_point until, ThreadResult& result)
{
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        result.error = "curl_easy_init failed";
        return;
    }
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30'000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &discard_body);
    std::size_t next = static_cast<std::size_t>(thread);
    while (Clock::now() < until) {
        const protocol::SigningKeyPair& keys = kiosks[next % kiosks.size()];
        next += k_threads;
        protocol::Batch batch;
        batch.sent_at = unix_now();
        batch.clock_synchronised = true;
        for (int i = 0; i < k_events_per_request; ++i) {
            protocol::WireEvent event;
            event.id = make_uuid_v4();
            event.kind = protocol::WireKind::checkin;
            event.created_at = batch.sent_at;
            event.clock_synchronised = true;
            event.data = R"({"activity_id":"aktivitet-)" + std::to_string(i) + R"(","organisation_id":"forening-)"
                         + std::to_string(i % 7) + R"(","first_visit":true,"mood":"okay"})";
            batch.events.push_back(std::move(event));
        }
        const std::string body = protocol::encode_batch(batch);
        auto compressed = gzip_compress(body);
        if (!compressed) {
            result.error = compressed.error().text();
            break;
        }
        // A fresh timestamp per request keeps signatures unique (the hub refuses a replay).
        const protocol::SignedHeaders signed_headers = protocol::sign_request(keys, "POST", protocol::k_events_path,
                                                                              unix_now(), body);
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, "Content-Type: application/json");
        headers = curl_slist_append(headers, "Content-Encoding: gzip");
        headers = curl_slist_append(headers, "Expect:");
        headers = curl_slist_append(headers, (std::string(protocol::k_header_kiosk) + ": " + signed_headers.kiosk).c_str());
        headers = curl_slist_append(headers, (std::string(protocol::k_header_timestamp) + ": " + signed_headers.timestamp).c_str());
        headers = curl_slist_append(headers, (std::string(protocol::k_header_signature) + ": " + signed_headers.signature).c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, compressed.value().data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(compressed.value().size()));
        const auto start = Clock::now();
        const CURLcode rc = curl_easy_perform(curl);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        curl_slist_free_all(headers);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) {
            result.error = "a request failed: " + std::string(curl_easy_strerror(rc)) + ", HTTP " + std::to_string(status);
            break;
        }
        result.latencies_ms.push_back(ms);
        result.events += k_events_per_request;
    }
    curl_easy_cleanup(curl);
}

}  // namespace

Result<void> measure_hub(const BenchContext& context, Report& report)
{
    if (sodium_init() < 0)
        return Error{"libsodium cannot start"};
    const std::string hub_program = (fs::path(context.lotsen_path).parent_path() / "lotsen-hub").string();
    const fs::path root = fs::temp_directory_path() / ("lotsen-bench-hub-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    if (auto made = run_and_capture({hub_program, "init", "--data-dir", (root / "hub").string()}); !made) {
        fs::remove_all(root);
        return Error{"lotsen-hub init: " + made.error().text()};
    }

    std::vector<protocol::SigningKeyPair> kiosks;
    for (int i = 0; i < k_kiosks; ++i) {
        kiosks.push_back(protocol::generate_signing_key_pair());
        auto enrolled = run_and_capture({hub_program, "enroll", "--data-dir", (root / "hub").string(), "--site",
                                         "Bench " + std::to_string(i), protocol::to_base64(kiosks.back().public_key)});
        if (!enrolled) {
            fs::remove_all(root);
            return Error{"lotsen-hub enroll: " + enrolled.error().text()};
        }
    }
    const fs::path log = root / "hub.log";
    auto hub = ChildProcess::spawn({hub_program, "serve", "--data-dir", (root / "hub").string(), "--listen",
                                    "127.0.0.1:0", "--quiet", "--threads", std::to_string(k_threads)},
                                   {}, log.string());
    if (!hub) {
        fs::remove_all(root);
        return hub.error();
    }
    auto port = wait_for_hub_port(log.string(), hub.value());
    if (!port) {
        fs::remove_all(root);
        return port.error();
    }
    const std::string url = "http://127.0.0.1:" + std::to_string(port.value()) + std::string(protocol::k_events_path);

    std::vector<ThreadResult> results(k_threads);
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(k_seconds));
    for (int t = 0; t < k_threads; ++t)
        threads.emplace_back([&, t] { run_client(t, url, kiosks, until, results[static_cast<std::size_t>(t)]); });
    for (std::thread& thread : threads)
        thread.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    (void)hub.value().terminate(std::chrono::seconds(5));
    fs::remove_all(root);

    std::vector<double> latencies;
    std::int64_t events = 0;
    for (const ThreadResult& result : results) {
        if (!result.error.empty())
            return Error{result.error};
        latencies.insert(latencies.end(), result.latencies_ms.begin(), result.latencies_ms.end());
        events += result.events;
    }
    report.add_count("hub_kiosks", k_kiosks);
    report.add_count("hub_client_threads", k_threads);
    report.add_figure("hub_requests_per_s", static_cast<double>(latencies.size()) / elapsed, 0,
                      "hub ingest: requests per second (20 events each)");
    report.add_figure("hub_events_per_s", static_cast<double>(events) / elapsed, 0, "hub ingest: events per second");
    report.add_figure("hub_p50_ms", percentile(latencies, 0.50), 2, "hub ingest: request latency p50 (ms)");
    report.add_figure("hub_p99_ms", percentile(latencies, 0.99), 2, "hub ingest: request latency p99 (ms)");
    return success();
}

}  // namespace lotsen::bench
