// test_disk_full.cpp — a real full disk: a small tmpfs mounted in a private mount namespace (as root,
// or in a new user namespace when unprivileged), filled to the last block. The catalogue store opens
// and reads on it (no -shm: exclusive locking), and the outbox still opens and stores a visitor's
// check-in because it releases its reserve file; with the reserve gone, the next one fails with a
// clear error instead of a crash. Where no namespace can be made (some CI runners forbid them) the
// test is skipped with the reason; `make disk-full-test` runs it alone.
#include "core/catalogue/catalogue_file.hpp"
#include "core/outbox/outbox.hpp"
#include "core/storage/store.hpp"
#include "tests/common/small_disk.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

namespace lotsen {
namespace {

namespace fs = std::filesystem;

constexpr UnixSeconds k_now = 1780300800;

// The scenario, in the child on the small disk; "" when every step held, else what failed.
std::string run_on_full_disk(const std::string& dir)
{
    const std::string store_path = dir + "/lotsen.db";
    OutboxOptions options;
    options.min_checkin_gap_seconds = 0;
    options.reserve_path = dir + "/outbox.reserve";
    options.reserve_bytes = 256 << 10;
    {
        auto store = Store::open(store_path);
        if (!store)
            return "store on an empty disk: " + store.error().text();
        CatalogueParseResult parsed = load_catalogue_file(std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json");
        if (!parsed.ok())
            return "demo catalogue: " + parsed.summary();
        if (auto replaced = store.value()->replace_catalogue(*parsed.catalogue, k_now); !replaced)
            return "import: " + replaced.error().text();
        auto log = Outbox::open(dir + "/outbox.db", options);
        if (!log)
            return "outbox on an empty disk: " + log.error().text();
        if (!fs::exists(options.reserve_path))
            return "no reserve file was made";
        if (!log.value()->record_checkin(CheckIn{"a", std::nullopt, std::nullopt, std::nullopt, ""}, k_now,
                                         ClockSync::synchronised))
            return "check-in on an empty disk";
    }
    // A -shm left by that connection already has its blocks; one made on the full disk would not.
    fs::remove(store_path + "-shm");
    lotsen::testing::fill_disk(dir + "/filler");

    // Start and browse: the store opens as the kiosk opens it, without a -shm file.
    auto opened = Store::open_recovering(store_path);
    if (!opened)
        return "store on a full disk: " + opened.error().text();
    auto& store = opened.value().store;
    auto count = store->activity_count();
    if (!count || count.value() == 0)
        return "browsing on a full disk: no activities";
    if (fs::exists(store_path + "-shm"))
        return "the store made a -shm file";

    // A visitor checks in: the reserve makes room.
    auto log = Outbox::open(dir + "/outbox.db", options);
    if (!log)
        return "outbox on a full disk: " + log.error().text();
    int stored = 0;
    // Each commit takes a few 4 KiB WAL frames: a 256 KiB reserve holds ten with room to spare (the
    // kiosk's is 2 MiB).
    for (int i = 0; i < 10; ++i) {
        auto recorded = log.value()->record_checkin(CheckIn{"b", std::nullopt, std::nullopt, std::nullopt, ""},
                                                    k_now + 1 + i, ClockSync::synchronised);
        if (!recorded)
            return "check-in " + std::to_string(i) + " on a full disk: " + recorded.error().text();
        ++stored;
    }
    if (!log.value()->reserve_released())
        return "the check-ins were stored without releasing the reserve: the disk was not full";
    if (fs::exists(options.reserve_path))
        return "the reserve file is still there";

    // Nothing left to release: the next check-in that needs room fails with an error, no crash.
    lotsen::testing::fill_disk(dir + "/filler2");
    std::string last_error;
    for (int i = 0; i < 2000 && last_error.empty(); ++i) {
        auto recorded = log.value()->record_checkin(CheckIn{"c", std::nullopt, std::nullopt, std::nullopt, ""},
                                                    k_now + 100 + i, ClockSync::synchronised);
        if (!recorded)
            last_error = recorded.error().text();
    }
    if (last_error.empty())
        return "2000 check-ins fitted on a full disk without a reserve";
    if (auto integrity = log.value()->check_integrity(); !integrity)
        return "integrity after a failed check-in: " + integrity.error().text();
    auto pending = log.value()->pending_count();
    if (!pending || pending.value() < 11)
        return "check-ins confirmed before are missing";
    return {};
}

TEST(DiskFull, StoreOpensOutboxUsesItsReserveAndFailuresAreClear)
{
    const fs::path dir = fs::temp_directory_path() / ("lotsen-disk-full-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    int report[2];
    ASSERT_EQ(::pipe(report), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(report[0]);
        // Room for the demo catalogue's store (3.9 MB since its places say how to find them in all
        // seven languages, 4.1 MB with its list texts) and its WAL, the outbox and its reserve; then
        // it is filled.
        std::string message = lotsen::testing::mount_small_disk(dir.string(), "9m");
        char kind = 'S';  // skip
        if (message.empty()) {
            message = run_on_full_disk(dir.string());
            kind = message.empty() ? 'P' : 'F';
        }
        const std::string out = kind + message;
        (void)!::write(report[1], out.data(), out.size());
        ::_exit(0);
    }
    ::close(report[1]);
    std::string out;
    char buffer[512];
    for (ssize_t n; (n = ::read(report[0], buffer, sizeof buffer)) > 0;)
        out.append(buffer, static_cast<std::size_t>(n));
    ::close(report[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    fs::remove_all(dir);
    ASSERT_FALSE(out.empty()) << "the child ended without a word (status " << status << ")";
    if (out[0] == 'S')
        GTEST_SKIP() << "no small file system can be mounted here (" << out.substr(1)
                     << "); run `make disk-full-test` where namespaces are allowed";
    EXPECT_EQ(out[0], 'P') << out.substr(1);
}

}  // namespace
}  // namespace lotsen
