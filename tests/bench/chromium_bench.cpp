// chromium_bench.cpp — see chromium_bench.hpp. The measuring is the Python script's (it speaks the
// DevTools protocol over a pipe); this side writes the catalogue, runs it, reads its JSON.
#include "tests/bench/chromium_bench.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "tests/bench/process.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/base/file.hpp"
#include "tests/common/files.hpp"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace lotsen::bench {

Result<void> measure_chromium(const BenchContext& context, Report& report)
{
    const std::string chromium = "/usr/bin/chromium";
    const std::string python = "/usr/bin/python3";
    if (::access(chromium.c_str(), X_OK) != 0 || ::access(python.c_str(), X_OK) != 0) {
        std::fprintf(stderr, "lotsen-bench: chromium: %s or %s not installed, no comparison (apt-get install chromium)\n",
                     chromium.c_str(), python.c_str());
        return success();
    }
    lotsen::testing::TempDir temp("lotsen-bench");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-XXXXXX: " + errno_text()};
    SyntheticSpec spec;  // the start-up figures' 5,000-activity catalogue
    spec.activities = 5'000;
    spec.organisations = 200;
    const std::string catalogue = temp.str() + "/catalogue-5000.json";
    {
        std::ofstream out(catalogue, std::ios::binary);
        out << catalogue_to_json(generate_synthetic_catalogue(spec), false);
        if (!out)
            return Error{"cannot write " + catalogue};
    }
    auto output = run_and_capture({python, context.source_dir + "/tests/bench/chromium_bench.py", "--catalogue", catalogue,
                                   "--chromium", chromium, "--size", "800x480"});
    if (!output)
        return Error{"chromium_bench.py: " + output.error().text()};
    // The JSON object is the last line it printed.
    std::string text = output.value();
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    const std::string last_line = text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
    const nlohmann::json json = nlohmann::json::parse(last_line, nullptr, false);
    if (json.is_discarded() || !json.contains("chromium_pss_mib") || !json.contains("chromium_first_paint_ms"))
        return Error{"chromium_bench.py printed no figures: " + text};
    const double pss = json["chromium_pss_mib"].get<double>();
    const double paint = json["chromium_first_paint_ms"].get<double>();
    report.add_count("chromium_processes", json.value("chromium_processes", 0));
    report.add_figure("chromium_pss_mib", pss, 1, "Chromium showing the 5,000 activities: PSS of all its processes (MiB)");
    report.add_figure("chromium_first_paint_ms", paint, 0, "Chromium: start to first contentful paint (ms)");
    if (const auto kiosk_pss = report.figure("pss_mib_5k"); kiosk_pss && *kiosk_pss > 0.0)
        report.add_figure("chromium_pss_ratio", pss / *kiosk_pss, 1, "Chromium's PSS / the kiosk's PSS, 5,000 activities (x)",
                          Budget{"chromium_pss_ratio_budget", 25.0, true});
    if (const auto kiosk_frame = report.figure("first_frame_ms_5k"); kiosk_frame && *kiosk_frame > 0.0)
        report.add_figure("chromium_first_paint_ratio", paint / *kiosk_frame, 1,
                          "Chromium's first paint / the kiosk's first frame, 5,000 activities (x)",
                          Budget{"chromium_first_paint_ratio_budget", 30.0, true});
    return success();
}

}  // namespace lotsen::bench
