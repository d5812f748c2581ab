// fuzz_support.hpp — what the libFuzzer targets share: the input as text, an invariant check that
// aborts (so libFuzzer keeps the input as a crash), and the fixed publisher key the manifest seeds
// are signed with. Also compiled by g++ into the corpus replay programs of `make test`.
#pragma once

#include "core/wire/protocol.hpp"

#include <sodium.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lotsen::fuzz {

/// The fuzz bytes as text; the parsers take std::string_view.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

/// An invariant beyond "does not crash" (a round trip, a bound). Aborts rather than asserting so it
/// holds in every build type, and libFuzzer saves the input that broke it.
inline void require(bool holds, const char* what)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

/// The publisher key of the fuzz seeds: derived from a fixed seed, so make_fuzz_seeds signs manifests
/// that fuzz_manifest verifies. A test key only — no kiosk trusts it.
inline const protocol::SigningKeyPair& test_publisher()
{
    static const protocol::SigningKeyPair keys = [] {
        protocol::SigningKeyPair pair;
        unsigned char seed[crypto_sign_SEEDBYTES];
        for (std::size_t i = 0; i < sizeof seed; ++i)
            seed[i] = static_cast<unsigned char>(0x4c + i);  // 'L', 'M', … : fixed and obviously not secret
        require(sodium_init() >= 0, "sodium_init");
        crypto_sign_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed);
        return pair;
    }();
    return keys;
}

}  // namespace lotsen::fuzz
