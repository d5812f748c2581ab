// login_throttle.hpp — how many failed logins the office lets through: per account (whatever address
// they come from: guessing one person's password) and per client address (whichever accounts it
// tries: guessing many). Over either limit, logins are refused without checking the password until
// the oldest failure in the window has aged out. Kept in memory: a restart forgets it, which costs an
// attacker a restart they cannot cause from the network.
#pragma once

#include "core/time/civil_time.hpp"

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace lotsen::hub::office {

/// The limits.
struct ThrottleLimits {
    std::size_t per_account = 5;     ///< failures for one account within the window
    std::size_t per_address = 20;    ///< failures from one client address within the window
    UnixSeconds window_seconds = 15 * 60;
    std::size_t max_keys = 10000;    ///< remembered accounts and addresses each; the oldest go first
};

/// Failed logins per account and per address. Thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleLimits limits = {}) : m_limits(limits) {}

    /// Seconds until a login for `account` from `address` may be tried, 0 when it may now.
    UnixSeconds wait_seconds(const std::string& account, const std::string& address, UnixSeconds now);
    /// Records a failed login.
    void record_failure(const std::string& account, const std::string& address, UnixSeconds now);
    /// Forgets the account's failures after a successful login (the address's stay).
    void record_success(const std::string& account);

private:
    using Failures = std::map<std::string, std::deque<UnixSeconds>>;
    UnixSeconds wait_for(Failures& failures, const std::string& key, std::size_t limit, UnixSeconds now);
    void add(Failures& failures, const std::string& key, UnixSeconds now);

    ThrottleLimits m_limits;
    std::mutex m_mutex;
    Failures m_accounts;
    Failures m_addresses;
};

}  // namespace lotsen::hub::office
