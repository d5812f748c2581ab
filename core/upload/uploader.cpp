// uploader.cpp — the upload thread: when to upload (on count, on time, on demand), one pass that
// drains the outbox batch by batch, the reply policy of docs/protocol.md ("Replies", "Retrying"),
// heartbeats, and the events the hub deferred, passed over until their retry is due. One HttpSession
// for the life of the thread (core/net), so the TCP and TLS connection is reused between requests.
//
// Threads. The owner's thread calls flush_now(), note_recorded(), status() and stop(); everything
// else, including the Outbox connection and the HTTP session, lives on the upload thread (a Worker).
// Shared state is under m_mutex; the session watches the worker's stop flag so stop() can end a
// request in flight.
#include "core/upload/uploader.hpp"

#include "core/time/civil_time.hpp"
#include "core/net/http_session.hpp"
#include "core/url/url.hpp"
#include "core/wire/gzip.hpp"
#include "core/base/text_checks.hpp"
#include "core/base/file.hpp"

#include <nlohmann/json.hpp>
#include <sys/statvfs.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <future>
#include <system_error>
#include <unordered_map>

namespace lotsen {

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A hub reply longer than this is not a reply of ours: the request is treated as a network error.
constexpr std::size_t k_max_reply_bytes = 1 << 20;

std::string reply_summary(const HttpReply& reply)
{
    return "HTTP " + std::to_string(reply.status);
}

// What the hub said, fit for one journal line: control characters blanked, at most 300 bytes.
std::string printable(std::string_view text)
{
    std::string out(utf8_prefix(text, 300));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Pure decisions.

ReplyAction classify_reply(const HttpReply& reply, std::int64_t now)
{
    ReplyAction action;
    if (!reply.transport_ok) {
        action.kind = ReplyAction::Kind::retry;
        action.reason = "network: " + reply.transport_error;
        return action;
    }
    if (reply.status == 200) {
        auto decoded = protocol::decode_reply(reply.body);
        if (!decoded) {
            action.kind = ReplyAction::Kind::retry;  // garbage is a network error (docs/protocol.md)
            action.reason = "HTTP 200 with an unreadable reply: " + decoded.error().text();
            return action;
        }
        action.kind = ReplyAction::Kind::deliver;
        action.reply = std::move(decoded).value();
        action.server_time = action.reply.server_time;
        return action;
    }
    // Every other status carries {"error", "message", "server_time"}; 429/503 and 5xx are acted on
    // even without it (a proxy in between may answer with HTML).
    auto error = protocol::decode_error_reply(reply.body);
    const std::string code = error ? error.value().error : std::string();
    std::string detail = reply_summary(reply);
    if (error)
        detail += " " + code + (error.value().message.empty() ? "" : ": " + error.value().message);
    action.reason = detail;
    if (error)
        action.server_time = error.value().server_time;

    if (reply.status == 429 || reply.status == 503) {
        action.kind = ReplyAction::Kind::busy;
        if (!reply.retry_after.empty()) {
            if (auto seconds = protocol::parse_retry_after(reply.retry_after, now))
                action.retry_after_seconds = std::clamp<std::int64_t>(*seconds, 0, k_max_retry_after_seconds);
        }
        return action;
    }
    if (reply.status >= 500 && reply.status <= 599) {
        action.kind = ReplyAction::Kind::retry;
        return action;
    }
    if (!error) {
        // A 4xx without the hub's error body did not come from a hub speaking this protocol (a
        // proxy, a wrong URL): nothing is quarantined on its word.
        action.kind = ReplyAction::Kind::retry;
        action.reason = detail + " without the hub's error body: " + error.error().text();
        return action;
    }
    if (reply.status == 400 || reply.status == 413) {
        action.kind = ReplyAction::Kind::split;
        return action;
    }
    if (reply.status == 401) {
        if (code == "stale_timestamp")
            action.kind = ReplyAction::Kind::adopt_clock;
        else if (code == "replay")
            action.kind = ReplyAction::Kind::new_timestamp;
        else if (code == "unknown_kiosk" || code == "bad_signature")
            action.kind = ReplyAction::Kind::refused;
        else
            action.kind = ReplyAction::Kind::retry;
        return action;
    }
    action.kind = ReplyAction::Kind::retry;  // anything else: keep the batch, try again later
    return action;
}

milliseconds backoff_delay(int failures, milliseconds base, milliseconds cap, std::mt19937_64& rng)
{
    // min(cap, base · 2^n) without overflow: stop doubling once the cap is reached.
    std::int64_t ceiling = std::max<std::int64_t>(base.count(), 0);
    for (int i = 0; i < failures && ceiling < cap.count(); ++i)
        ceiling *= 2;
    ceiling = std::min<std::int64_t>(ceiling, std::max<std::int64_t>(cap.count(), 0));
    std::uniform_int_distribution<std::int64_t> uniform(0, ceiling);
    return milliseconds(uniform(rng));
}

milliseconds failure_delay(int failures, milliseconds base, milliseconds cap, std::optional<std::int64_t> retry_after_seconds,
                           std::mt19937_64& rng)
{
    const milliseconds delay = backoff_delay(failures, base, cap, rng);
    if (!retry_after_seconds)
        return delay;
    const std::int64_t believed = std::clamp<std::int64_t>(*retry_after_seconds, 0, k_max_retry_after_seconds);
    return std::max(delay, milliseconds(believed * 1000));
}

std::vector<std::pair<std::size_t, std::size_t>> split_batch(std::size_t size)
{
    if (size <= 1)
        return {};
    return {{0, size / 2}, {size / 2, size}};
}

std::string heartbeat_json(const HeartbeatFacts& facts)
{
    Json json = {
        {"software_version", facts.software_version},
        {"catalogue_version", facts.catalogue_version},
        {"uptime_s", facts.uptime_s},
        {"queue",
         {{"never_drop", facts.queue.never_drop}, {"low_value", facts.queue.low_value}, {"deferred", facts.events_deferred}}},
        {"quarantined", facts.queue.quarantined},
        {"disk_free_bytes", facts.disk_free_bytes},
    };
    if (facts.last_sync_at)
        json["last_sync_at"] = *facts.last_sync_at;
    if (facts.oldest_waiting_at)
        json["oldest_waiting_s"] = std::max<std::int64_t>(0, facts.now - *facts.oldest_waiting_at);
    if (facts.update_refusal)
        json["update_refusal"] = {{"at", facts.update_refusal->first}, {"reason", facts.update_refusal->second}};
    if (facts.outbox_recovery)
        json["outbox_recovery"] = {{"at", facts.outbox_recovery->at},
                                   {"recovered", facts.outbox_recovery->recovered},
                                   {"kept_aside", facts.outbox_recovery->kept_aside}};
    if (facts.image_refusals)
        json["image_refusals"] = {{"count", facts.image_refusals->count},
                                  {"at", facts.image_refusals->at},
                                  {"reason", facts.image_refusals->reason}};
    json["releases"] = {{"installed", facts.releases_installed}, {"running", facts.release_running},
                        {"failed", facts.releases_failed}};
    return json.dump();
}

std::optional<std::uint64_t> disk_free_bytes(const std::string& path)
{
    struct statvfs fs {};
    if (statvfs(path.c_str(), &fs) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
}

std::string events_url(std::string_view base_url)
{
    while (!base_url.empty() && base_url.back() == '/')
        base_url.remove_suffix(1);
    return std::string(base_url) + std::string(protocol::k_events_path);
}

// ---------------------------------------------------------------------------------------------
// One upload session: everything that lives on the upload thread.

class Uploader::Session {
public:
    /// One batch encoded and ready to send: the events as read, which of them go (the others could not
    /// be encoded and are set aside), the body's hash that is signed and the bytes that are sent.
    struct Prepared {
        std::vector<StoredEvent> events;
        std::vector<std::size_t> sendable;                             ///< indexes into events
        std::vector<std::pair<std::size_t, std::string>> unencodable;  ///< index into events, why
        protocol::Sha256 body_hash{};                                  ///< of the uncompressed JSON
        std::string wire;        ///< the request body: gzip of the JSON, or the JSON itself
        std::string wire_error;  ///< why the body could not be compressed ("" when it was)
        Clock::time_point built_at{};  ///< when `sent_at` in the body was read
    };

    /// How old an encoded batch may be when it goes. The hub corrects an unsynchronised kiosk's times
    /// by the batch's `sent_at` (docs/protocol.md), so a batch that waited behind a slow one (a split,
    /// a slow network) is encoded again with the time it really leaves.
    static constexpr std::chrono::seconds k_max_encoded_age{2};

    explicit Session(Uploader& owner) : m_owner(owner), m_rng(std::random_device{}()) {}

    /// Opens the outbox connection if not yet done. The HTTP session waits for the first request, so
    /// that heartbeats are recorded even while libcurl cannot be loaded.
    Result<void> ready()
    {
        if (!m_log)
            m_log = LOTSEN_TRY(Outbox::open(m_owner.m_options.outbox_path, m_owner.m_options.log_options));
        return success();
    }

    Outbox& log() { return *m_log; }
    std::mt19937_64& rng() { return m_rng; }

    /// What one pass ended with.
    struct Failure {
        std::string reason;
        std::optional<std::int64_t> retry_after_seconds;
        bool refused = false;
    };

    /// Sends batches until nothing is pending but deferred events waiting out their retry;
    /// nullopt when the queue was emptied so.
    std::optional<Failure> drain()
    {
        forget_due_deferrals();
        const bool gzip = m_owner.m_options.gzip;
        std::int64_t after = 0;
        auto first = next_events(after);
        if (!first)
            return Failure{first.error().text(), std::nullopt, false};
        if (first.value().empty())
            return std::nullopt;
        Prepared current = prepare(std::move(first).value(), gzip);
        while (!m_owner.m_worker.stop_requested()) {
            // The next batch is read now and encoded on another thread while this one travels and the
            // hub stores it: a drain then takes about the slower side's work instead of both sides'
            // added up, and on a real network the encoding hides in the round trip. Only reading and
            // encoding run ahead; every reply is handled, and the outbox written, on this thread.
            auto following = next_events(after);
            if (!following)
                return Failure{following.error().text(), std::nullopt, false};
            std::vector<StoredEvent>& events = following.value();
            const bool more = !events.empty();
            std::future<Prepared> next;  // declared after `following`, so it is joined before that goes
            if (more) {
                try {
                    next = std::async(std::launch::async, [&events, gzip] { return prepare(std::move(events), gzip); });
                } catch (const std::system_error&) {
                    // No thread to be had: the next batch is encoded after this one is sent.
                }
            }
            // On a failure the encoded next batch is dropped (the future waits for it); its events stay
            // in the outbox for the next pass.
            if (auto failed = send(current))
                return failed;
            if (!more)
                return std::nullopt;
            current = next.valid() ? next.get() : prepare(std::move(events), gzip);
            if (Clock::now() - current.built_at > k_max_encoded_age)
                current = prepare(std::move(current.events), gzip);
        }
        return Failure{"stopped", std::nullopt, false};
    }

    /// Records a heartbeat with what the uploader knows now.
    Result<void> record_heartbeat()
    {
        HeartbeatFacts facts;
        facts.software_version = LOTSEN_VERSION;
        auto counts = m_log->counts();
        if (counts)
            facts.queue = counts.value();
        facts.disk_free_bytes = disk_free_bytes(m_owner.m_options.data_dir).value_or(0);
        facts.events_deferred = static_cast<std::int64_t>(m_deferred.size());
        facts.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - m_owner.m_started).count();
        facts.now = unix_now();
        if (auto oldest = m_log->oldest_waiting_at())
            facts.oldest_waiting_at = oldest.value();
        {
            std::lock_guard lock(m_owner.m_mutex);
            facts.catalogue_version = m_owner.m_catalogue_version;
            facts.last_sync_at = m_owner.m_status.last_success_at;
            facts.update_refusal = m_owner.m_update_refusal;
            facts.outbox_recovery = m_owner.m_outbox_recovery;
            facts.image_refusals = m_owner.m_image_refusals;
            facts.releases_installed = m_owner.m_releases_installed;
            facts.release_running = m_owner.m_release_running;
            facts.releases_failed = m_owner.m_releases_failed;
        }
        LOTSEN_TRY(m_log->record_heartbeat(heartbeat_json(facts), unix_now(),
                                           system_clock_synchronised() ? ClockSync::synchronised
                                                                       : ClockSync::unsynchronised));
        return success();
    }

private:
    Result<void> open_http()
    {
        const UploaderOptions& o = m_owner.m_options;
        HttpSessionOptions options;
        options.connect_timeout = o.connect_timeout;
        options.low_speed_bytes_per_second = o.low_speed_bytes_per_second;
        options.low_speed_time = o.low_speed_time;
        options.abort = &m_owner.m_worker.stop_flag();
        auto session = HttpSession::create(options);
        if (!session)
            return Error{session.error().message, "uploader"};
        m_http = std::move(session).value();
        return success();
    }

    /// One POST of `batch`, signed with `timestamp`.
    HttpReply post(const Prepared& batch, std::int64_t timestamp)
    {
        HttpReply reply;
        if (!batch.wire_error.empty()) {
            reply.transport_error = batch.wire_error;
            return reply;
        }
        const protocol::SignedHeaders auth = protocol::sign_request(m_owner.m_keys, "POST", protocol::k_events_path,
                                                                    timestamp, batch.body_hash);
        HttpRequest request;
        request.method = HttpRequest::Method::post;
        request.url = m_owner.m_events_url;
        request.timeout = m_owner.m_options.request_timeout;
        request.body = batch.wire;
        auto add = [&](std::string line) { request.headers.push_back(std::move(line)); };
        add("Content-Type: application/json");
        if (m_owner.m_options.gzip)
            add("Content-Encoding: gzip");
        add(std::string(protocol::k_header_kiosk) + ": " + auth.kiosk);
        add(std::string(protocol::k_header_timestamp) + ": " + auth.timestamp);
        add(std::string(protocol::k_header_signature) + ": " + auth.signature);
        // Fresh for every request, also a retry: only this request's reply can carry a time signed over it.
        const std::string nonce = protocol::new_time_nonce();
        add(std::string(protocol::k_header_time_nonce) + ": " + nonce);
        add("Expect:");  // no 100-continue round trip before the body

        if (!m_http) {
            // No session (libcurl missing, say): a transport failure, so the batch waits and is tried again.
            if (auto opened = open_http(); !opened) {
                reply.transport_error = opened.error().text();
                return reply;
            }
        }
        StringSink sink(k_max_reply_bytes);
        const HttpResult result = m_http->perform(request, sink);
        {
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.requests;
        }

        if (!result.transport_ok) {
            reply.transport_error = sink.too_large() ? "the reply is larger than 1 MiB" : result.transport_error;
            return reply;
        }
        reply.transport_ok = true;
        note_hub_time(result.head.header("x-lotsen-time"), auth.signature, nonce);
        reply.status = result.head.status;
        reply.body = std::move(sink.body());
        reply.retry_after = result.head.header("retry-after");
        return reply;
    }

    /// Keeps the hub's signed time from a reply to the request signed `signature` with `nonce`, when
    /// it verifies with the configured time key; refuses and logs it otherwise. A reply without one
    /// (an older hub) is said once.
    void note_hub_time(const std::string& header, const std::string& signature, const std::string& nonce)
    {
        const auto& key = m_owner.m_options.hub_time_key;
        if (!key)
            return;
        if (header.empty()) {
            if (!m_said_no_hub_time) {
                m_said_no_hub_time = true;
                std::fprintf(stderr, "lotsen: the hub's replies carry no signed time (%s; an older hub, or a proxy that "
                                     "drops it): manifest expiry is judged by the local clock\n",
                             protocol::k_header_hub_time);
            }
            return;
        }
        auto verified = protocol::verify_hub_time(header, *key, signature, nonce);
        if (!verified) {
            const std::string problem = printable(verified.error().text());
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.hub_times_refused;
            // Said when it changes, so a proxy that keeps sending a bad one cannot fill the journal.
            if (problem != m_owner.m_status.hub_time_problem)
                std::fprintf(stderr, "lotsen: refused the hub's signed time: %s\n", problem.c_str());
            m_owner.m_status.hub_time_problem = problem;
            return;
        }
        if (m_owner.m_options.hub_time)
            m_owner.m_options.hub_time->record(verified.value());
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_status.hub_time = verified.value();
        m_owner.m_status.hub_time_problem.clear();
    }

    /// The timestamp for a request: the kiosk clock plus the offset the hub taught it.
    std::int64_t timestamp()
    {
        std::lock_guard lock(m_owner.m_mutex);
        return unix_now() + m_owner.m_status.clock_offset;
    }

    /// timestamp(), moved past the previous request's when this one carries the same body: a retry
    /// within the same second would otherwise be signed identically, and the hub refuses a signature
    /// it has seen (replay) — after a reply was lost, that is exactly when the retry matters.
    std::int64_t unrepeated_timestamp(const protocol::Sha256& hash)
    {
        std::int64_t stamp = timestamp();
        if (hash == m_last_body_hash && stamp <= m_last_stamp)
            stamp = m_last_stamp + 1;
        m_last_body_hash = hash;
        m_last_stamp = stamp;
        return stamp;
    }

    void note_delivered(std::size_t sent, std::size_t quarantined)
    {
        const std::int64_t now = unix_now();
        {
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_status.events_sent += sent;
            m_owner.m_status.events_quarantined += quarantined;
            m_owner.m_status.kiosk_refused = false;
            m_owner.m_status.last_success_at = now;
            m_owner.m_status.answered_since_start = true;
        }
        m_owner.save_last_success(now);  // outside the lock: admin's status() never waits for an fsync
    }

    /// Forgets the deferrals whose retry is due: those events are offered again in this pass.
    void forget_due_deferrals()
    {
        const Clock::time_point now = Clock::now();
        std::erase_if(m_deferred, [&](const auto& entry) { return entry.second <= now; });
        publish_deferred_count();
    }

    void publish_deferred_count()
    {
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_status.events_deferred = m_deferred.size();
    }

    /// Keeps the events of `sendable` that the hub deferred back until deferred_retry has gone by;
    /// they stay in the outbox. Ids the batch did not hold are ignored.
    void defer(const std::vector<protocol::EventDeferral>& deferrals, const std::vector<const StoredEvent*>& sendable)
    {
        const auto retry = m_owner.m_options.deferred_retry;
        const Clock::time_point not_before = Clock::now() + retry;
        std::size_t count = 0;
        const protocol::EventDeferral* first = nullptr;
        for (const protocol::EventDeferral& deferral : deferrals) {
            const auto it = std::find_if(sendable.begin(), sendable.end(),
                                         [&](const StoredEvent* e) { return e->id == deferral.id; });
            if (it == sendable.end())
                continue;
            m_deferred[(*it)->seq] = not_before;
            first = first != nullptr ? first : &deferral;
            ++count;
        }
        if (count == 0)
            return;
        publish_deferred_count();
        const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(retry).count();
        const std::string delay = seconds < 120 ? std::to_string(seconds) + " s" : std::to_string(seconds / 60) + " min";
        std::fprintf(stderr,
                     "lotsen: upload: the hub deferred %zu event(s), the first %s: %s; kept in the outbox, offered again "
                     "in %s\n",
                     count, first->id.c_str(), printable(first->reason).c_str(), delay.c_str());
    }

    Result<void> quarantine(const StoredEvent& event, const std::string& reason)
    {
        LOTSEN_TRY(m_log->quarantine(event.id, reason, unix_now()));
        std::lock_guard lock(m_owner.m_mutex);
        ++m_owner.m_status.events_quarantined;
        return success();
    }

    /// The next events after seq `after` (moved past them), without those waiting out a deferral;
    /// empty when nothing else is pending.
    Result<std::vector<StoredEvent>> next_events(std::int64_t& after)
    {
        while (true) {
            auto events = LOTSEN_TRY(m_log->next_batch(after, m_owner.m_options.batch_events, m_owner.m_options.batch_bytes));
            if (events.empty())
                return events;
            after = events.back().seq;
            // A deferred event waits where it is; the ones behind it go on.
            if (!m_deferred.empty())
                std::erase_if(events, [&](const StoredEvent& event) { return m_deferred.contains(event.seq); });
            if (!events.empty())
                return events;
        }
    }

    /// Encodes `events` as one request body. Touches nothing of the session, so that the next batch
    /// can be encoded on another thread while this one is sent.
    static Prepared prepare(std::vector<StoredEvent> events, bool gzip)
    {
        Prepared prepared;
        prepared.events = std::move(events);
        protocol::Batch batch;
        prepared.built_at = Clock::now();
        batch.sent_at = unix_now();
        batch.clock_synchronised = system_clock_synchronised();
        for (std::size_t i = 0; i < prepared.events.size(); ++i) {
            auto wire = protocol::to_wire_event(prepared.events[i]);
            if (!wire) {
                prepared.unencodable.emplace_back(i, "cannot be encoded: " + wire.error().text());
                continue;
            }
            batch.events.push_back(std::move(wire).value());
            prepared.sendable.push_back(i);
        }
        if (prepared.sendable.empty())
            return prepared;
        std::string body = protocol::encode_batch(batch);
        batch.events.clear();  // the body is all that is needed from here; keep memory to one copy
        prepared.body_hash = protocol::sha256(body);
        if (!gzip) {
            prepared.wire = std::move(body);
        } else if (auto compressed = gzip_compress(body)) {
            prepared.wire = std::move(compressed).value();
        } else {
            prepared.wire_error = compressed.error().text();
        }
        return prepared;
    }

    /// Sends `events` as one request, splitting it when the hub refuses it as a whole.
    std::optional<Failure> send(std::vector<StoredEvent> events) { return send(prepare(std::move(events), m_owner.m_options.gzip)); }

    std::optional<Failure> send(const Prepared& prepared)
    {
        auto db_failure = [](const Error& error) { return Failure{error.text(), std::nullopt, false}; };
        for (const auto& [index, reason] : prepared.unencodable) {
            // The kiosk cannot even say it: no hub will ever take it.
            if (auto set_aside = quarantine(prepared.events[index], reason); !set_aside)
                return db_failure(set_aside.error());
        }
        if (prepared.sendable.empty())
            return std::nullopt;
        std::vector<const StoredEvent*> sendable;
        sendable.reserve(prepared.sendable.size());
        for (const std::size_t index : prepared.sendable)
            sendable.push_back(&prepared.events[index]);

        bool adopted_clock = false;
        bool new_timestamp = false;
        std::int64_t stamp = unrepeated_timestamp(prepared.body_hash);
        while (true) {
            const HttpReply reply = post(prepared, stamp);
            if (m_owner.m_worker.stop_requested())
                return Failure{"stopped", std::nullopt, false};
            ReplyAction action = classify_reply(reply, unix_now());
            switch (action.kind) {
            case ReplyAction::Kind::deliver: {
                std::vector<std::string> done = action.reply.accepted;
                done.insert(done.end(), action.reply.duplicate.begin(), action.reply.duplicate.end());
                if (auto acked = m_log->acknowledge(done); !acked)
                    return db_failure(acked.error());
                std::size_t set_aside = 0;
                for (const protocol::EventRejection& rejection : action.reply.rejected) {
                    // Only ids of this batch: a reply cannot quarantine what it was not sent.
                    const auto it = std::find_if(sendable.begin(), sendable.end(),
                                                 [&](const StoredEvent* e) { return e->id == rejection.id; });
                    if (it == sendable.end())
                        continue;
                    if (auto q = m_log->quarantine(rejection.id, "hub: " + rejection.reason, unix_now()); !q)
                        return db_failure(q.error());
                    ++set_aside;
                }
                defer(action.reply.deferred, sendable);
                // An event the reply did not mention stays pending and goes again next pass.
                note_delivered(done.size(), set_aside);
                return std::nullopt;
            }
            case ReplyAction::Kind::split: {
                const auto halves = split_batch(sendable.size());
                if (halves.empty()) {
                    if (auto q = quarantine(*sendable.front(), "hub: " + action.reason); !q)
                        return db_failure(q.error());
                    return std::nullopt;
                }
                for (const auto& [begin, end] : halves) {
                    std::vector<StoredEvent> half;
                    half.reserve(end - begin);
                    for (std::size_t i = begin; i < end; ++i)
                        half.push_back(*sendable[i]);
                    if (auto failed = send(std::move(half)))
                        return failed;
                }
                return std::nullopt;
            }
            case ReplyAction::Kind::adopt_clock:
                if (!adopted_clock && action.server_time > 0) {
                    adopted_clock = true;
                    std::lock_guard lock(m_owner.m_mutex);
                    m_owner.m_status.clock_offset = action.server_time - unix_now();
                    stamp = unix_now() + m_owner.m_status.clock_offset;
                    m_last_stamp = stamp;
                    continue;
                }
                return Failure{action.reason, std::nullopt, false};
            case ReplyAction::Kind::new_timestamp:
                if (!new_timestamp) {
                    new_timestamp = true;
                    // A different timestamp makes a different signature, even within the same second.
                    stamp = std::max(timestamp(), stamp + 1);
                    m_last_stamp = stamp;
                    continue;
                }
                return Failure{action.reason, std::nullopt, false};
            case ReplyAction::Kind::refused:
                return Failure{action.reason, std::nullopt, true};
            case ReplyAction::Kind::busy:
                return Failure{action.reason, action.retry_after_seconds, false};
            case ReplyAction::Kind::retry:
                return Failure{action.reason, std::nullopt, false};
            }
            return Failure{action.reason, std::nullopt, false};
        }
    }

    Uploader& m_owner;
    bool m_said_no_hub_time = false;      ///< "no signed time" is said once per start
    std::int64_t m_last_stamp = 0;        ///< the previous request's X-Lotsen-Timestamp
    protocol::Sha256 m_last_body_hash{};  ///< and its body's hash
    std::unique_ptr<Outbox> m_log;
    std::unique_ptr<HttpSession> m_http;
    std::mt19937_64 m_rng;
    /// Events the hub deferred, by outbox sequence number, and when they may be offered again.
    /// In memory only: after a restart they are offered at once, which is harmless (the outbox
    /// schema stays what older releases read).
    std::unordered_map<std::int64_t, Clock::time_point> m_deferred;
};

// ---------------------------------------------------------------------------------------------
// Uploader

Uploader::Uploader(UploaderOptions options, protocol::SigningKeyPair keys)
    : m_options(std::move(options))
    , m_keys(keys)
    , m_events_url(events_url(m_options.url))
    , m_started(Clock::now())
{
    // The last send before this start, so admin and the heartbeat do not say "never" after a restart.
    if (const auto kept = read_last_success(m_options.data_dir))
        m_status.last_success_at = kept;
}

std::string last_success_path(const std::string& data_dir)
{
    return data_dir + "/last-send.json";
}

std::optional<std::int64_t> read_last_success(const std::string& data_dir)
{
    std::ifstream file(last_success_path(data_dir));
    if (!file)
        return std::nullopt;
    const Json json = Json::parse(file, nullptr, /*allow_exceptions=*/false);
    const auto it = json.is_object() ? json.find("last_success_at") : json.end();
    if (it == json.end() || !it->is_number_integer())
        return std::nullopt;  // damaged: "never" until the next send rewrites it, nothing else depends on it
    return it->get<std::int64_t>();
}

void Uploader::save_last_success(std::int64_t at)
{
    // Written durably at each accepted upload (at most one a flush interval, one small file). A failure
    // costs only the admin line after a restart: say so in the status, do not stop delivering.
    if (auto saved = write_file_atomically(last_success_path(m_options.data_dir),
                                           Json{{"last_success_at", at}}.dump() + "\n", 0644);
        !saved) {
        std::lock_guard lock(m_mutex);
        m_status.last_error = saved.error().text();
    }
}

Result<std::unique_ptr<Uploader>> Uploader::create(UploaderOptions options, protocol::SigningKeyPair keys)
{
    if (auto valid = validate_upstream_url(options.url); !valid)
        return Error{"uploader: url \"" + options.url + "\": " + valid.error().text()};
    if (options.outbox_path.empty())
        return Error{"uploader: no outbox path given"};
    if (options.batch_events == 0 || options.batch_events > protocol::k_max_events_per_batch)
        return Error{"uploader: batch_events must be 1 to " + std::to_string(protocol::k_max_events_per_batch)};
    if (options.batch_bytes == 0)
        return Error{"uploader: batch_bytes must be positive"};
    if (options.deferred_retry.count() < 0)
        return Error{"uploader: deferred_retry must not be negative"};
    if (options.flush_events == 0)
        options.flush_events = 1;
    if (options.data_dir.empty()) {
        const std::size_t slash = options.outbox_path.rfind('/');
        options.data_dir = slash == std::string::npos ? "." : options.outbox_path.substr(0, std::max<std::size_t>(slash, 1));
    }
    // libcurl is loaded by the first request (curl_library.hpp), on the upload thread, not here.
    return std::unique_ptr<Uploader>(new Uploader(std::move(options), keys));
}

Uploader::~Uploader()
{
    stop();
}

void Uploader::start()
{
    m_worker.start([this] { run(); }, [this] { m_status.running = true; });
}

void Uploader::stop()
{
    m_worker.stop();
    std::lock_guard lock(m_mutex);
    m_status.running = false;
}

void Uploader::flush_now()
{
    {
        std::lock_guard lock(m_mutex);
        m_flush_requested = true;
        ++m_flush_generation;
    }
    m_worker.wake();
}

void Uploader::note_recorded()
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        ++m_recorded_since_pass;
        // Deferred events wait for their retry, not for a count: they do not bring an upload forward.
        const std::int64_t pending = m_status.queue ? m_status.queue->never_drop + m_status.queue->low_value
                                                          - static_cast<std::int64_t>(m_status.events_deferred)
                                                    : 0;
        wake = pending + static_cast<std::int64_t>(m_recorded_since_pass)
               >= static_cast<std::int64_t>(m_options.flush_events);
        if (wake) {
            m_flush_requested = true;
            ++m_flush_generation;
        }
    }
    if (wake)
        m_worker.wake();
}

