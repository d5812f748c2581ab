// test_outbox_recovery.cpp — a damaged outbox (truncated, hit header, zero length, zero length with
// its -wal) opened with Outbox::open_recovering: the damaged file is kept aside byte for byte, a new
// log takes check-ins again, and every event that still reads is in it with its own id; a sound file
// is opened as it is and nothing is set aside.
#include "core/outbox/outbox.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr UnixSeconds k_now = 1780300800;

OutboxOptions no_gap()
{
    OutboxOptions options;
    options.min_checkin_gap_seconds = 0;
    return options;
}

// Records `count` check-ins; returns their ids in order.
std::vector<std::string> record(Outbox& log, int count)
{
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
        CheckIn checkin;
        checkin.activity_id = "aktivitet-" + std::to_string(i);
        checkin.organisation_id = "testforeningen";
        auto recorded = log.record_checkin(checkin, k_now + i, ClockSync::synchronised);
        EXPECT_TRUE(recorded) << recorded.error().text();
        if (recorded)
            ids.push_back(recorded.value().event_id);
    }
    return ids;
}

std::set<std::string> pending_ids(Outbox& log)
{
    std::set<std::string> ids;
    auto events = log.oldest_pending(1'000'000);
    EXPECT_TRUE(events) << events.error().text();
    if (events) {
        for (const StoredEvent& event : events.value())
            ids.insert(event.id);
    }
    return ids;
}

// A log of `count` check-ins at `path`, closed (so everything is in the main file); their ids.
std::vector<std::string> make_log(const fs::path& path, int count)
{
    auto log = Outbox::open(path.string(), no_gap());
    EXPECT_TRUE(log) << log.error().text();
    return log ? record(*log.value(), count) : std::vector<std::string>{};
}

TEST(OutboxRecovery, SoundFileIsOpenedAndNothingIsSetAside)
{
    TempDir dir("lotsen-recovery");
    const fs::path path = dir / "outbox.db";
    const auto ids = make_log(path, 20);
    auto opened = Outbox::open_recovering(path.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    EXPECT_FALSE(opened.value().recovery);
    EXPECT_EQ(pending_ids(*opened.value().outbox).size(), ids.size());
    EXPECT_FALSE(fs::exists(dir / "outbox.db.damaged-1"));
}

TEST(OutboxRecovery, BadHeaderIsKeptAsideAndEveryEventIsReadBack)
{
    TempDir dir("lotsen-recovery");
    const fs::path path = dir / "outbox.db";
    const auto ids = make_log(path, 300);
    std::string bytes = testing::read_file(path);
    std::fill_n(bytes.begin(), 16, 'x');
    ASSERT_TRUE(testing::write_file(path, bytes));

    auto opened = Outbox::open_recovering(path.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    ASSERT_TRUE(opened.value().recovery);
    const OutboxRecovery& recovery = *opened.value().recovery;
    EXPECT_EQ(recovery.kept_aside, path.string() + ".damaged-1");
    EXPECT_EQ(testing::read_file(recovery.kept_aside), bytes) << "the damaged file must be kept as it was";
    EXPECT_NE(recovery.damage.find("not a database"), std::string::npos) << recovery.damage;
    EXPECT_EQ(recovery.recovered, 300);
    EXPECT_EQ(pending_ids(*opened.value().outbox), std::set<std::string>(ids.begin(), ids.end()));
    EXPECT_TRUE(opened.value().outbox->check_integrity());
    // The new log takes check-ins again.
    EXPECT_EQ(record(*opened.value().outbox, 1).size(), 1u);
}

TEST(OutboxRecovery, TruncatedFileIsKeptAsideAndWhatStillReadsIsReadBack)
{
    TempDir dir("lotsen-recovery");
    const fs::path path = dir / "outbox.db";
    const auto ids = make_log(path, 3000);
    const auto size = fs::file_size(path);
    fs::resize_file(path, size / 2);
    const std::string truncated = testing::read_file(path);

    auto opened = Outbox::open_recovering(path.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    ASSERT_TRUE(opened.value().recovery);
    const OutboxRecovery& recovery = *opened.value().recovery;
    EXPECT_EQ(testing::read_file(recovery.kept_aside), truncated);
    // The events of the first half of the pages read; nothing invented, nothing twice.
    EXPECT_GT(recovery.recovered, 500) << recovery.read_problem;
    EXPECT_LT(recovery.recovered, 3000);
    const std::set<std::string> back = pending_ids(*opened.value().outbox);
    EXPECT_EQ(back.size(), static_cast<std::size_t>(recovery.recovered));
    for (const std::string& id : back)
        EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    EXPECT_TRUE(opened.value().outbox->check_integrity());
}

TEST(OutboxRecovery, ZeroLengthFileIsKeptAsideNotSilentlyReplaced)
{
    TempDir dir("lotsen-recovery");
    const fs::path path = dir / "outbox.db";
    make_log(path, 10);
    fs::resize_file(path, 0);

    auto opened = Outbox::open_recovering(path.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    ASSERT_TRUE(opened.value().recovery) << "an empty outbox.db must be reported, not taken for a new one";
    EXPECT_TRUE(fs::exists(opened.value().recovery->kept_aside));
    EXPECT_EQ(opened.value().recovery->recovered, 0);
    EXPECT_EQ(record(*opened.value().outbox, 1).size(), 1u);
}

TEST(OutboxRecovery, ZeroLengthFileIsRebuiltFromItsWal)
{
    // A power-cut image: the main file lost its content, the -wal still holds every commit.
    TempDir dir("lotsen-recovery");
    TempDir cut("lotsen-recovery-cut");
    const fs::path path = dir / "outbox.db";
    std::vector<std::string> ids;
    {
        auto log = Outbox::open(path.string(), no_gap());
        ASSERT_TRUE(log) << log.error().text();
        ids = record(*log.value(), 50);
        fs::copy_file(path, cut / "outbox.db");
        fs::copy_file(path.string() + "-wal", cut / "outbox.db-wal");
    }
    const fs::path image = cut / "outbox.db";
    fs::resize_file(image, 0);

    auto opened = Outbox::open_recovering(image.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    ASSERT_TRUE(opened.value().recovery);
    EXPECT_EQ(opened.value().recovery->recovered, 50) << opened.value().recovery->read_problem;
    EXPECT_EQ(pending_ids(*opened.value().outbox), std::set<std::string>(ids.begin(), ids.end()));
    EXPECT_TRUE(fs::exists(opened.value().recovery->kept_aside + "-wal")) << "the -wal is kept with its file";
}

TEST(OutboxRecovery, QuarantinedEventsStaySetAside)
{
    TempDir dir("lotsen-recovery");
    const fs::path path = dir / "outbox.db";
    std::vector<std::string> ids;
    {
        auto log = Outbox::open(path.string(), no_gap());
        ASSERT_TRUE(log);
        ids = record(*log.value(), 3);
        ASSERT_TRUE(log.value()->quarantine(ids[1], "hub said no", k_now));
    }
    std::string bytes = testing::read_file(path);
    std::fill_n(bytes.begin(), 16, '\0');
    ASSERT_TRUE(testing::write_file(path, bytes));
    auto opened = Outbox::open_recovering(path.string(), no_gap());
    ASSERT_TRUE(opened) << opened.error().text();
    ASSERT_TRUE(opened.value().recovery);
    auto counts = opened.value().outbox->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts.value().never_drop, 2);
    EXPECT_EQ(counts.value().quarantined, 1);
}

}  // namespace
}  // namespace lotsen
