// hub_kiosk_fixture.hpp — what the update tests share: the real `lotsen-hub serve` on loopback with a
// publisher key made by `lotsen-hub keygen`, and a kiosk's data directory with its store, whose
// Updater takes what the hub offers and applies it as KioskApp does.
#pragma once

#include "tests/integration/processes.hpp"

#include "core/catalogue/model.hpp"
#include "core/storage/store.hpp"
#include "core/update/updater.hpp"
#include "core/wire/protocol.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lotsen::testing {

/// A deadline for asynchronous outcomes, never a sleep.
inline constexpr std::chrono::seconds k_hub_wait{30};

class HubKioskTest : public ::testing::Test {
protected:
    /// A fresh directory per test (`prefix`, the process and the test's name), a publisher key pair,
    /// the hub serving from `hub/`, an empty kiosk store in `kiosk/`.
    void SetUp() override;
    void TearDown() override;

    /// The directory's name begins with this (override to tell the tests' leftovers apart).
    virtual std::string root_prefix() const { return "lotsen-hub-kiosk-"; }

    /// A synthetic catalogue of `activities` activities, at `version`.
    static Catalogue synthetic_catalogue(std::int64_t version, int activities, int organisations, std::uint64_t seed);

    /// `lotsen-hub publish KIND FILE … --data-dir hub --key publisher.key` with `extra` appended.
    CommandResult publish_file(const std::string& kind, const std::filesystem::path& file,
                               std::vector<std::string> extra = {}) const;

    /// Options for this kiosk's Updater asking the hub (or whatever listens on `port`, 0: the hub):
    /// it checks once at start and then only when the test asks.
    UpdaterOptions updater_options(int port = 0) const;

    /// Starts m_updater with `options` and waits for the check it makes at start, and only that one.
    Updater& start_updater_with(const UpdaterOptions& options);

    /// Applies a ready catalogue as KioskApp does; true when stored and accepted, otherwise the
    /// refusal or failure is told to the updater.
    bool apply_catalogue(const ReadyUpdate& update);

    /// The reason of the updater's last refusal; empty when there was none.
    std::string last_refusal() const;

    std::filesystem::path keys_dir() const { return m_root / "keys"; }

    std::filesystem::path m_root;
    std::filesystem::path m_hub_dir;
    std::filesystem::path m_kiosk_dir;
    protocol::SigningPublicKey m_publisher{};
    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Updater> m_updater;
};

}  // namespace lotsen::testing