void Uploader::set_catalogue_version(std::int64_t version)
{
    std::lock_guard lock(m_mutex);
    m_catalogue_version = version;
}

void Uploader::set_update_refusal(std::int64_t at, std::string reason)
{
    std::lock_guard lock(m_mutex);
    m_update_refusal = std::pair{at, std::move(reason)};
}

void Uploader::set_outbox_recovery(HeartbeatFacts::OutboxRecoveryFact recovery)
{
    std::lock_guard lock(m_mutex);
    m_outbox_recovery = std::move(recovery);
}

void Uploader::set_image_refusals(HeartbeatFacts::ImageRefusalsFact refusals)
{
    std::lock_guard lock(m_mutex);
    m_image_refusals = std::move(refusals);
}

void Uploader::set_releases(std::vector<std::string> installed, std::string running, std::vector<std::string> failed)
{
    std::lock_guard lock(m_mutex);
    m_releases_installed = std::move(installed);
    m_release_running = std::move(running);
    m_releases_failed = std::move(failed);
}

UploaderStatus Uploader::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

bool Uploader::wait_until_idle(milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_flush_requested = true;
    const std::uint64_t wanted = ++m_flush_generation;
    m_worker.wake();
    return m_worker.wait_for(lock, timeout, [&] { return m_idle_generation >= wanted; });
}

