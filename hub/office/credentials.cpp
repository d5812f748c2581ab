// credentials.cpp — tokens and passwords (see credentials.hpp).
#include "hub/office/credentials.hpp"

#include <sodium.h>

#include <array>
#include <mutex>

namespace lotsen::hub::office {

namespace {

// One Argon2id at a time in the whole process (see the header).
std::mutex& argon2_mutex()
{
    static std::mutex mutex;
    return mutex;
}

constexpr unsigned long long k_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t k_memory = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// A hash of a password nobody has, for checks without a user (made once, on first use).
const std::string& stand_in_hash()
{
    static const std::string hash = [] {
        std::array<char, crypto_pwhash_STRBYTES> out{};
        const std::string filler = random_token();
        if (crypto_pwhash_str(out.data(), filler.data(), filler.size(), k_ops, k_memory) != 0)
            return std::string();
        return std::string(out.data());
    }();
    return hash;
}

}  // namespace

std::string random_token()
{
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 64> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes.data(), bytes.size());
    return std::string(text.data());
}

std::string token_hash(std::string_view token)
{
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool same_secret(std::string_view a, std::string_view b)
{
    if (a.size() != b.size() || a.empty())
        return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordProblem check_new_password(std::string_view password)
{
    if (password.size() > k_max_password_bytes)
        return PasswordProblem::too_long;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < password.size(); ++i) {
        const auto byte = static_cast<unsigned char>(password[i]);
        if (byte < 0x20 || byte == 0x7f)
            return PasswordProblem::not_text;  // control characters cannot be typed into the form reliably
        if ((byte & 0xc0) != 0x80)
            ++chars;
    }
    return chars < k_min_password_chars ? PasswordProblem::too_short : PasswordProblem::none;
}

Result<std::string> hash_password(std::string_view password)
{
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const std::lock_guard lock(argon2_mutex());
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), k_ops, k_memory) != 0)
        return Error{"hashing the password failed (out of memory for Argon2id)"};
    return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string* hash)
{
    const std::lock_guard lock(argon2_mutex());
    if (hash == nullptr || hash->empty()) {
        const std::string& stand_in = stand_in_hash();
        if (!stand_in.empty()) {
            [[maybe_unused]] const int same = crypto_pwhash_str_verify(stand_in.c_str(), password.data(), password.size());
        }
        return false;
    }
    return crypto_pwhash_str_verify(hash->c_str(), password.data(), password.size()) == 0;
}

}  // namespace lotsen::hub::office
