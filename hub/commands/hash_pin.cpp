// hash_pin.cpp — `lotsen-hub hash-pin`: reads an admin PIN from standard input and prints its
// Argon2id hash for a kiosk's [admin] pin_hash. The PIN is wiped from memory once hashed.
#include "core/settings/admin_lock.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/pin_prompt.hpp"
#include "hub/commands/commands.hpp"

#include <sodium.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub hash-pin
  Reads an admin PIN of 4 to 12 digits from standard input (one line) and prints its Argon2id hash,
  to be put in the kiosk's lotsen.toml as  [admin] pin_hash = "…".  On a terminal the PIN is read
  twice without echo; otherwise the first line is used, e.g.  lotsen-hub hash-pin < pin.txt
  Every kiosk gets its own PIN: the shipped demo hash (PIN 2468) is for trying Lotsen out only.
  Cost: Argon2id t=2, m=19 MiB, p=1 (OWASP's recommended minimum), so a check on a Raspberry Pi
  stays well under a second and within the kiosk's memory budget.
)";

int hash_pin_from_stdin()
{
    if (!init_sodium())
        return cli::fail("libsodium could not be initialised");
    cli::PinBuffer buffer{};
    const long length = cli::read_pin(buffer);
    if (length < 0) {
        sodium_memzero(buffer.data(), buffer.size());
        return 2;
    }
    const Result<std::string> hash = lotsen::hash_pin(std::string_view(buffer.data(), static_cast<std::size_t>(length)));
    sodium_memzero(buffer.data(), buffer.size());
    if (!hash)
        return cli::fail(hash.error().text());
    std::printf("%s\n", hash.value().c_str());
    return 0;
}

}  // namespace

int hash_pin_command(int argc, char** argv)
{
    // Help only as the first word; a wrong command line gets it on standard error.
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (wants_help || argc != 2) {
        std::fputs(k_help, wants_help ? stdout : stderr);
        return wants_help ? 0 : 2;
    }
    return hash_pin_from_stdin();
}

}  // namespace lotsen::hub::commands
