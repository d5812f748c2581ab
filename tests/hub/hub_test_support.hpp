// hub_test_support.hpp — what the hub tests share: a hub store with one enrolled kiosk, batches built
// with core's protocol encoder, and requests signed exactly as the kiosk's uploader signs them.
#pragma once

#include "core/outbox/outbox.hpp"
#include "hub/hub_store.hpp"
#include "hub/ingest.hpp"
#include "core/wire/protocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace lotsen::hub::test {

/// A fixed "now" for the hub clock: 2025-11-19 12:00 UTC, a Wednesday of ISO week 47.
inline constexpr UnixSeconds k_now = 1763553600;

/// A request with owned strings (IngestRequest only views them).
struct OwnedRequest {
    std::string method = "POST";
    std::string path = "/v1/events";
    protocol::SignedHeaders headers;
    std::string body;
    std::string time_nonce;  ///< X-Lotsen-Time-Nonce; empty = none sent

    IngestRequest view() const
    {
        return IngestRequest{method, path, headers.kiosk, headers.timestamp, headers.signature, time_nonce, body};
    }
};

/// A check-in event with these answers.
inline protocol::WireEvent checkin(const std::string& organisation, const std::string& activity, UnixSeconds created_at,
                                   bool clock_synchronised = true, nlohmann::json extra = nlohmann::json::object())
{
    protocol::WireEvent event;
    event.id = make_uuid_v4();
    event.kind = protocol::WireKind::checkin;
    event.created_at = created_at;
    event.clock_synchronised = clock_synchronised;
    nlohmann::json data = {{"activity_id", activity}};
    if (!organisation.empty())
        data["organisation_id"] = organisation;
    for (const auto& [key, value] : extra.items())
        data[key] = value;
    event.data = data.dump();
    return event;
}

/// A heartbeat event.
inline protocol::WireEvent heartbeat(UnixSeconds created_at, const std::string& software_version = "0.1.0")
{
    protocol::WireEvent event;
    event.id = make_uuid_v4();
    event.kind = protocol::WireKind::heartbeat;
    event.created_at = created_at;
    event.clock_synchronised = true;
    event.data = nlohmann::json{{"software_version", software_version},
                                {"catalogue_version", 12},
                                {"uptime_s", 86400},
                                {"queue", {{"never_drop", 3}, {"low_value", 1}}},
                                {"quarantined", 0},
                                {"disk_free_bytes", 12884901888LL},
                                {"last_sync_at", created_at - 60}}
                     .dump();
    return event;
}

/// A batch sent at `sent_at` by a synchronised clock.
inline protocol::Batch batch_of(std::vector<protocol::WireEvent> events, UnixSeconds sent_at = k_now)
{
    protocol::Batch batch;
    batch.sent_at = sent_at;
    batch.clock_synchronised = true;
    batch.events = std::move(events);
    return batch;
}

/// A hub store (in memory) with one enrolled kiosk, and helpers to send it signed requests.
class HubFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        auto opened = HubStore::open(":memory:");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        store = std::move(opened.value());
        kiosk = protocol::generate_signing_key_pair();
        ASSERT_TRUE(store->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Halmstad bibliotek", "entrance", k_now - 86400).ok());
    }

    OwnedRequest signed_body(const std::string& body, UnixSeconds timestamp = k_now,
                             const protocol::SigningKeyPair* keys = nullptr) const
    {
        OwnedRequest request;
        request.body = body;
        request.headers = protocol::sign_request(keys ? *keys : kiosk, "POST", "/v1/events", timestamp, body);
        return request;
    }

    OwnedRequest signed_batch(const protocol::Batch& batch, UnixSeconds timestamp = k_now) const
    {
        return signed_body(protocol::encode_batch(batch), timestamp);
    }

    IngestResponse send(const OwnedRequest& request, UnixSeconds now = k_now, const IngestOptions& options = {})
    {
        return ingest_events(*store, request.view(), now, options);
    }

    RowCounts counts()
    {
        auto counted = store->row_counts();
        EXPECT_TRUE(counted.ok());
        return counted.ok() ? counted.value() : RowCounts{};
    }

    std::unique_ptr<HubStore> store;
    protocol::SigningKeyPair kiosk;
};

/// Row counts compared as a whole ("nothing was stored").
inline bool same_counts(const RowCounts& a, const RowCounts& b)
{
    return a.kiosks == b.kiosks && a.events == b.events && a.contact_requests == b.contact_requests
           && a.seen_signatures == b.seen_signatures;
}

}  // namespace lotsen::hub::test
