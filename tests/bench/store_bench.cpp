// store_bench.cpp — see store_bench.hpp. The queries are what a visitor types on the kiosk's
// keyboard, letter by letter, in Swedish, English and Arabic; every prefix is one search, as the
// search screen runs one per keystroke. Times are wall-clock per call on this thread, after one
// untimed warm-up round (SQLite's page cache is then warm, as it is on a kiosk in use).
#include "tests/bench/store_bench.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "tests/bench/process.hpp"
#include "core/time/civil_time.hpp"
#include "core/storage/store.hpp"
#include "core/catalogue/synthetic.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Every prefix of `query`, whole UTF-8 characters only: what the search box holds after each key.
std::vector<std::string> keystrokes(const std::string& query)
{
    std::vector<std::string> prefixes;
    for (std::size_t i = 1; i <= query.size(); ++i) {
        if (i < query.size() && (static_cast<unsigned char>(query[i]) & 0xC0) == 0x80)
            continue;  // inside a multi-byte character
        prefixes.push_back(query.substr(0, i));
    }
    return prefixes;
}

}  // namespace

Result<void> measure_store(const BenchContext& context, Report& report)
{
    (void)context;
    SyntheticSpec spec;
    spec.activities = 10'000;
    const std::string json = catalogue_to_json(generate_synthetic_catalogue(spec), false);
    const fs::path dir = fs::temp_directory_path() / ("lotsen-bench-store-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);

    auto store = Store::open((dir / "lotsen.db").string());
    if (!store) {
        fs::remove_all(dir);
        return store.error();
    }
    const UnixSeconds now = unix_now();
    const auto import_start = Clock::now();
    const CatalogueParseResult parsed = parse_catalogue_json(json);
    if (!parsed.ok()) {
        fs::remove_all(dir);
        return Error{"the synthetic catalogue did not parse: " + parsed.summary()};
    }
    if (auto replaced = store.value()->replace_catalogue(*parsed.catalogue, now); !replaced) {
        fs::remove_all(dir);
        return replaced.error();
    }
    const double import_ms = ms_since(import_start);

    const std::vector<std::string> queries = {"promenad", "schack", "läscirkel", "kör", "mjukyoga", "filmkväll",
                                              "board games", "chess", "شطرنج", "نزهة", "halmstad", "varberg"};
    std::vector<double> times;
    std::size_t hits = 0;
    for (int round = 0; round < 4; ++round) {
        for (const std::string& query : queries) {
            for (const std::string& prefix : keystrokes(query)) {
                const auto start = Clock::now();
                auto found = store.value()->search(prefix, now);
                const double ms = ms_since(start);
                if (!found) {
                    fs::remove_all(dir);
                    return found.error();
                }
                if (round == 0)
                    continue;  // warm-up
                times.push_back(ms);
                hits += found.value().size();
            }
        }
    }
    store.value().reset();
    fs::remove_all(dir);
    if (hits == 0)
        return Error{"no search found anything: the queries do not match the synthetic catalogue"};

    report.add_figure("import_ms_10k", import_ms, 0, "import 10,000 activities: parse + store (ms)");
    report.add_count("search_keystrokes", static_cast<std::int64_t>(times.size()));
    report.add_figure("search_p50_ms_10k", percentile(times, 0.50), 3, "search as you type, 10,000 activities, p50 (ms)");
    report.add_figure("search_p99_ms_10k", percentile(times, 0.99), 3, "search as you type, 10,000 activities, p99 (ms)",
                      Budget{"search_p99_budget_ms", 2.0});
    return success();
}

}  // namespace lotsen::bench
