// admin_lock.cpp — Argon2id PIN hashing and checking with libsodium, and the growing lockout.
#include "core/settings/admin_lock.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <mutex>

namespace lotsen {

namespace {

constexpr std::string_view k_hash_example =
    "is not an Argon2id hash like \"$argon2id$v=19$m=19456,t=2,p=1$…$…\" (make one with lotsen-hub hash-pin)";

// Reads the decimal number at the front of `text` and drops it; false when there is none.
bool take_number(std::string_view& text, unsigned long long& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc{} || end == text.data())
        return false;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return true;
}

bool take_prefix(std::string_view& text, std::string_view prefix)
{
    if (!text.starts_with(prefix))
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

}  // namespace

bool init_sodium()
{
    // sodium_init() is itself safe to repeat; call_once keeps the answer and skips the work.
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = sodium_init() >= 0; });
    return ready;
}

bool is_pin_format(std::string_view pin)
{
    return pin.size() >= 4 && pin.size() <= 12 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> hash_pin(std::string_view pin, unsigned long long opslimit, std::size_t memlimit)
{
    if (!is_pin_format(pin))
        return Error{"a PIN must be 4 to 12 digits (0-9)"};
    if (!init_sodium())
        return Error{"libsodium could not be initialised"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{"Argon2id hashing failed (out of memory for m=" + std::to_string(memlimit / 1024) + " KiB?)"};
    return std::string(out);
}

Result<void> check_pin_hash(std::string_view hash)
{
    // "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>" — read the costs ourselves so an
    // expensive hash is named as such, then let libsodium decode the whole string.
    std::string_view rest = hash;
    unsigned long long memory_kib = 0;
    unsigned long long passes = 0;
    unsigned long long lanes = 0;
    if (!take_prefix(rest, "$argon2id$v=19$m=") || !take_number(rest, memory_kib) || !take_prefix(rest, ",t=") ||
        !take_number(rest, passes) || !take_prefix(rest, ",p=") || !take_number(rest, lanes) ||
        !take_prefix(rest, "$") || hash.size() >= crypto_pwhash_STRBYTES)
        return Error{std::string(k_hash_example)};
    if (memory_kib > k_pin_hash_max_memlimit / 1024)
        return Error{"asks for m=" + std::to_string(memory_kib) + " KiB of memory per check; a kiosk allows at most " +
                     std::to_string(k_pin_hash_max_memlimit / 1024) + " KiB (" +
                     std::to_string(k_pin_hash_max_memlimit / (1024 * 1024)) + " MiB)"};
    if (passes > k_pin_hash_max_opslimit)
        return Error{"asks for t=" + std::to_string(passes) + " passes per check; a kiosk allows at most " +
                     std::to_string(k_pin_hash_max_opslimit)};
    if (lanes != 1)
        return Error{"has p=" + std::to_string(lanes) + "; libsodium checks only p=1"};
    if (!init_sodium())
        return Error{"libsodium could not be initialised"};
    // needs_rehash decodes salt and hash fully and answers -1 when it cannot; 0 or 1 only compare costs.
    const std::string terminated(hash);
    if (crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), passes, static_cast<std::size_t>(memory_kib) * 1024) < 0)
        return Error{std::string(k_hash_example)};
    return success();
}

AdminLock::AdminLock(std::optional<std::string> pin_hash)
    : m_pin_hash(std::move(pin_hash))
{
}

double AdminLock::lockout_seconds(int failures)
{
    if (failures < k_free_attempts)
        return 0.0;
    double seconds = k_first_lockout_seconds;
    for (int i = k_free_attempts; i < failures && seconds < k_max_lockout_seconds; ++i)
        seconds *= 2.0;
    return std::min(seconds, k_max_lockout_seconds);
}

double AdminLock::seconds_locked(double now) const
{
    return m_locked && now < m_locked_until ? m_locked_until - now : 0.0;
}

PinOutcome AdminLock::try_pin(std::string_view pin, double now)
{
    if (!m_pin_hash)
        return PinOutcome::not_configured;
    // During a lockout the PIN is not looked at, so even the right one cannot be found by timing or
    // by trying it; the attempt does not count either, so tapping on does not lengthen the wait.
    if (seconds_locked(now) > 0.0)
        return PinOutcome::locked_out;
    // A failed sodium_init leaves nothing to check with; refuse without counting it against staff.
    if (!init_sodium())
        return PinOutcome::rejected;
    // The PIN is handed to libsodium in place: no copy is made that would need wiping.
    const bool matches = is_pin_format(pin) &&
                         crypto_pwhash_str_verify(m_pin_hash->c_str(), pin.data(), pin.size()) == 0;
    if (matches) {
        m_failures = 0;
        m_locked = false;
        return PinOutcome::accepted;
    }
    // Past the cap the count no longer changes anything; stop it well before int could overflow.
    m_failures = std::min(m_failures + 1, 1000);
    const double lockout = lockout_seconds(m_failures);
    m_locked = lockout > 0.0;
    m_locked_until = now + lockout;
    return PinOutcome::rejected;
}

}  // namespace lotsen
