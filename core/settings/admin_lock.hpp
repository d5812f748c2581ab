// admin_lock.hpp — the staff PIN that unlocks admin mode: hashing it (Argon2id, libsodium), checking a
// typed PIN against the configured hash, and a lockout that grows with every failure in a row.
//
// A PIN has at most 12 digits, so anyone holding the hash can try every PIN offline within hours,
// whatever the Argon2 cost: the hash keeps the PIN out of plain sight in config files and backups, and
// lotsen.toml must stay readable by root and the kiosk user only. What guards the screen itself is the
// lockout: 3 wrong PINs in a row lock it for 30 s, each further one doubles that, up to an hour.
#pragma once

#include "core/base/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// Argon2id time cost of new PIN hashes (passes over memory). With k_pin_hash_memlimit this is the
/// OWASP Password Storage Cheat Sheet's Argon2id minimum, "m=19456 (19 MiB), t=2, p=1". libsodium's
/// own INTERACTIVE preset (t=2, m=64 MiB) would add a 64 MiB spike to a kiosk whose whole resident
/// budget is 40 MiB, on every PIN attempt; 19 MiB is freed again as soon as the check returns.
inline constexpr unsigned long long k_pin_hash_opslimit = 2;

/// Argon2id memory of new PIN hashes, in bytes (19 MiB; see k_pin_hash_opslimit).
inline constexpr std::size_t k_pin_hash_memlimit = 19u * 1024u * 1024u;

/// The most memory (bytes) a configured hash may make the kiosk spend on one check: above it the
/// config is refused, since crypto_pwhash_str_verify allocates whatever the hash string asks for.
inline constexpr std::size_t k_pin_hash_max_memlimit = 64u * 1024u * 1024u;

/// The most passes a configured hash may ask for, so one check stays well under a second on a Pi.
inline constexpr unsigned long long k_pin_hash_max_opslimit = 10;

/// The demonstration hash (of PIN "2468") shipped in config/lotsen.toml. The kiosk can compare the
/// configured hash with it — a string comparison, no Argon2 run — and warn that the demo PIN is in use.
inline constexpr std::string_view k_demo_pin_hash =
    "$argon2id$v=19$m=19456,t=2,p=1$fyUQWcsmVTEgFkfLz86A0Q$ETPxBRSTg/u50Yo8181sCrrAtLPZk9rdhF8rJIJOTFg";

/// Initialises libsodium once; safe from any thread and to call again. False if it cannot start.
bool init_sodium();

/// True for a well-formed admin PIN: 4 to 12 ASCII digits.
bool is_pin_format(std::string_view pin);

/// Hashes `pin` into an Argon2id string ("$argon2id$v=19$m=…,t=…,p=1$salt$hash") with a fresh salt.
/// Fails when the PIN is not 4 to 12 digits or libsodium cannot allocate the memory.
Result<std::string> hash_pin(std::string_view pin, unsigned long long opslimit = k_pin_hash_opslimit,
                             std::size_t memlimit = k_pin_hash_memlimit);

/// Checks that `hash` is an Argon2id string libsodium can verify, within the kiosk's cost limits.
/// The error says what is wrong, without a location (the config reader adds file and line).
Result<void> check_pin_hash(std::string_view hash);

/// What happened to one PIN attempt.
enum class PinOutcome {
    accepted,        ///< the PIN matches; the failure count is reset
    rejected,        ///< wrong (or malformed) PIN; counted, and may start a lockout
    locked_out,      ///< refused unseen: a lockout is running (the PIN was not even checked)
    not_configured,  ///< no pin_hash in the config, so admin mode cannot be unlocked at all
};

/// Checks typed PINs against the configured hash, with a lockout that doubles on every failure past
/// the third. Time is injected (monotonic seconds) so the caller decides the clock and tests need no
/// sleep. Not thread-safe; try_pin blocks for one Argon2id run (tens of ms, some 100 ms on a Pi).
/// Nothing here stores or logs a PIN.
class AdminLock {
public:
    /// Failures in a row before the first lockout.
    static constexpr int k_free_attempts = 3;
    /// Length of the first lockout, in seconds; each further failure doubles it.
    static constexpr double k_first_lockout_seconds = 30.0;
    /// The longest lockout, in seconds.
    static constexpr double k_max_lockout_seconds = 3600.0;

    /// `pin_hash` as checked by check_pin_hash; nullopt when none is configured.
    explicit AdminLock(std::optional<std::string> pin_hash);

    /// Checks `pin` at monotonic time `now` (seconds).
    PinOutcome try_pin(std::string_view pin, double now);

    /// Seconds the lockout still runs at `now`; 0 when PINs are accepted for checking.
    double seconds_locked(double now) const;

    /// Failed attempts in a row since the last success.
    int failures() const { return m_failures; }

    /// True when a hash is configured, i.e. admin mode can be unlocked at all.
    bool configured() const { return m_pin_hash.has_value(); }

    /// How long a lockout lasts after `failures` failures in a row: 0 below 3, then 30 s doubling,
    /// at most an hour.
    static double lockout_seconds(int failures);

private:
    std::optional<std::string> m_pin_hash;
    int m_failures = 0;
    double m_locked_until = 0.0;
    bool m_locked = false;
};

}  // namespace lotsen
