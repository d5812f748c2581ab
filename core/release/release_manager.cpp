// release_manager.cpp — releases/<version>/, the `current` link and state.json (see
// release_manager.hpp). The state file is the commit point of every change: it is written (tmp, fsync,
// rename, directory fsync) before the link is switched to match it, so a power cut between the two
// leaves a link that the next start repairs, never a state that names a release that is not there.
//
// state.json:
//   {"format": 1,
//    "current": 7,               the release the launcher runs; null = the packaged program
//    "previous": 6,              where a failed trial of `current` goes back to; null = packaged
//    "trial": {"version": 7, "switched_at": T, "started_count": 1, "deadline": T,   or null
//              "boot_id": "…", "boot_deadline": S},   optional: the deadline on the boot's own clock
//    "releases": [{"version": 6, "name": "0.1.9", "installed_at": T}, …],   unpacked, oldest first
//    "failed": [{"version": 5, "name": "0.1.8", "reason": "…", "at": T}, …]}  never installed again
#include "core/release/release_manager.hpp"
#include "core/base/json_parse.hpp"

#include "core/base/file.hpp"
#include "core/release/release_bundle.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <string>
#include <time.h>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr int k_state_format = 1;
constexpr std::size_t k_max_failed = 100;  // versions only increase, so old entries never matter again
constexpr const char* k_state_file = "state.json";
constexpr const char* k_link = "current";

bool is_version_name(const std::string& name)
{
    return !name.empty() && name.size() <= 18 && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

struct ReleaseManager::State {
    struct Release {
        std::int64_t version = 0;
        std::string name;
        std::int64_t installed_at = 0;
    };
    struct Failed {
        std::int64_t version = 0;
        std::string name;
        std::string reason;
        std::int64_t at = 0;
    };
    struct Trial {
        std::int64_t version = 0;
        std::int64_t switched_at = 0;
        int started_count = 0;
        std::int64_t deadline = 0;  // 0 until its first start
        std::string boot_id;            // the boot of its last start; empty = judged by the wall clock
        std::int64_t boot_deadline = 0; // CLOCK_BOOTTIME seconds of that boot
    };
    std::optional<std::int64_t> current;
    std::optional<std::int64_t> previous;
    std::optional<Trial> trial;
    std::vector<Release> releases;
    std::vector<Failed> failed;

    const Release* release(std::int64_t version) const
    {
        const auto it = std::find_if(releases.begin(), releases.end(), [&](const Release& r) { return r.version == version; });
        return it == releases.end() ? nullptr : &*it;
    }
    std::string label(std::int64_t version) const
    {
        const Release* r = release(version);
        return std::to_string(version) + (r && !r->name.empty() ? " " + r->name : std::string());
    }
    bool failed_version(std::int64_t version) const
    {
        return std::any_of(failed.begin(), failed.end(), [&](const Failed& f) { return f.version == version; });
    }
};

// An exclusive lock on DATA_DIR/releases/lock for the length of one operation (flock: released by the
// kernel if the process dies, so a crash never leaves it held).
class ReleaseManager::Lock {
public:
    static Result<Lock> take(const std::string& dir)
    {
        const std::string path = dir + "/lock";
        Lock lock;
        lock.m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock.m_fd < 0)
            return Error{path + ": cannot open: " + errno_text()};
        while (::flock(lock.m_fd, LOCK_EX) != 0) {
            if (errno != EINTR)
                return Error{path + ": cannot lock: " + errno_text()};
        }
        return lock;
    }
    Lock(Lock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Lock& operator=(Lock&&) = delete;
    ~Lock()
    {
        if (m_fd >= 0)
            ::close(m_fd);  // releases the flock
    }

private:
    Lock() = default;
    int m_fd = -1;
};

ReleaseManager::ReleaseManager(std::string dir, ReleaseOptions options)
    : m_dir(std::move(dir)), m_options(options)
{
}

ReleaseManager::~ReleaseManager() = default;

Result<std::unique_ptr<ReleaseManager>> ReleaseManager::open(const std::string& data_dir)
{
    return open(data_dir, ReleaseOptions{});
}

Result<std::unique_ptr<ReleaseManager>> ReleaseManager::open(const std::string& data_dir, ReleaseOptions options)
{
    const std::string dir = data_dir + "/releases";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Error{dir + ": cannot create the releases directory: " + ec.message()};
    std::unique_ptr<ReleaseManager> manager(new ReleaseManager(dir, options));
    const Lock lock = LOTSEN_TRY(Lock::take(dir));
    LOTSEN_TRY(manager->load());  // a damaged state file is refused now, not at the first operation
    // Leftovers of an install that was cut short (power, kill) are never used: remove them.
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(".unpack-"))
            fs::remove_all(entry.path(), ec);
    }
    return manager;
}

