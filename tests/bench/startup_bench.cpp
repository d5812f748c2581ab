// startup_bench.cpp — see startup_bench.hpp. "First frame" is the moment the kiosk tells systemd it
// is ready, which it does right after its first SDL_RenderPresent (kiosk/windowed.cpp): the same
// signal the service manager waits for, so what is measured is what a Pi's boot waits for. The
// clock starts before posix_spawn, so process start and dynamic linking count too. The kiosk runs
// windowed under SDL's dummy video driver with its software renderer, as in the idle figures.
// The Pi-class profile runs the same starts in a CPU-limited cgroup (measure_pi_class_startup).
#include "tests/bench/startup_bench.hpp"

#include "tests/common/notify_socket.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "tests/bench/process.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/common/test_images.hpp"
#include "core/base/file.hpp"
#include "tests/common/files.hpp"
#include "core/storage/store.hpp"
#include "core/time/civil_time.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace lotsen::bench {

namespace {

using Clock = std::chrono::steady_clock;
using testing::NotifySocket;
constexpr auto k_settle = std::chrono::seconds(2);
constexpr auto k_ready_timeout = std::chrono::seconds(60);

struct StartFigures {
    double first_frame_ms = 0.0;
    double first_frame_cpu_ms = 0.0;
    double rss_mib = 0.0;
    double pss_mib = 0.0;
};

// CPU time of all of a process's threads so far, in ms, from /proc/PID/task/*/schedstat (nanoseconds
// on the CPU, not /proc/PID/stat's 10 ms ticks). The kiosk's threads live as long as it does, so none
// is missed by ending early; what a thread used before exec() (the Pi-class wrapper's shell) counts.
std::optional<double> cpu_ms_of(pid_t pid)
{
    const std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
    std::error_code error;
    double total_ns = 0.0;
    for (const auto& task : std::filesystem::directory_iterator(task_dir, error)) {
        std::ifstream schedstat(task.path() / "schedstat");
        double on_cpu_ns = 0.0;
        if (schedstat >> on_cpu_ns)
            total_ns += on_cpu_ns;
    }
    if (error)
        return std::nullopt;
    return total_ns / 1e6;
}

std::string read_log(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    return text.size() > 600 ? text.substr(text.size() - 600) : text;
}

// One start of the kiosk; `catalogue` non-empty imports it first. With `cgroup_procs` (a cgroup's
// cgroup.procs), the kiosk runs in that cgroup from its first instruction on: a shell started in its
// place writes its own pid there and then execs the kiosk (posix_spawn cannot place a child).
Result<StartFigures> start_once(const BenchContext& context, const std::string& dir, const std::string& data_dir,
                                const std::string& size, const std::string& catalogue,
                                const std::string& cgroup_procs = {}, bool memory = true)
{
    NotifySocket notify(dir + "/notify");
    if (!notify.bound())
        return Error{"cannot bind a notification socket in " + dir};
    std::vector<std::string> argv = {context.lotsen_path, "--data-dir", data_dir, "--size", size};
    if (!catalogue.empty()) {
        argv.push_back("--catalogue");
        argv.push_back(catalogue);
    }
    if (!cgroup_procs.empty())
        argv.insert(argv.begin(), {"/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", cgroup_procs});
    const std::string log = dir + "/lotsen.log";
    const Clock::time_point start = Clock::now();
    auto spawned = ChildProcess::spawn(
        argv, {{"SDL_VIDEODRIVER", context.video_driver}, {"NOTIFY_SOCKET", notify.path()}, {"LOTSEN_NO_LAUNCH", "1"}}, log);
    if (!spawned)
        return spawned.error();
    ChildProcess kiosk = std::move(spawned).value();
    const auto ready = notify.wait_ready(start + k_ready_timeout, [&] { return kiosk.poll_exit().has_value(); });
    if (!ready)
        return Error{"lotsen never said READY=1 (size " + size + "): " + read_log(log)};
    StartFigures figures;
    figures.first_frame_ms = std::chrono::duration<double, std::milli>(*ready - start).count();
    const auto cpu = cpu_ms_of(kiosk.pid());
    if (!cpu)
        return Error{"cannot read the kiosk's CPU time in /proc/" + std::to_string(kiosk.pid()) + "/task"};
    figures.first_frame_cpu_ms = *cpu;
    if (memory) {
        std::this_thread::sleep_for(k_settle);
        auto sampled = sample_memory(kiosk.pid());
        if (!sampled)
            return sampled.error();
        figures.rss_mib = sampled.value().rss_kib / 1024.0;
        figures.pss_mib = sampled.value().pss_kib / 1024.0;
    }
    (void)kiosk.terminate(std::chrono::seconds(5));
    return figures;
}

// Fills DATA_DIR/lotsen.db with a synthetic catalogue of `activities` as the kiosk's import does
// (Store::replace_catalogue), without a file: 50,000 activities make a JSON file of some 95 MB, over
// the file limit of kiosks before the streaming import.
Result<void> fill_store(const std::string& data_dir, int activities)
{
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec)
        return Error{data_dir + ": cannot create: " + ec.message()};
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = std::max(40, activities / 25);
    auto store = LOTSEN_TRY(Store::open(data_dir + "/lotsen.db"));
    LOTSEN_TRY(store->replace_catalogue(generate_synthetic_catalogue(spec), unix_now()));
    return success();
}

