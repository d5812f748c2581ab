// credentials.hpp — the office's secrets in their one shape each: random tokens (sessions,
// invitations, CSRF) and the hash under which a token is stored, and passwords as Argon2id hashes
// (libsodium's crypto_pwhash_str) with their length rules.
//
// Argon2id at libsodium's "interactive" cost takes 64 MiB for each hash or check. Every hash and
// every check goes through one mutex, so a burst of logins costs one such block at a time instead of
// one per connection thread.
#pragma once

#include "core/base/result.hpp"

#include <string>
#include <string_view>

namespace lotsen::hub::office {

/// 32 random bytes as unpadded base64url (43 characters): sessions, invitations, CSRF.
std::string random_token();

/// The form a token is stored in: BLAKE2b-256 of it, in hex. A copy of hub.db opens no session.
std::string token_hash(std::string_view token);

/// True when `a` and `b` are equal, compared in time that does not depend on where they differ.
bool same_secret(std::string_view a, std::string_view b);

/// Fewest characters (Unicode code points) a password may have.
inline constexpr std::size_t k_min_password_chars = 12;
/// Most bytes a password may have (longer ones are refused before hashing).
inline constexpr std::size_t k_max_password_bytes = 256;

/// What is wrong with `password` as a new password, or "" when it may be used.
enum class PasswordProblem { none, too_short, too_long, not_text };
PasswordProblem check_new_password(std::string_view password);

/// The Argon2id hash of `password` ("$argon2id$v=19$…"); serialised with every other hash and check.
Result<std::string> hash_password(std::string_view password);

/// True when `password` matches `hash`. With no hash (a user who never set a password, or no such
/// user) a check against a fixed hash still runs, so the answer takes as long either way.
bool verify_password(std::string_view password, const std::string* hash);

}  // namespace lotsen::hub::office