void Uploader::run()
{
    Session session(*this);
    const bool heartbeats = m_options.heartbeat_interval.count() > 0;
    Clock::time_point next_heartbeat = Clock::now();  // one at start: "this kiosk is up"
    Clock::time_point next_flush = Clock::now();      // whatever waits from before goes at once
    Clock::time_point retry_at = Clock::time_point::min();  // backoff; a flush request skips it
    Clock::time_point hub_not_before = Clock::time_point::min();  // Retry-After; never skipped
    int failures = 0;

    auto fail = [&](const std::string& reason, std::optional<std::int64_t> retry_after, bool refused) {
        ++failures;
        const milliseconds delay = failure_delay(failures, m_options.backoff_base, m_options.backoff_cap, retry_after,
                                                 session.rng());
        const Clock::time_point now = Clock::now();
        retry_at = now + delay;
        if (retry_after)
            hub_not_before = now + std::chrono::seconds(std::min(*retry_after, k_max_retry_after_seconds));
        next_flush = retry_at;
        std::lock_guard lock(m_mutex);
        m_status.last_error = reason;
        m_status.consecutive_failures = failures;
        if (refused)
            m_status.kiosk_refused = true;
    };

    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_worker.stop_requested())
                break;
        }
        Clock::time_point now = Clock::now();

        if (auto ready = session.ready(); !ready) {
            fail(ready.error().text(), std::nullopt, false);
            std::lock_guard lock(m_mutex);
            m_flush_requested = false;  // asked again after the backoff, not in a tight loop
        } else {
            if (heartbeats && now >= next_heartbeat) {
                next_heartbeat = now + m_options.heartbeat_interval;
                if (auto recorded = session.record_heartbeat(); !recorded) {
                    std::lock_guard lock(m_mutex);
                    m_status.last_error = recorded.error().text();
                }
            }

            bool flush_requested = false;
            std::uint64_t generation = 0;
            {
                std::lock_guard lock(m_mutex);
                flush_requested = m_flush_requested;
                generation = m_flush_generation;
            }
            if (flush_requested)
                retry_at = Clock::time_point::min();  // "sync now" does not wait out a backoff
            const bool due = flush_requested || now >= next_flush;
            if (due && now >= retry_at && now >= hub_not_before) {
                {
                    std::lock_guard lock(m_mutex);
                    m_flush_requested = false;
                    m_recorded_since_pass = 0;
                    m_status.last_attempt_at = unix_now();
                }
                const auto failed = session.drain();
                if (!failed) {
                    failures = 0;
                    next_flush = Clock::now() + m_options.flush_interval;
                    std::lock_guard lock(m_mutex);
                    m_status.last_error.clear();
                    m_status.consecutive_failures = 0;
                    m_idle_generation = std::max(m_idle_generation, generation);
                } else if (failed->reason != "stopped") {
                    fail(failed->reason, failed->retry_after_seconds, failed->refused);
                }
                auto counts = session.log().counts();
                std::lock_guard lock(m_mutex);
                if (counts)
                    m_status.queue = counts.value();
                m_worker.notify_progress();
            } else if (due) {
                // Waiting out a backoff or Retry-After: the flush stays owed.
                next_flush = std::max(retry_at, hub_not_before);
            }
        }

        // Sleep until the next thing is due, or until someone asks for something.
        std::unique_lock lock(m_mutex);
        if (m_worker.stop_requested())
            break;
        if (m_flush_requested && Clock::now() >= hub_not_before)
            continue;
        Clock::time_point deadline = std::max({next_flush, retry_at, hub_not_before});
        if (heartbeats)
            deadline = std::min(deadline, next_heartbeat);
        const std::uint64_t seen = m_flush_generation;
        m_worker.sleep_until(lock, deadline, [&] { return m_flush_generation != seen; });
    }
    std::lock_guard lock(m_mutex);
    m_status.running = false;
    m_worker.notify_progress();
}

}  // namespace lotsen