std::string ReleaseManager::release_dir(std::int64_t version) const
{
    return m_dir + "/" + std::to_string(version);
}

Result<ReleaseManager::State> ReleaseManager::load() const
{
    const std::string path = m_dir + "/" + k_state_file;
    State state;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return state;  // no state yet: nothing installed, the packaged program runs
    std::ostringstream text;
    text << file.rdbuf();
    auto bad = [&](const std::string& what) { return Error{path + ": " + what + " (the file is damaged; releases are left alone)"}; };
    const Result<Json> parsed = parse_json(text.str());
    if (!parsed)
        return bad(parsed.error().text());
    const Json& json = parsed.value();
    if (!json.is_object() || json.value("format", 0) != k_state_format)
        return bad("not a release state of format 1");
    auto optional_int = [&](const Json& object, const char* key, std::optional<std::int64_t>& out) -> bool {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return true;
        if (!it->is_number_integer())
            return false;
        out = it->get<std::int64_t>();
        return true;
    };
    auto integer = [&](const Json& object, const char* key, std::int64_t& out) -> bool {
        std::optional<std::int64_t> value;
        if (!optional_int(object, key, value) || !value)
            return false;
        out = *value;
        return true;
    };
    auto string = [&](const Json& object, const char* key, std::string& out) -> bool {
        const auto it = object.find(key);
        if (it == object.end() || !it->is_string())
            return false;
        out = it->get<std::string>();
        return true;
    };
    if (!optional_int(json, "current", state.current) || !optional_int(json, "previous", state.previous))
        return bad("current and previous must be versions or null");
    if (const auto it = json.find("trial"); it != json.end() && !it->is_null()) {
        State::Trial trial;
        std::int64_t started = 0;
        if (!it->is_object() || !integer(*it, "version", trial.version) || !integer(*it, "switched_at", trial.switched_at) ||
            !integer(*it, "started_count", started) || !integer(*it, "deadline", trial.deadline))
            return bad("trial must have version, switched_at, started_count and deadline");
        trial.started_count = static_cast<int>(std::clamp<std::int64_t>(started, 0, 1000));
        // Optional since the boot clock was added; a state file without them is judged by the wall clock.
        if (string(*it, "boot_id", trial.boot_id) && !integer(*it, "boot_deadline", trial.boot_deadline))
            trial.boot_id.clear();
        state.trial = trial;
    }
    const auto releases = json.find("releases");
    const auto failed = json.find("failed");
    if (releases == json.end() || !releases->is_array() || failed == json.end() || !failed->is_array())
        return bad("releases and failed must be lists");
    for (const Json& item : *releases) {
        State::Release release;
        if (!item.is_object() || !integer(item, "version", release.version) || !string(item, "name", release.name) ||
            !integer(item, "installed_at", release.installed_at))
            return bad("each release needs version, name and installed_at");
        state.releases.push_back(std::move(release));
    }
    for (const Json& item : *failed) {
        State::Failed entry;
        if (!item.is_object() || !integer(item, "version", entry.version) || !string(item, "name", entry.name) ||
            !string(item, "reason", entry.reason) || !integer(item, "at", entry.at))
            return bad("each failed entry needs version, name, reason and at");
        state.failed.push_back(std::move(entry));
    }
    return state;
}

