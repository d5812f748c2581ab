// main.cpp — the `lotsen-hub` operator command. So far it checks catalogues before they are
// published, generates large synthetic ones for benchmarks and hashes admin PINs for kiosk configs;
// ingest and publishing follow.
#include "admin_lock.hpp"
#include "catalogue_csv.hpp"
#include "catalogue_json.hpp"
#include "synthetic.hpp"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

constexpr const char* k_usage = R"(Usage: lotsen-hub COMMAND [ARGS]

Commands:
  validate FILE            check a catalogue (JSON, or CSV by extension) and list every problem
                           with its JSON path or row/column; exit 0 only when it has none
  convert FILE.csv OUT     turn an association's CSV spreadsheet into catalogue JSON
          [--version N]    (the catalogue version to give it, default 1)
  generate N OUT           write a synthetic catalogue of N activities (benchmarks, load tests)
          [--seed S]
  hash-pin                 read an admin PIN (4 to 12 digits) from standard input and print its
                           Argon2id hash for [admin] pin_hash in a kiosk's lotsen.toml
  COMMAND --help           help for one command
)";

int fail(const std::string& message)
{
    std::fprintf(stderr, "lotsen-hub: %s\n", message.c_str());
    return 2;
}

bool parse_number(std::string_view text, long long& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

int write_file(const std::string& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
        return fail(path + ": cannot write");
    return 0;
}

int validate(const std::string& path)
{
    const lotsen::CatalogueParseResult result = lotsen::load_catalogue_file(path);
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", path.c_str(), result.problems.size(),
                     result.summary().c_str());
        return 1;
    }
    const lotsen::Catalogue& catalogue = *result.catalogue;
    const bool default_vocabulary = catalogue.interests.empty();
    std::printf("%s: ok — version %lld, %zu organisations, %zu activities, %zu interests%s\n", path.c_str(),
                static_cast<long long>(catalogue.version), catalogue.organisations.size(),
                catalogue.activities.size(),
                default_vocabulary ? lotsen::default_interests().size() : catalogue.interests.size(),
                default_vocabulary ? " (the default vocabulary)" : "");
    return 0;
}

constexpr const char* k_hash_pin_help = R"(Usage: lotsen-hub hash-pin
  Reads an admin PIN of 4 to 12 digits from standard input (one line) and prints its Argon2id hash,
  to be put in the kiosk's lotsen.toml as  [admin] pin_hash = "…".  On a terminal the PIN is read
  twice without echo; otherwise the first line is used, e.g.  lotsen-hub hash-pin < pin.txt
  Every kiosk gets its own PIN: the shipped demo hash (PIN 2468) is for trying Lotsen out only.
  Cost: Argon2id t=2, m=19 MiB, p=1 (OWASP's recommended minimum), so a check on a Raspberry Pi
  stays well under a second and within the kiosk's memory budget.
)";

// One line of standard input into `buffer` (no copy elsewhere, so it can be wiped). Returns the
// length, or -1 at end of input before any character, or -2 when the line does not fit.
long read_secret_line(std::array<char, 64>& buffer)
{
    std::size_t length = 0;
    bool any = false;
    bool too_long = false;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar()) {
        any = true;
        if (length < buffer.size())
            buffer[length++] = static_cast<char>(c);
        else
            too_long = true;
    }
    if (!any && std::feof(stdin))
        return -1;
    if (too_long)
        return -2;
    if (length > 0 && buffer[length - 1] == '\r')
        --length;
    return static_cast<long>(length);
}

