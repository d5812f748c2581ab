// soak_main.cpp — lotsen-soak: the memory soak ("memory does not grow over a day of use", docs/performance.md).
// It drives the real kiosk headless (HeadlessKiosk: SQLite store and outbox, ImGui frames, the software
// renderer) with seeded random input for N frames: taps on the widgets the current screen registered,
// drags and flings, taps anywhere, idle stretches, jumps of the fake clock past the idle prompt and
// reset, language switches, larger text and high contrast, and the hidden admin door with the right
// PIN now and then. It reads VmRSS after a warm-up and at the end and fails when it grew by the limit
// (1 MiB) or more. The clock is simulated (1/60 s per frame plus the jumps), so a million frames are a
// few hours of kiosk time, not of wall time.
//
// Pixels are not filled unless --rasterize is given: SDL's software rasterizer is 93 % of a headless
// frame (perf, 800×480) and writes only into the fixed-size surface, so a million rasterized frames
// would take hours to learn nothing about memory. The soak turns drawing off in front of SDL's
// rasterizer (tests/common/draw_interposer.hpp): every index is checked to name a vertex and the draw
// is dropped. Everything up to it runs as in the kiosk: layout, text shaping, the draw lists, textures
// (fonts, QR codes), SQLite, the outbox.
//
// Offline by construction: no [upstream] url and no publisher key, so neither the uploader nor the
// updater exists and nothing opens a socket; the program checks that before it starts.
//
//   lotsen-soak [--frames N] [--warmup N] [--seed S] [--size WxH] [--max-growth-kib K] [--activities N]
//               [--rasterize]
#include "kiosk/headless.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/common/draw_interposer.hpp"
#include "tests/common/files.hpp"

#include <SDL.h>
#include <malloc.h>
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace lotsen;
using namespace lotsen::kiosk;

namespace {

constexpr const char* k_pin = "2468";

// Under AddressSanitizer (the asan preset runs soak.short too) freed memory sits in ASan's quarantine,
// so RSS grows by design and says nothing about leaks: the soak still drives every screen for ASan and
// UBSan to check, reports RSS, and leaves leaks to LeakSanitizer at exit.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_rss_is_meaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_rss_is_meaningful = false;
#else
constexpr bool k_rss_is_meaningful = true;
#endif
#else
constexpr bool k_rss_is_meaningful = true;
#endif

struct SoakOptions {
    long frames = 1'000'000;
    long warmup = 5'000;         ///< RSS is first read after this many frames
    std::uint64_t seed = 1;
    int width = 800;
    int height = 480;
    long max_growth_kib = 1024;  ///< the budget: growth must stay under 1 MiB
    int activities = 300;
};

/// Resident set size of this process in KiB (VmRSS of /proc/self/status); -1 when unreadable.
long rss_kib()
{
    // Memory freed but kept by glibc's allocator is handed back first: otherwise a high-water mark of
    // the warm-up could hide a leak, or a fragmented free list could pass for one.
    malloc_trim(0);
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

/// Bytes malloc has handed out and not had back (mallinfo2): unlike RSS, not moved by page reuse or
/// fragmentation, so a leak shows here first.
long heap_in_use_kib()
{
    return static_cast<long>(mallinfo2().uordblks / 1024);
}

/// Bytes SQLite holds (its page caches of the store and the outbox, prepared statements).
long sqlite_kib()
{
    return static_cast<long>(sqlite3_memory_used() / 1024);
}

/// Counts of what the soak did, for the report.
struct SoakCounts {
    long taps = 0;
    long drags = 0;
    long stray_taps = 0;
    long idle_stretches = 0;
    long clock_jumps = 0;
    long language_switches = 0;
    long look_toggles = 0;
    long admin_doors = 0;
    long pins_entered = 0;
};

class Soak {
public:
    Soak(HeadlessKiosk& kiosk, const SoakOptions& options, UnixSeconds start)
        : m_kiosk(kiosk), m_options(options), m_start(start), m_rng(options.seed)
    {
    }

    /// Visits every screen in every language, and home and the list in both accessibility modes, so
    /// every font size and glyph set has been built before memory is first measured.
    void visit_everything()
    {
        KioskApp& app = m_kiosk.app();
        for (const std::string& screen : app.screen_ids()) {
            for (const LanguageCode& language : app.config().languages) {
                app.reset_session();
                app.set_language(language);
                app.show_screen(screen);
                app.prepare_tour(now(), m_kiosk.time());
                settle();
            }
        }
        for (int mode = 0; mode < 4; ++mode) {
            for (const char* screen : {"home", "list", "detail"}) {
                app.reset_session();
                app.session().larger_text = (mode & 1) != 0;
                app.session().high_contrast = (mode & 2) != 0;
                app.show_screen(screen);
                app.prepare_tour(now(), m_kiosk.time());
                settle();
            }
        }
        app.reset_session();
        settle();
    }

    /// One random action: a few frames of input and what follows it.
    void act()
    {
        KioskApp& app = m_kiosk.app();
        if (std::string_view(app.current_screen().id()) == "admin_pin" && chance(0.3)) {
            enter_pin();
            return;
        }
        const int roll = uniform(0, 99);
        if (roll < 50)
            tap_target();
        else if (roll < 65)
            drag();
        else if (roll < 70)
            stray_tap();
        else if (roll < 83)
            idle_frames(uniform(1, 120));
        else if (roll < 89)
            jump_clock();
        else if (roll < 93)
            switch_language();
        else if (roll < 95)
            toggle_look();
        else if (roll < 96)
            admin_door();
        else
            idle_frames(uniform(1, 10));
        m_screens_seen.insert(app.current_screen().id());
    }

    /// Brings the kiosk to the same state before every reading: each screen keeps what it last showed
    /// (list items, a QR code, search results), which moves the heap by about 2 MiB from one random
    /// moment to the next (measured: 13.2–15.1 MiB in use after a plain reset). After the same fixed
    /// tour, what differs between two readings is what accumulated.
    void end_visit() { visit_everything(); }

    long frames() const { return m_frames; }
    const SoakCounts& counts() const { return m_counts; }
    const std::set<std::string>& screens_seen() const { return m_screens_seen; }
    UnixSeconds now() const { return m_start + static_cast<UnixSeconds>(m_kiosk.time()); }

private:
    void frame()
    {
        m_kiosk.frame(now());
        ++m_frames;
    }
    // Like HeadlessKiosk::settle, but every frame is counted.
    void settle(int max_frames = 240)
    {
        frame();
        for (int i = 1; i < max_frames && m_kiosk.app().wants_frame(); ++i)
            frame();
        if (!m_kiosk.app().wants_frame())
            m_kiosk.app().settled();  // where the windowed loop would wait for input
    }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_rng); }
    float uniform(float low, float high) { return std::uniform_real_distribution<float>(low, high)(m_rng); }

