// What visitors miss, end to end (issue 20): wishes recorded in the kiosk's real outbox travel with
// the real Uploader to `lotsen-hub serve` on loopback in a batch of format 1.1, are stored exactly
// once, and `lotsen-hub stats` shows a count from 5 on and "<5" below. (The office's /wishes page on
// the same path is tests/browser/test_wishes.py.) Judged by outcomes with generous deadlines.
#include "tests/integration/delivery_fixture.hpp"

#include <chrono>

using namespace lotsen;
using namespace lotsen::testing;

namespace {

std::vector<std::string> record_wishes(Outbox& log, int count, const std::string& interest, const std::string& language)
{
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) {
        MissedWish wish;
        wish.interest = interest;
        wish.day_part = DayPart::evening;
        wish.language = language;
        auto outcome = log.record_missed(wish, unix_now() - 60 + i, ClockSync::synchronised);
        EXPECT_TRUE(outcome) << outcome.error().text();
        if (outcome)
            ids.push_back(outcome.value().event_id);
    }
    return ids;
}

bool has_line(const std::string& text, const std::string& line)
{
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_F(DeliveryTest, WishesTravelToTheHubOnceAndAreCountedFromFive)
{
    start_hub();
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    std::vector<std::string> ids = record_wishes(*log, 5, "music", "ar");
    const std::vector<std::string> few = record_wishes(*log, 4, "outdoors", "");
    ids.insert(ids.end(), few.begin(), few.end());
    const std::vector<std::string> checkins = record_events(*log, 3, 0);  // 1.0 events in the same batches

    UploaderOptions options = uploader_options(m_hub->port());
    options.heartbeat_interval = std::chrono::hours(1);
    auto uploader = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(uploader) << uploader.error().text();
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30))) << uploader.value()->status().last_error;
    uploader.value()->stop();

    for (const std::string& id : ids)
        EXPECT_EQ(hub_count(id), 1) << "wish " << id;
    for (const std::string& id : checkins)
        EXPECT_EQ(hub_count(id), 1) << "check-in " << id;
    auto pending = log->pending_count();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), 0);
    auto counts = log->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts.value().quarantined, 0) << "the hub took the new kind: nothing was rejected";
    EXPECT_EQ(uploader.value()->status().events_deferred, 0u) << "nor deferred";

    const CommandResult stats = run_command({hub_program(), "stats", "--data-dir", m_hub_dir.string(), "--csv"});
    ASSERT_EQ(stats.exit_code, 0) << stats.output;
    EXPECT_TRUE(has_line(stats.output, "wishes_interest,*,music,5")) << stats.output;
    EXPECT_TRUE(has_line(stats.output, "wishes_interest,*,outdoors,<5")) << stats.output;
    EXPECT_TRUE(has_line(stats.output, "wishes_language,*,ar,5")) << stats.output;
    EXPECT_TRUE(has_line(stats.output, "wishes_day_part,*,evening,9")) << stats.output;
    EXPECT_EQ(stats.output.find(",4\n"), std::string::npos) << "no count under 5, ever";
    EXPECT_EQ(hub_integrity(), "ok");
}