// With `images`, every activity names a picture of its own (a 320 x 240 PNG) beside the catalogue.
Result<std::string> write_catalogue(const std::string& dir, int activities, bool images = false)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = std::max(40, activities / 25);  // 200 for 5,000, as chromium_bench.cpp uses
    Catalogue catalogue = generate_synthetic_catalogue(spec);
    const std::string path = dir + "/catalogue-" + std::to_string(activities) + (images ? "-images" : "") + ".json";
    if (images) {
        std::filesystem::create_directories(dir + "/images");
        for (std::size_t i = 0; i < catalogue.activities.size(); ++i) {
            const std::string name = "images/a" + std::to_string(i) + ".png";
            std::ofstream picture(dir + "/" + name, std::ios::binary);
            picture << lotsen::testing::make_png(320, 240, static_cast<std::uint8_t>(i * 7), static_cast<std::uint8_t>(i * 13),
                                                 static_cast<std::uint8_t>(i * 29), static_cast<std::uint8_t>(i / 256));
            catalogue.activities[i].image = ImageRef{name, {}, 0, 0, 0, {}};
        }
    }
    std::ofstream out(path, std::ios::binary);
    out << catalogue_to_json(catalogue, false);
    if (!out)
        return Error{"cannot write " + path};
    return path;
}


// ---- The Pi-class profile ----

// A quarter of one core, in periods short enough that a start of some 100 ms CPU is throttled dozens
// of times evenly rather than once for most of a second (the kernel's default period is 100 ms).
constexpr int k_pi_quota_us = 2'500;
constexpr int k_pi_period_us = 10'000;
constexpr int k_pi_runs = 3;

constexpr const char* k_pi_class_note =
    "start-up only, with the kiosk in a cgroup limited to a quarter of one core (2.5 ms of CPU in every 10 ms): a "
    "stand-in for a Raspberry Pi 4's wall-clock start (3-6x slower per thread). Throttling does not slow the CPU: "
    "caches, memory and the disk stay this machine's, so it is used for start-up only; every other figure is "
    "measured without it (CPU time x 4 is the Pi estimate there)";

std::optional<std::string> read_text(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<void> write_text(const std::string& path, const std::string& text)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{path + ": cannot open: " + errno_text()};
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int error = errno;
    ::close(fd);
    if (n != static_cast<ssize_t>(text.size()))
        return Error{path + ": cannot write \"" + text + "\": " + errno_text(error)};
    return success();
}

bool has_word(const std::string& list, const std::string& word, char separator)
{
    std::istringstream in(list);
    for (std::string item; std::getline(in, item, separator);) {
        while (!item.empty() && (item.back() == '\n' || item.back() == ' '))
            item.pop_back();
        if (item == word)
            return true;
    }
    return false;
}