    void press_release(float x, float y, int frames_between)
    {
        KioskApp& app = m_kiosk.app();
        app.push_pointer({PointerEvent::Kind::press, x, y});
        frame();
        for (int i = 0; i < frames_between; ++i)
            frame();
        app.push_pointer({PointerEvent::Kind::release, x, y});
        frame();
    }

    // A finger on one of the widgets the last frame drew, where it can be seen.
    void tap_target()
    {
        std::vector<const TapTarget*> visible;
        for (const TapTarget& target : m_kiosk.app().targets()) {
            if (target.visible_max.x > target.visible_min.x && target.visible_max.y > target.visible_min.y)
                visible.push_back(&target);
        }
        if (visible.empty()) {
            idle_frames(1);
            return;
        }
        const TapTarget& target = *visible[static_cast<std::size_t>(uniform(0, static_cast<int>(visible.size()) - 1))];
        press_release(uniform(target.visible_min.x, target.visible_max.x - 0.01f),
                      uniform(target.visible_min.y, target.visible_max.y - 0.01f), uniform(0, 3));
        ++m_counts.taps;
        settle(uniform(1, 60));
    }

    // A drag in a random direction: slow ones scroll, quick ones fling.
    void drag()
    {
        KioskApp& app = m_kiosk.app();
        float x = uniform(0.0f, static_cast<float>(m_options.width - 1));
        float y = uniform(0.0f, static_cast<float>(m_options.height - 1));
        const float dx = uniform(-20.0f, 20.0f);
        const float dy = uniform(-60.0f, 60.0f);
        app.push_pointer({PointerEvent::Kind::press, x, y});
        frame();
        for (int i = uniform(2, 20); i > 0; --i) {
            x = std::clamp(x + dx, 0.0f, static_cast<float>(m_options.width - 1));
            y = std::clamp(y + dy, 0.0f, static_cast<float>(m_options.height - 1));
            app.push_pointer({PointerEvent::Kind::move, x, y});
            frame();
        }
        app.push_pointer({PointerEvent::Kind::release, x, y});
        ++m_counts.drags;
        settle(uniform(1, 240));
    }

    void stray_tap()
    {
        press_release(uniform(0.0f, static_cast<float>(m_options.width - 1)),
                      uniform(0.0f, static_cast<float>(m_options.height - 1)), uniform(0, 2));
        ++m_counts.stray_taps;
        settle(uniform(1, 30));
    }

    void idle_frames(int count)
    {
        for (int i = 0; i < count; ++i)
            frame();
        ++m_counts.idle_stretches;
    }

    // Time passes with nobody there: sometimes long enough for the "still there?" prompt or the
    // reset (the soak's kiosk asks after 60 s and resets 10 s later).
    void jump_clock()
    {
        m_kiosk.advance(static_cast<double>(uniform(1, 90)));
        ++m_counts.clock_jumps;
        settle(uniform(1, 30));
    }

