// login_throttle.cpp — failed logins per account and per address (see login_throttle.hpp).
#include "hub/office/login_throttle.hpp"

#include <algorithm>
#include <cctype>

namespace lotsen::hub::office {

namespace {

// Accounts are e-mail addresses, matched without regard to case as the users table matches them.
std::string account_key(const std::string& account)
{
    std::string key = account.substr(0, 320);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

}  // namespace

UnixSeconds LoginThrottle::wait_for(Failures& failures, const std::string& key, std::size_t limit, UnixSeconds now)
{
    const auto it = failures.find(key);
    if (it == failures.end())
        return 0;
    std::deque<UnixSeconds>& times = it->second;
    while (!times.empty() && times.front() + m_limits.window_seconds <= now)
        times.pop_front();
    if (times.empty()) {
        failures.erase(it);
        return 0;
    }
    if (times.size() < limit)
        return 0;
    // The oldest failure that keeps the count at the limit must age out first.
    return times[times.size() - limit] + m_limits.window_seconds - now;
}

void LoginThrottle::add(Failures& failures, const std::string& key, UnixSeconds now)
{
    if (failures.size() >= m_limits.max_keys && failures.find(key) == failures.end()) {
        // Forget the key whose newest failure is oldest: memory stays bounded under a spray of names.
        auto oldest = failures.begin();
        for (auto it = failures.begin(); it != failures.end(); ++it) {
            if (it->second.empty() || (!oldest->second.empty() && it->second.back() < oldest->second.back()))
                oldest = it;
        }
        failures.erase(oldest);
    }
    std::deque<UnixSeconds>& times = failures[key];
    times.push_back(now);
    const std::size_t keep = std::max(m_limits.per_account, m_limits.per_address);
    while (times.size() > keep)
        times.pop_front();
}

UnixSeconds LoginThrottle::wait_seconds(const std::string& account, const std::string& address, UnixSeconds now)
{
    const std::lock_guard lock(m_mutex);
    return std::max(wait_for(m_accounts, account_key(account), m_limits.per_account, now),
                    wait_for(m_addresses, address, m_limits.per_address, now));
}

void LoginThrottle::record_failure(const std::string& account, const std::string& address, UnixSeconds now)
{
    const std::lock_guard lock(m_mutex);
    add(m_accounts, account_key(account), now);
    add(m_addresses, address, now);
}

void LoginThrottle::record_success(const std::string& account)
{
    const std::lock_guard lock(m_mutex);
    m_accounts.erase(account_key(account));
}

}  // namespace lotsen::hub::office