Result<void> ReleaseManager::save(const State& state) const
{
    auto nullable = [](const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); };
    Json json = {{"format", k_state_format}, {"current", nullable(state.current)}, {"previous", nullable(state.previous)}};
    json["trial"] = state.trial ? Json{{"version", state.trial->version},
                                       {"switched_at", state.trial->switched_at},
                                       {"started_count", state.trial->started_count},
                                       {"deadline", state.trial->deadline}}
                                : Json(nullptr);
    if (state.trial && !state.trial->boot_id.empty()) {
        json["trial"]["boot_id"] = state.trial->boot_id;
        json["trial"]["boot_deadline"] = state.trial->boot_deadline;
    }
    json["releases"] = Json::array();
    for (const State::Release& release : state.releases)
        json["releases"].push_back({{"version", release.version}, {"name", release.name}, {"installed_at", release.installed_at}});
    json["failed"] = Json::array();
    for (const State::Failed& entry : state.failed)
        json["failed"].push_back({{"version", entry.version}, {"name", entry.name}, {"reason", entry.reason}, {"at", entry.at}});
    // dump() would throw on invalid UTF-8 (a reason quoting an odd file name); replace it instead.
    return write_file_atomically(m_dir + "/" + k_state_file, json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", 0644);
}

// Makes the `current` link name `version` (a relative target, so the data directory can move), or
// removes it for the packaged program. A new link under a temporary name renamed over the old one:
// whoever follows `current` sees the old release or the new one, never no link.
Result<void> ReleaseManager::point_current_at(const std::optional<std::int64_t>& version) const
{
    const std::string link = m_dir + "/" + k_link;
    if (!version) {
        struct stat st {};
        if (::lstat(link.c_str(), &st) != 0 && errno == ENOENT)
            return success();  // nothing to remove: no write, no sync (every start of the packaged program)
        if (::unlink(link.c_str()) != 0 && errno != ENOENT)
            return Error{link + ": cannot remove: " + errno_text()};
        return fsync_directory(m_dir);
    }
    const std::string target = std::to_string(*version);
    char existing[64] = {};
    const ssize_t n = ::readlink(link.c_str(), existing, sizeof existing - 1);
    if (n > 0 && std::string(existing, static_cast<std::size_t>(n)) == target)
        return success();
    const std::string tmp = link + ".tmp";
    ::unlink(tmp.c_str());
    if (::symlink(target.c_str(), tmp.c_str()) != 0)
        return Error{tmp + ": cannot create link: " + errno_text()};
    if (::rename(tmp.c_str(), link.c_str()) != 0)
        return Error{link + ": cannot switch: " + errno_text()};
    return fsync_directory(m_dir);
}

void ReleaseManager::roll_back(State& state, const std::string& reason, std::int64_t now) const
{
    if (!state.current)
        return;
    const std::int64_t bad = *state.current;
    if (!state.failed_version(bad)) {
        const State::Release* release = state.release(bad);
        state.failed.push_back({bad, release ? release->name : std::string(), reason, now});
        if (state.failed.size() > k_max_failed)
            state.failed.erase(state.failed.begin());
    }
    state.current = state.previous;
    state.previous.reset();  // one step back is known to be good; further back is the packaged program
    if (state.trial && state.trial->version == bad)
        state.trial.reset();
}

void ReleaseManager::prune(State& state) const
{
    std::error_code ec;
    // Failed releases never run again: their files go at once.
    std::vector<State::Release> kept;
    for (const State::Release& release : state.releases) {
        if (state.failed_version(release.version) && release.version != state.current) {
            fs::remove_all(release_dir(release.version), ec);
            continue;
        }
        kept.push_back(release);
    }
    // Then the oldest beyond keep_releases, never the current, previous or trial release.
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.version > b.version; });
    std::vector<State::Release> result;
    std::size_t room = std::max<std::size_t>(m_options.keep_releases, 1);
    auto needed = [&](std::int64_t version) {
        return version == state.current || version == state.previous || (state.trial && state.trial->version == version);
    };
    for (const State::Release& release : kept) {
        if (needed(release.version))
            result.push_back(release);
    }
    room = room > result.size() ? room - result.size() : 0;
    for (const State::Release& release : kept) {
        if (needed(release.version))
            continue;
        if (room > 0) {
            result.push_back(release);
            --room;
        } else {
            fs::remove_all(release_dir(release.version), ec);
        }
    }
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    state.releases = std::move(result);
    // Directories the state does not know (a crash between unpacking and recording) are removed too.
    for (const auto& entry : fs::directory_iterator(m_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!is_version_name(name) || !entry.is_directory(ec) || entry.is_symlink(ec))
            continue;
        const std::int64_t version = std::stoll(name);
        if (!state.release(version))
            fs::remove_all(entry.path(), ec);
    }
}

