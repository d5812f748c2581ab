// delivery_fixture.hpp — what the delivery and crash tests share: a temporary hub (keys made by
// `lotsen-hub keygen`, this kiosk enrolled by `lotsen-hub enroll`, `lotsen-hub serve` on loopback),
// a kiosk data directory with its outbox, and questions to the hub's database.
#pragma once

#include "core/outbox/outbox.hpp"
#include "tests/integration/processes.hpp"
#include "core/wire/protocol.hpp"
#include "core/upload/uploader.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lotsen::testing {

class DeliveryTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    /// Enrolls this kiosk's key at the hub; false when `lotsen-hub enroll` failed.
    bool enroll();
    /// Starts the hub (again) on a fresh port.
    void start_hub(std::vector<std::string> extra = {});

    /// Opens the kiosk's outbox with the hub's sealing key and no check-in gap.
    std::unique_ptr<Outbox> open_outbox();
    /// Records `checkins` check-ins and `contacts` contact requests; returns their ids.
    std::vector<std::string> record_events(Outbox& log, int checkins, int contacts);

    /// Fast-retrying uploader options pointed at `port` on loopback.
    UploaderOptions uploader_options(int port) const;

    /// How many times the hub stored event `id` (0 or 1: it dedupes by id).
    int hub_count(const std::string& id) const;
    /// Events the hub stored in all.
    int hub_total() const;
    /// PRAGMA integrity_check of the hub's database.
    std::string hub_integrity() const;
    /// The hub's clock minus this kiosk's when its last batch arrived (received_at − sent_at), seconds.
    std::int64_t hub_clock_skew() const;

    std::filesystem::path m_root;
    std::filesystem::path m_hub_dir;
    std::filesystem::path m_kiosk_dir;
    std::string m_hub_public_key;  ///< base64 X25519, from keygen
    protocol::SigningKeyPair m_kiosk_keys;
    std::unique_ptr<HubProcess> m_hub;
};

}  // namespace lotsen::testing