// Where cgroup file systems are mounted: the cgroup2 one, and the cgroup v1 hierarchy holding the cpu
// controller (on hybrid systems the cpu controller is bound there and cgroup2 cannot offer it).
struct CgroupMounts {
    std::string v2;
    std::string v1_cpu;
};

CgroupMounts find_cgroup_mounts()
{
    CgroupMounts mounts;
    std::ifstream mountinfo("/proc/self/mountinfo");
    for (std::string line; std::getline(mountinfo, line);) {
        // "36 25 0:31 / /sys/fs/cgroup/cpu rw,relatime shared:12 - cgroup cgroup rw,cpu"
        const std::size_t dash = line.find(" - ");
        if (dash == std::string::npos)
            continue;
        std::istringstream before(line.substr(0, dash));
        std::string id, parent, device, root, mount_point;
        before >> id >> parent >> device >> root >> mount_point;
        std::istringstream after(line.substr(dash + 3));
        std::string type, source, options;
        after >> type >> source >> options;
        if (type == "cgroup2" && mounts.v2.empty())
            mounts.v2 = mount_point;
        else if (type == "cgroup" && mounts.v1_cpu.empty() && has_word(options, "cpu", ','))
            mounts.v1_cpu = mount_point;
    }
    return mounts;
}

// A cgroup of this run's own with the Pi-class CPU limit; removed when done (it is empty by then: each
// kiosk started in it has ended).
class PiClassCgroup {
public:
    static Result<std::unique_ptr<PiClassCgroup>> make()
    {
        const CgroupMounts mounts = find_cgroup_mounts();
        const std::string root_note = ::geteuid() == 0 ? "" : " (not root: lotsen-bench --pi-class makes a cgroup, which needs root)";
        const std::string name = "lotsen-bench-" + std::to_string(::getpid());
        std::string why_not_v2;
        if (mounts.v2.empty()) {
            why_not_v2 = "no cgroup2 file system is mounted";
        } else {
            const std::string controllers = read_text(mounts.v2 + "/cgroup.controllers").value_or("");
            if (!has_word(controllers, "cpu", ' ')) {
                why_not_v2 = "the cgroup2 file system at " + mounts.v2 + " has no cpu controller (cgroup.controllers: \"" +
                             controllers.substr(0, controllers.find('\n')) + "\")";
            } else {
                const std::string subtree = read_text(mounts.v2 + "/cgroup.subtree_control").value_or("");
                if (!has_word(subtree, "cpu", ' ')) {
                    if (auto enabled = write_text(mounts.v2 + "/cgroup.subtree_control", "+cpu"); !enabled)
                        return Error{enabled.error().text() + root_note};
                }
                auto made = make_dir(mounts.v2 + "/" + name, root_note);
                if (!made)
                    return made.error();
                std::unique_ptr<PiClassCgroup> cgroup(new PiClassCgroup(made.value()));
                const std::string limit = std::to_string(k_pi_quota_us) + " " + std::to_string(k_pi_period_us);
                LOTSEN_TRY(write_text(cgroup->m_dir + "/cpu.max", limit));
                cgroup->m_description = "cgroup v2 " + cgroup->m_dir + ", cpu.max \"" + limit + "\"";
                return cgroup;
            }
        }
        if (mounts.v1_cpu.empty())
            return Error{why_not_v2 + ", and no cgroup v1 hierarchy has the cpu controller either" + root_note};
        // The same CFS bandwidth control, through cgroup v1's files.
        auto made = make_dir(mounts.v1_cpu + "/" + name, root_note);
        if (!made)
            return made.error();
        std::unique_ptr<PiClassCgroup> cgroup(new PiClassCgroup(made.value()));
        LOTSEN_TRY(write_text(cgroup->m_dir + "/cpu.cfs_period_us", std::to_string(k_pi_period_us)));
        LOTSEN_TRY(write_text(cgroup->m_dir + "/cpu.cfs_quota_us", std::to_string(k_pi_quota_us)));
        cgroup->m_description = "cgroup v1 " + cgroup->m_dir + ", cpu.cfs_quota_us " + std::to_string(k_pi_quota_us) +
                                " of cpu.cfs_period_us " + std::to_string(k_pi_period_us) + " (" + why_not_v2 + ")";
        return cgroup;
    }