// Reads a PIN into `buffer`, prompting without echo twice on a terminal. Returns its length or
// prints why not and returns -1.
long read_pin(std::array<char, 64>& buffer)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    auto restore = [&] {
        if (terminal) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            std::fputc('\n', stderr);
        }
    };
    if (terminal)
        std::fputs("Admin PIN (4 to 12 digits): ", stderr);
    long length = read_secret_line(buffer);
    if (terminal && length >= 0) {
        std::array<char, 64> again{};
        std::fputs("\nThe same PIN again: ", stderr);
        const long again_length = read_secret_line(again);
        const bool same = again_length == length &&
                          sodium_memcmp(again.data(), buffer.data(), static_cast<std::size_t>(length)) == 0;
        sodium_memzero(again.data(), again.size());
        if (!same) {
            restore();
            std::fputs("lotsen-hub: the two PINs differ; nothing was hashed\n", stderr);
            return -1;
        }
    }
    restore();
    if (length == -1)
        std::fputs("lotsen-hub: no PIN on standard input (see lotsen-hub hash-pin --help)\n", stderr);
    else if (length == -2 || !lotsen::is_pin_format(std::string_view(buffer.data(), static_cast<std::size_t>(length))))
        std::fputs("lotsen-hub: a PIN must be 4 to 12 digits (0-9), on one line\n", stderr);
    else
        return length;
    return -1;
}

int hash_pin_command()
{
    if (!lotsen::init_sodium())
        return fail("libsodium could not be initialised");
    std::array<char, 64> buffer{};
    const long length = read_pin(buffer);
    if (length < 0) {
        sodium_memzero(buffer.data(), buffer.size());
        return 2;
    }
    const lotsen::Result<std::string> hash =
        lotsen::hash_pin(std::string_view(buffer.data(), static_cast<std::size_t>(length)));
    sodium_memzero(buffer.data(), buffer.size());
    if (!hash)
        return fail(hash.error().message);
    std::printf("%s\n", hash.value().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
        std::fputs(k_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string_view command = argv[1];
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (command == "--version") {
        std::printf("lotsen-hub %s\n", LOTSEN_VERSION);
        return 0;
    }
    if (command == "validate") {
        if (wants_help || argc != 3) {
            std::puts("Usage: lotsen-hub validate FILE\n  Checks a catalogue (JSON or .csv) and lists every problem.");
            return wants_help ? 0 : 2;
        }
        return validate(argv[2]);
    }
    if (command == "convert") {
        if (wants_help || (argc != 4 && argc != 6)) {
            std::puts("Usage: lotsen-hub convert FILE.csv OUT.json [--version N]\n"
                      "  Imports an association's CSV spreadsheet and writes catalogue JSON.");
            return wants_help ? 0 : 2;
        }
        long long version = 1;
        if (argc == 6 && (std::string_view(argv[4]) != "--version" || !parse_number(argv[5], version) || version < 1))
            return fail("--version needs a whole number ≥ 1");
        std::ifstream in(argv[2], std::ios::binary);
        if (!in)
            return fail(std::string(argv[2]) + ": cannot open");
        std::ostringstream text_stream;
        text_stream << in.rdbuf();
        const std::string text = text_stream.str();
        const lotsen::CatalogueParseResult result = lotsen::parse_catalogue_csv(text, version);
        if (!result.ok()) {
            std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", argv[2], result.problems.size(), result.summary().c_str());
            return 1;
        }
        return write_file(argv[3], lotsen::catalogue_to_json(*result.catalogue));
    }
    if (command == "generate") {
        if (wants_help || (argc != 4 && argc != 6)) {
            std::puts("Usage: lotsen-hub generate N OUT.json [--seed S]\n"
                      "  Writes a valid synthetic catalogue of N activities (deterministic per seed).");
            return wants_help ? 0 : 2;
        }
        long long count = 0;
        long long seed = 1;
        if (!parse_number(argv[2], count) || count < 1 || count > 50'000)
            return fail("N must be a whole number from 1 to 50000");
        if (argc == 6 && (std::string_view(argv[4]) != "--seed" || !parse_number(argv[5], seed)))
            return fail("--seed needs a whole number");
        lotsen::SyntheticSpec spec;
        spec.activities = static_cast<int>(count);
        spec.organisations = std::max(1, static_cast<int>(count / 25));
        spec.seed = static_cast<std::uint64_t>(seed);
        return write_file(argv[3], lotsen::catalogue_to_json(lotsen::generate_synthetic_catalogue(spec)));
    }
    if (command == "hash-pin") {
        if (wants_help || argc != 2) {
            std::fputs(k_hash_pin_help, wants_help ? stdout : stderr);
            return wants_help ? 0 : 2;
        }
        return hash_pin_command();
    }
    return fail("unknown command \"" + std::string(command) + "\" (see lotsen-hub --help)");
}
