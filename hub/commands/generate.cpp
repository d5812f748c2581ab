// generate.cpp — `lotsen-hub generate N OUT.json [--seed S]`: writes a valid synthetic catalogue of
// N activities, the same for the same seed, for benchmarks and load tests.
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = "Usage: lotsen-hub generate N OUT.json [--seed S]\n"
                               "  Writes a valid synthetic catalogue of N activities (deterministic per seed).";

}  // namespace

int generate_command(int argc, char** argv)
{
    // Help only as the first word, and on standard output even for a wrong command line.
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (wants_help || (argc != 4 && argc != 6)) {
        std::puts(k_help);
        return wants_help ? 0 : 2;
    }
    long long count = 0;
    long long seed = 1;
    if (!cli::parse_number(argv[2], count) || count < 1 || count > 50'000)
        return cli::fail("N must be a whole number from 1 to 50000");
    if (argc == 6 && (std::string_view(argv[4]) != "--seed" || !cli::parse_number(argv[5], seed)))
        return cli::fail("--seed needs a whole number");
    SyntheticSpec spec;
    spec.activities = static_cast<int>(count);
    spec.organisations = std::max(1, static_cast<int>(count / 25));
    spec.seed = static_cast<std::uint64_t>(seed);
    return cli::write_output_file(argv[3], catalogue_to_json(generate_synthetic_catalogue(spec)));
}

}  // namespace lotsen::hub::commands