    ~PiClassCgroup() { ::rmdir(m_dir.c_str()); }
    PiClassCgroup(const PiClassCgroup&) = delete;
    PiClassCgroup& operator=(const PiClassCgroup&) = delete;

    std::string procs() const { return m_dir + "/cgroup.procs"; }
    const std::string& description() const { return m_description; }
    /// Periods in which the kiosks in it used up their quota and waited (cpu.stat nr_throttled).
    std::optional<std::int64_t> throttled_periods() const
    {
        const std::string stat = read_text(m_dir + "/cpu.stat").value_or("");
        const std::size_t at = stat.find("nr_throttled ");
        if (at == std::string::npos)
            return std::nullopt;
        return std::stoll(stat.substr(at + 13));
    }

private:
    explicit PiClassCgroup(std::string dir) : m_dir(std::move(dir)) {}

    static Result<std::string> make_dir(const std::string& dir, const std::string& root_note)
    {
        if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
            return Error{"cannot make the cgroup " + dir + ": " + errno_text() + root_note};
        return dir;
    }

    std::string m_dir;
    std::string m_description;
};

}  // namespace

Result<void> measure_startup(const BenchContext& context, Report& report)
{
    lotsen::testing::TempDir temp("lotsen-bench");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-XXXXXX: " + errno_text()};
    const std::string dir = temp.str();
    auto five = write_catalogue(dir, 5'000);
    if (!five)
        return five.error();
    auto ten = write_catalogue(dir, 10'000);
    if (!ten)
        return ten.error();
    auto pictured = write_catalogue(dir, 5'000, true);
    if (!pictured)
        return pictured.error();
    const struct {
        const char* name;
        std::string path;  // empty: the bench fills the store itself (fill_store)
        int activities;
    } catalogues[] = {{"demo", context.source_dir + "/assets/demo/catalogue.json", 0},
                      {"5k", five.value(), 5'000},
                      {"10k", ten.value(), 10'000},
                      {"50k", "", 50'000},
                      {"5k_images", pictured.value(), 5'000}};

    for (const auto& catalogue : catalogues) {
        const std::string name = catalogue.name;
        const std::string data_dir = dir + "/data-" + name;
        if (catalogue.path.empty()) {
            LOTSEN_TRY(fill_store(data_dir, catalogue.activities));
        } else {
            // The import start: what a kiosk's first boot with a new catalogue costs.
            auto imported = start_once(context, dir, data_dir, "800x480", catalogue.path);
            if (!imported)
                return imported.error();
            if (name == "5k")
                report.add_figure("first_frame_import_ms_5k", imported.value().first_frame_ms, 0,
                                  "start to first frame, importing 5,000 activities first (ms)");
        }
        for (const std::string size : {"800x480", "1920x1080"}) {
            // A start at this size first: the kiosk keeps its font atlas (kiosk/font_atlas_cache.hpp),
            // so the measured start is any start but a kiosk's very first one at this screen size.
            if (auto warm = start_once(context, dir, data_dir, size, ""); !warm)
                return warm.error();
            auto figures = start_once(context, dir, data_dir, size, "");
            if (!figures)
                return figures.error();
            const std::string suffix = name + (size == "800x480" ? "" : "_1920x1080");
            const std::string what = name + " catalogue at " + size;
            const bool small = size == "800x480";
            std::optional<Budget> time_budget;
            if (small && name == "5k")
                time_budget = Budget{"first_frame_budget_ms", 60.0};
            else if (small && name == "50k")
                time_budget = Budget{"first_frame_budget_ms_50k", 80.0};
            report.add_figure("first_frame_ms_" + suffix, figures.value().first_frame_ms, 0,
                              "start to first frame, " + what + " (ms)", time_budget);
            report.add_figure("first_frame_cpu_ms_" + suffix, figures.value().first_frame_cpu_ms, 1,
                              "CPU time to first frame, all threads, " + what + " (ms)");
            const bool budgeted = small && name == "5k";
            report.add_figure("rss_mib_" + suffix, figures.value().rss_mib, 1, "resident memory (RSS), " + what + " (MiB)",
                              budgeted ? std::optional<Budget>(Budget{"rss_budget_mib", 40.0}) : std::nullopt);
            report.add_figure("pss_mib_" + suffix, figures.value().pss_mib, 1, "proportional memory (PSS), " + what + " (MiB)");
        }
    }
    return success();
}

Result<void> measure_pi_class_startup(const BenchContext& context, Report& report)
{
    report.add_text("pi_class_profile", k_pi_class_note);
    auto cgroup = PiClassCgroup::make();
    if (!cgroup) {
        report.add_text("pi_class_skipped", cgroup.error().text());
        std::fprintf(stderr, "lotsen-bench: --pi-class skipped: %s\n", cgroup.error().text().c_str());
        return success();
    }
    report.add_text("pi_class_cgroup", cgroup.value()->description());
    std::fprintf(stderr, "lotsen-bench: --pi-class: %s\n", k_pi_class_note);

    lotsen::testing::TempDir temp("lotsen-bench-pi");
    if (temp.path().empty())
        return Error{"cannot create a temporary directory lotsen-bench-pi-XXXXXX: " + errno_text()};
    const std::string dir = temp.str();
    const struct {
        const char* name;
        int activities;
        double budget_ms;
        const char* budget_key;
    } catalogues[] = {{"5k", 5'000, 250.0, "pi_first_frame_budget_ms"}, {"50k", 50'000, 350.0, "pi_first_frame_budget_ms_50k"}};
    for (const auto& catalogue : catalogues) {
        const std::string name = catalogue.name;
        const std::string data_dir = dir + "/data-" + name;
        LOTSEN_TRY(fill_store(data_dir, catalogue.activities));
        // One start without the limit keeps the font atlas and warms the page cache, as on a kiosk
        // that has started before.
        LOTSEN_TRY(start_once(context, dir, data_dir, "800x480", "", {}, false));
        // Limited and unlimited starts alternate, so a change in the machine's load touches both alike.
        std::vector<double> limited_ms, limited_cpu_ms, free_ms, free_cpu_ms;
        for (int run = 0; run < k_pi_runs; ++run) {
            const StartFigures limited =
                LOTSEN_TRY(start_once(context, dir, data_dir, "800x480", "", cgroup.value()->procs(), false));
            limited_ms.push_back(limited.first_frame_ms);
            limited_cpu_ms.push_back(limited.first_frame_cpu_ms);
            const StartFigures unlimited = LOTSEN_TRY(start_once(context, dir, data_dir, "800x480", "", {}, false));
            free_ms.push_back(unlimited.first_frame_ms);
            free_cpu_ms.push_back(unlimited.first_frame_cpu_ms);
        }
        const std::string what = name + " catalogue at 800x480, median of " + std::to_string(k_pi_runs);
        report.add_figure("pi_first_frame_ms_" + name, percentile(limited_ms, 0.5), 0,
                          "Pi-class start to first frame, " + what + " (ms)", Budget{catalogue.budget_key, catalogue.budget_ms});
        report.add_figure("pi_first_frame_cpu_ms_" + name, percentile(limited_cpu_ms, 0.5), 1,
                          "Pi-class CPU time to first frame, " + what + " (ms)");
        report.add_figure("pi_unlimited_first_frame_ms_" + name, percentile(free_ms, 0.5), 0,
                          "the same starts without the limit, alternating, " + what + " (ms)");
        report.add_figure("pi_unlimited_first_frame_cpu_ms_" + name, percentile(free_cpu_ms, 0.5), 1,
                          "CPU time to first frame without the limit, " + what + " (ms)");
    }
    if (const auto throttled = cgroup.value()->throttled_periods())
        report.add_count("pi_class_throttled_periods", *throttled);
    return success();
}

}  // namespace lotsen::bench