    void switch_language()
    {
        const auto& languages = m_kiosk.app().config().languages;
        m_kiosk.app().set_language(languages[static_cast<std::size_t>(uniform(0, static_cast<int>(languages.size()) - 1))]);
        ++m_counts.language_switches;
        settle(uniform(1, 30));
    }

    void toggle_look()
    {
        VisitorSession& session = m_kiosk.app().session();
        if (chance(0.5))
            session.larger_text = !session.larger_text;
        else
            session.high_contrast = !session.high_contrast;
        ++m_counts.look_toggles;
        settle(uniform(1, 30));
    }

    // Five quick taps on the clock corner (the reading end of the top bar) open the PIN pad.
    void admin_door()
    {
        const std::string& language = m_kiosk.app().session().language;
        const bool rtl = language == "ar" || language == "fa";
        const float x = rtl ? 4.0f : static_cast<float>(m_options.width) - 4.0f;
        for (int i = 0; i < 5; ++i)
            press_release(x, 4.0f, 0);
        ++m_counts.admin_doors;
        settle();
    }

    // The right PIN, digit by digit on the pad (refused while a lockout from random digits lasts).
    void enter_pin()
    {
        for (const char* digit = k_pin; *digit; ++digit)
            tap_id(std::string("##pin-") + *digit);
        tap_id("##pin-ok");
        ++m_counts.pins_entered;
        settle();
    }

    void tap_id(const std::string& id)
    {
        const TapTarget* target = m_kiosk.find_target(id);
        if (!target)
            return;
        press_release((target->visible_min.x + target->visible_max.x) / 2, (target->visible_min.y + target->visible_max.y) / 2, 0);
        settle(4);
    }

    HeadlessKiosk& m_kiosk;
    const SoakOptions& m_options;
    UnixSeconds m_start;
    std::mt19937_64 m_rng;
    long m_frames = 0;
    SoakCounts m_counts;
    std::set<std::string> m_screens_seen;
};

