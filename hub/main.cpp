// main.cpp — the `lotsen-hub` operator command. So far it checks catalogues before they are
// published and generates large synthetic ones for benchmarks; ingest and publishing follow.
#include "catalogue_csv.hpp"
#include "catalogue_json.hpp"
#include "synthetic.hpp"

#include <algorithm>
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
    return fail("unknown command \"" + std::string(command) + "\" (see lotsen-hub --help)");
}
