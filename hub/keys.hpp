// keys.hpp — the hub operator's key files (`lotsen-hub keygen`): the X25519 sealing key pair whose
// public half every kiosk seals contact requests to, and the Ed25519 publisher key pair that signs
// what kiosks download; and the hub's time key in its data dir, which signs its clock for kiosks. Secret halves are written with mode 0600 and never overwritten: losing the
// sealing key to an accidental second keygen would make every sealed request unreadable.
#pragma once

#include "core/wire/protocol.hpp"
#include "core/base/result.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace lotsen::hub {

/// File names keygen writes into its directory.
inline constexpr const char* k_seal_secret_file = "hub-seal.key";
inline constexpr const char* k_seal_public_file = "hub-seal.pub";
inline constexpr const char* k_publisher_secret_file = "publisher.key";
inline constexpr const char* k_publisher_public_file = "publisher.pub";
/// The hub's time key, in its data dir (not keygen's folder): `serve` signs its clock with it.
inline constexpr const char* k_time_secret_file = "hub-time.key";
inline constexpr const char* k_time_public_file = "hub-time.pub";

/// What keygen wrote.
struct GeneratedKeys {
    std::string seal_public_base64;       ///< for every kiosk's [upstream] hub_public_key
    std::string publisher_public_base64;  ///< for kiosks that verify manifests
};

/// Generates both key pairs into `directory` (which must exist). Refuses, writing nothing, when any
/// of the four files already exists.
Result<GeneratedKeys> generate_keys(const std::string& directory);

/// The hub's X25519 sealing key pair, as the inbox needs it to open sealed boxes.
struct SealKeyPair {
    std::array<std::uint8_t, 32> public_key{};
    std::array<std::uint8_t, 32> secret_key{};
};

/// Reads a sealing secret key file (32 raw bytes, not readable by others) and derives its public half.
Result<SealKeyPair> load_seal_key(const std::string& path);

/// Reads the publisher's secret key file (publisher.key: 64 raw bytes, the libsodium Ed25519 secret
/// key, not readable by others). Never creates one: a missing key is an error. A file whose public
/// half does not match its seed (damaged) is refused.
Result<protocol::SigningKeyPair> load_publisher_key(const std::string& path);

/// The hub's time key pair (docs/protocol.md, "The hub's signed time") and whether it was just made.
struct TimeKey {
    protocol::SigningKeyPair keys;
    bool created = false;  ///< hub-time.key did not exist and was made now
    std::string public_base64;  ///< for every kiosk's [upstream] hub_time_key
};

/// Loads DATA_DIR/hub-time.key (64 raw bytes, mode 0600, the kiosk key's format), making it when it
/// does not exist, and writes hub-time.pub (base64) beside it when that is missing or does not match.
/// A damaged or readable-by-others secret is refused with a message naming it, never replaced: the
/// kiosks hold its public half.
Result<TimeKey> load_or_create_time_key(const std::string& data_dir);

/// Reads a publisher public key file (publisher.pub: base64 on one line), for checking a manifest
/// without the secret key.
Result<protocol::SigningPublicKey> load_publisher_public_key(const std::string& path);

}  // namespace lotsen::hub