bool parse_long(std::string_view text, long& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

int usage()
{
    std::fprintf(stderr, "usage: lotsen-soak [--frames N] [--warmup N] [--seed S] [--size WxH] [--max-growth-kib K] "
                         "[--activities N] [--rasterize]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    SoakOptions options;
    bool rasterize = false;  // --rasterize: hand draws to SDL's real rasterizer
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--rasterize") {
            rasterize = true;
            continue;
        }
        if (i + 1 >= argc)
            return usage();
        const std::string_view value = argv[++i];
        long number = 0;
        if (arg == "--size") {
            auto size = parse_screen_size(value);
            if (!size)
                return usage();
            options.width = size.value().first;
            options.height = size.value().second;
            continue;
        }
        if (!parse_long(value, number))
            return usage();
        if (arg == "--frames")
            options.frames = number;
        else if (arg == "--warmup")
            options.warmup = number;
        else if (arg == "--seed")
            options.seed = static_cast<std::uint64_t>(number);
        else if (arg == "--max-growth-kib")
            options.max_growth_kib = number;
        else if (arg == "--activities")
            options.activities = static_cast<int>(number);
        else
            return usage();
    }
    if (options.warmup >= options.frames)
        return usage();
    lotsen::testing::set_rasterize(rasterize);
    if (sodium_init() < 0)
        return 1;

    // A data directory of our own, removed at the end however the soak ends.
    const lotsen::testing::TempDir temp("lotsen-soak");
    if (temp.path().empty()) {
        std::perror("lotsen-soak: mkdtemp");
        return 1;
    }
    const std::string dir = temp.str();

    KioskOptions kiosk_options;
    KioskConfig& config = kiosk_options.config;
    config.town = "Varberg";
    config.idle_prompt_seconds = 60;
    config.idle_reset_seconds = 10;
    config.checkin_min_gap_seconds = 0;  // every check-in the dice send is stored
    PublicKey32 hub_public{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> hub_secret{};
    crypto_box_keypair(hub_public.data(), hub_secret.data());
    config.hub_public_key = hub_public;  // contact requests are sealed and stored, never sent
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, k_pin, 4, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) != 0)
        return 1;
    config.admin_pin_hash = std::string(hash);
    kiosk_options.data_dir = dir + "/data";
    kiosk_options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";

    int status = 1;
    {
        auto created = HeadlessKiosk::create(kiosk_options, options.width, options.height);
        if (!created) {
            std::fprintf(stderr, "lotsen-soak: %s\n", created.error().text().c_str());
            return 1;
        }
        HeadlessKiosk& kiosk = *created.value();
        if (kiosk.app().uploader() || kiosk.app().updater()) {
            std::fprintf(stderr, "lotsen-soak: the kiosk would connect upstream; the soak must stay offline\n");
            return 1;
        }
        // Tuesday 24 November 2026, 09:00 in Sweden: activities are on today.
        const UnixSeconds start = stockholm::to_utc({Date{2026, 11, 24}, TimeOfDay{9 * 60}});
        const Catalogue catalogue = generate_synthetic_catalogue(
            SyntheticSpec{.activities = options.activities, .organisations = std::max(1, options.activities / 20), .seed = options.seed});
        if (auto replaced = kiosk.app().store().replace_catalogue(catalogue, start); !replaced) {
            std::fprintf(stderr, "lotsen-soak: %s\n", replaced.error().text().c_str());
            return 1;
        }
        kiosk.app().home();

        Soak soak(kiosk, options, start);
        const auto began = std::chrono::steady_clock::now();
        soak.visit_everything();
        while (soak.frames() < options.warmup)
            soak.act();
        soak.end_visit();
        const long rss_start = rss_kib();
        const long heap_start = heap_in_use_kib();
        const long sqlite_start = sqlite_kib();
        const long start_frame = soak.frames();
        const long report_every = std::max(options.frames / 10, 1L);
        long next_report = start_frame + report_every;
        while (soak.frames() < options.frames) {
            soak.act();
            if (soak.frames() >= next_report) {
                // Read in the same state as the start and end figures, so the trend is comparable.
                soak.end_visit();
                std::fprintf(stderr, "lotsen-soak: frame %ld, RSS %ld KiB, heap in use %ld KiB, SQLite %ld KiB\n",
                             soak.frames(), rss_kib(), heap_in_use_kib(), sqlite_kib());
                next_report += report_every;
            }
        }
        soak.end_visit();
        const long rss_end = rss_kib();
        const long heap_end = heap_in_use_kib();
        const long sqlite_end = sqlite_kib();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
        const long growth = rss_end - rss_start;
        const bool ok = !k_rss_is_meaningful || (rss_start > 0 && rss_end > 0 && growth < options.max_growth_kib);
        if (!k_rss_is_meaningful)
            std::fprintf(stderr, "lotsen-soak: built with AddressSanitizer: RSS is reported, not judged\n");

        std::string seen;
        for (const std::string& id : soak.screens_seen())
            seen += (seen.empty() ? "" : ",") + id;
        const SoakCounts& c = soak.counts();
        const auto pending = kiosk.app().events() ? kiosk.app().events()->pending_count() : Result<std::int64_t>(Error{"no outbox"});
        std::printf("{\n  \"frames\": %ld,\n  \"warmup_frames\": %ld,\n  \"seconds\": %.1f,\n  \"frames_per_s\": %.0f,\n"
                    "  \"simulated_hours\": %.2f,\n  \"rss_start_kib\": %ld,\n  \"rss_end_kib\": %ld,\n"
                    "  \"rss_growth_kib\": %ld,\n  \"max_growth_kib\": %ld,\n  \"heap_start_kib\": %ld,\n  \"heap_end_kib\": %ld,\n"
                    "  \"sqlite_start_kib\": %ld,\n  \"sqlite_end_kib\": %ld,\n  \"seed\": %llu,\n  \"size\": \"%dx%d\",\n"
                    "  \"taps\": %ld,\n  \"drags\": %ld,\n  \"stray_taps\": %ld,\n  \"idle_stretches\": %ld,\n"
                    "  \"clock_jumps\": %ld,\n  \"language_switches\": %ld,\n  \"look_toggles\": %ld,\n"
                    "  \"admin_doors\": %ld,\n  \"pins_entered\": %ld,\n  \"outbox_pending\": %lld,\n"
                    "  \"screens_seen\": \"%s\",\n  \"rasterized\": %s,\n  \"draws_dropped\": %ld,\n  \"ok\": %s\n}\n",
                    soak.frames(), start_frame, seconds, soak.frames() / seconds, kiosk.time() / 3600.0, rss_start, rss_end,
                    growth, options.max_growth_kib, heap_start, heap_end, sqlite_start, sqlite_end, static_cast<unsigned long long>(options.seed), options.width,
                    options.height, c.taps, c.drags, c.stray_taps, c.idle_stretches, c.clock_jumps, c.language_switches,
                    c.look_toggles, c.admin_doors, c.pins_entered,
                    pending ? static_cast<long long>(pending.value()) : -1LL, seen.c_str(), lotsen::testing::rasterizing() ? "true" : "false", lotsen::testing::dropped_draws(), ok ? "true" : "false");
        if (!ok)
            std::fprintf(stderr, "lotsen-soak: RSS grew by %ld KiB (limit %ld KiB) between frame %ld and frame %ld\n",
                         growth, options.max_growth_kib, start_frame, soak.frames());
        status = ok ? 0 : 1;
    }
    return status;
}