bool ReleaseManager::has_failed(std::int64_t version) const
{
    auto lock = Lock::take(m_dir);
    if (!lock)
        return false;
    auto state = load();
    return state && state.value().failed_version(version);
}

Result<void> ReleaseManager::install_and_switch(const std::string& bundle_path, std::int64_t version, const std::string& name)
{
    return install_and_switch(bundle_path, version, name, static_cast<std::int64_t>(std::time(nullptr)));
}

Result<void> ReleaseManager::install_and_switch(const std::string& bundle_path, std::int64_t version, const std::string& name,
                                                std::int64_t now)
{
    const std::string label = "release " + std::to_string(version) + (name.empty() ? "" : " (" + name + ")");
    if (version <= 0)
        return Error{label + ": a release version is a positive number"};
    const Lock lock = LOTSEN_TRY(Lock::take(m_dir));
    State state = LOTSEN_TRY(load());
    if (state.failed_version(version))
        return Error{label + " failed its health check before and is never installed again"};
    if (state.current == version)
        return success();  // already installed and current: asked again after a restart
    if (state.trial)
        return Error{label + ": release " + state.label(state.trial->version) +
                     " is still on trial; a new release is installed once it has proved its health"};

    // Room first: the oldest releases beyond the ones kept go before a new one is unpacked.
    prune(state);

    // Unpack under a temporary name, then rename: releases/<version>/ only ever holds a whole release.
    const std::string final_dir = release_dir(version);
    const std::string tmp_dir = m_dir + "/.unpack-" + std::to_string(version) + "-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(tmp_dir, ec);
    auto info = release_bundle::unpack(bundle_path, tmp_dir);
    if (!info)
        return Error{label + ": " + info.error().text()};
    if (!name.empty() && info.value().name != name) {
        fs::remove_all(tmp_dir, ec);
        return Error{label + ": the bundle's RELEASE names it \"" + info.value().name + "\", not \"" + name + "\"; nothing was installed"};
    }
    fs::remove_all(final_dir, ec);  // an older copy that was never switched to (or a pruned leftover)
    if (::rename(tmp_dir.c_str(), final_dir.c_str()) != 0) {
        const std::string why = errno_text();
        fs::remove_all(tmp_dir, ec);
        return Error{final_dir + ": cannot move the unpacked release into place: " + why};
    }
    LOTSEN_TRY(fsync_directory(m_dir));

    std::erase_if(state.releases, [&](const State::Release& r) { return r.version == version; });
    state.releases.push_back({version, info.value().name, now});
    std::sort(state.releases.begin(), state.releases.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    state.previous = state.current;
    state.current = version;
    state.trial = State::Trial{version, now, 0, 0, {}, 0};
    LOTSEN_TRY(save(state));            // the commit point
    return point_current_at(state.current);
}

ReleaseClock release_clock_now()
{
    ReleaseClock clock;
    clock.wall = static_cast<std::int64_t>(std::time(nullptr));
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    timespec since_boot{};
    if (in && std::getline(in, id) && !id.empty() && ::clock_gettime(CLOCK_BOOTTIME, &since_boot) == 0) {
        clock.boot_id = id;
        clock.since_boot = static_cast<std::int64_t>(since_boot.tv_sec);
    }
    return clock;
}

Result<LaunchDecision> ReleaseManager::on_start(const ReleaseClock& clock)
{
    const std::int64_t now = clock.wall;
    const Lock lock = LOTSEN_TRY(Lock::take(m_dir));
    State state = LOTSEN_TRY(load());
    LaunchDecision decision;
    bool changed = false;  // an unchanged state is not rewritten: a start should not cost two fsyncs

    if (state.trial && state.trial->version != state.current) {
        state.trial.reset();  // cannot happen through this class; a trial of what does not run is no trial
        changed = true;
    }
    if (state.trial && state.trial->started_count >= 1) {
        const std::string reason =
            "started " + std::to_string(state.trial->started_count) +
            " time(s) without proving its health within " + std::to_string(m_options.health_check_seconds) +
            " s (it crashed, hung, was stopped at its deadline, or the device restarted)";
        decision.rolled_back = "release " + state.label(state.trial->version) + " " + reason;
        roll_back(state, reason, now);
        changed = true;
    }
    // A current release whose program is gone (a damaged card, a hand-deleted directory) cannot start:
    // back to the one before, rather than a launcher that fails forever.
    for (int guard = 0; guard < 4 && state.current; ++guard) {
        const std::string program = release_dir(*state.current) + "/bin/lotsen";
        if (::access(program.c_str(), X_OK) == 0)
            break;
        const std::string reason = program + " is missing or not executable";
        decision.rolled_back += (decision.rolled_back.empty() ? "" : "; ") + std::string("release ") +
                                state.label(*state.current) + ": " + reason;
        roll_back(state, reason, now);
        changed = true;
    }
    if (state.trial) {
        ++state.trial->started_count;
        state.trial->deadline = now + m_options.health_check_seconds;
        state.trial->boot_id = clock.boot_id;
        state.trial->boot_deadline = clock.since_boot + m_options.health_check_seconds;
        decision.trial = true;
        decision.deadline = state.trial->deadline;
        changed = true;
    }
    if (!decision.rolled_back.empty())
        prune(state);
    if (changed)
        LOTSEN_TRY(save(state));
    LOTSEN_TRY(point_current_at(state.current));  // also repairs a link that a power cut left behind
    if (state.current) {
        decision.version = state.current;
        const State::Release* release = state.release(*state.current);
        decision.name = release ? release->name : std::string();
        decision.release_dir = release_dir(*state.current);
        decision.program = decision.release_dir + "/bin/lotsen";
    }
    return decision;
}

Result<void> ReleaseManager::confirm_healthy(std::int64_t version, const ReleaseClock& clock)
{
    const Lock lock = LOTSEN_TRY(Lock::take(m_dir));
    State state = LOTSEN_TRY(load());
    if (!state.trial || state.trial->version != version)
        return success();
    // Too late counts as not at all: the deadline is what the launcher's alarm enforces too. The
    // alarm counts on a clock that is never stepped, and so does this, within the boot of the start.
    const bool same_boot = !state.trial->boot_id.empty() && state.trial->boot_id == clock.boot_id;
    const std::int64_t late = same_boot ? clock.since_boot - state.trial->boot_deadline : clock.wall - state.trial->deadline;
    if (state.trial->deadline != 0 && late > 0)
        return Error{"release " + state.label(version) + " proved its health " + std::to_string(late) + " s after its deadline (" +
                     (same_boot ? "by the boot clock" : "by the wall clock") +
                     "); it stays on trial and is rolled back at the next start"};
    state.trial.reset();
    prune(state);
    return save(state);
}

Result<void> ReleaseManager::record_failure(std::int64_t version, const std::string& reason, std::int64_t now)
{
    const Lock lock = LOTSEN_TRY(Lock::take(m_dir));
    State state = LOTSEN_TRY(load());
    if (state.current == version) {
        roll_back(state, reason, now);
    } else if (!state.failed_version(version)) {
        const State::Release* release = state.release(version);
        state.failed.push_back({version, release ? release->name : std::string(), reason, now});
    }
    prune(state);
    LOTSEN_TRY(save(state));
    return point_current_at(state.current);
}

std::optional<ReleaseTrial> ReleaseManager::trial() const
{
    auto lock = Lock::take(m_dir);
    if (!lock)
        return std::nullopt;
    auto state = load();
    if (!state || !state.value().trial)
        return std::nullopt;
    return ReleaseTrial{state.value().trial->version, state.value().trial->deadline};
}

ReleaseManager::Report ReleaseManager::report() const
{
    Report report;
    auto lock = Lock::take(m_dir);
    if (!lock)
        return report;
    auto loaded = load();
    if (!loaded)
        return report;
    const State& state = loaded.value();
    for (const State::Release& release : state.releases)
        report.installed.push_back(state.label(release.version));
    if (m_running) {
        const State::Release* release = state.release(*m_running);
        report.running = std::to_string(*m_running) + (release && !release->name.empty() ? " " + release->name : std::string());
    }
    for (const State::Failed& entry : state.failed)
        report.failed.push_back(std::to_string(entry.version) + (entry.name.empty() ? "" : " " + entry.name));
    return report;
}

}  // namespace lotsen
