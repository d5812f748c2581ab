// test_schedule.cpp — expand() and next_occurrence(): weekly rules, single dates, cancellations,
// DST, past-midnight ends, de-duplication and the [from, to) window.
//
// The instants below were checked against the system tz database while writing the tests
// (TZ=Europe/Stockholm date -d "2026-06-02 18:00" +%s, and so on), not computed with the code under test.
#include "core/catalogue/schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lotsen {
namespace {

Date date(const char* text)
{
    const std::optional<Date> parsed = Date::parse(text);
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(Date{});
}

TimeOfDay at(int hour, int minute = 0) { return TimeOfDay{hour * 60 + minute}; }

WeeklyRule weekly(int iso_weekday, TimeOfDay start, TimeOfDay end, const char* from, const char* until,
                  int every_weeks = 1)
{
    return WeeklyRule{iso_weekday, start, end, date(from), date(until), every_weeks};
}

std::vector<UnixSeconds> starts_of(const std::vector<Occurrence>& occurrences)
{
    std::vector<UnixSeconds> starts;
    for (const Occurrence& occurrence : occurrences)
        starts.push_back(occurrence.start);
    return starts;
}

// Local midnights in Stockholm, verified with `date`.
constexpr UnixSeconds k_june_1 = 1780264800;  // 2026-06-01 00:00 CEST
constexpr UnixSeconds k_july_1 = 1782856800;  // 2026-07-01 00:00 CEST

// The Tuesdays of June 2026 at 18:00 CEST.
constexpr UnixSeconds k_jun_02_1800 = 1780416000;
constexpr UnixSeconds k_jun_09_1800 = 1781020800;
constexpr UnixSeconds k_jun_16_1800 = 1781625600;
constexpr UnixSeconds k_jun_23_1800 = 1782230400;
constexpr UnixSeconds k_jun_30_1800 = 1782835200;

constexpr int k_tuesday = 2;
constexpr int k_thursday = 4;
constexpr int k_friday = 5;

TEST(ScheduleExpand, WeeklyRuleKeepsWallClockAcrossSpringChange)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-03-01", "2026-04-30"));
    // 2026-03-24 00:00 CET .. 2026-04-01 00:00 CEST; summer time starts on Sunday 29 March.
    const auto occurrences = expand(schedule, 1774306800, 1774994400);
    ASSERT_EQ(occurrences.size(), 2u);
    EXPECT_EQ(occurrences[0].start, 1774371600);  // 2026-03-24 18:00 CET  = 17:00 UTC
    EXPECT_EQ(occurrences[1].start, 1774972800);  // 2026-03-31 18:00 CEST = 16:00 UTC
    EXPECT_EQ(occurrences[1].start - occurrences[0].start, 7 * 86400 - 3600);
    for (const Occurrence& occurrence : occurrences) {
        EXPECT_EQ(occurrence.end - occurrence.start, 2 * 3600);
        EXPECT_EQ(occurrence.local_start.time, at(18));
    }
    EXPECT_EQ(occurrences[0].local_start.date, date("2026-03-24"));
    EXPECT_EQ(occurrences[1].local_start.date, date("2026-03-31"));
}

TEST(ScheduleExpand, WeeklyRuleKeepsWallClockAcrossAutumnChange)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-09-01", "2026-11-30"));
    // 2026-10-20 00:00 CEST .. 2026-10-28 00:00 CET; summer time ends on Sunday 25 October.
    const auto occurrences = expand(schedule, 1792447200, 1793142000);
    ASSERT_EQ(occurrences.size(), 2u);
    EXPECT_EQ(occurrences[0].start, 1792512000);  // 2026-10-20 18:00 CEST = 16:00 UTC
    EXPECT_EQ(occurrences[1].start, 1793120400);  // 2026-10-27 18:00 CET  = 17:00 UTC
    EXPECT_EQ(occurrences[1].start - occurrences[0].start, 7 * 86400 + 3600);
    EXPECT_EQ(occurrences[1].end, 1793120400 + 7200);
}

TEST(ScheduleExpand, ValidityBoundsAreInclusive)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-02", "2026-06-30"));
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_02_1800, k_jun_09_1800, k_jun_16_1800, k_jun_23_1800,
                                        k_jun_30_1800}));

    // One day in from either bound drops the first and last Tuesday.
    schedule.weekly[0] = weekly(k_tuesday, at(18), at(20), "2026-06-03", "2026-06-29");
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_09_1800, k_jun_16_1800, k_jun_23_1800}));

    // A rule valid for a single day.
    schedule.weekly[0] = weekly(k_tuesday, at(18), at(20), "2026-06-16", "2026-06-16");
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)), (std::vector<UnixSeconds>{k_jun_16_1800}));
}

TEST(ScheduleExpand, EveryOtherWeekCountsFromTheWeekOfValidFrom)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-02", "2026-12-31", 2));
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_02_1800, k_jun_16_1800, k_jun_30_1800}));

    // valid_from is Thursday 4 June: its ISO week's Tuesday (2 June) is before validity and left
    // out, but the fortnightly rhythm still counts from that week — 16 and 30 June, not 9 and 23.
    schedule.weekly[0] = weekly(k_tuesday, at(18), at(20), "2026-06-04", "2026-12-31", 2);
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_16_1800, k_jun_30_1800}));
}

TEST(ScheduleExpand, EveryThirdWeekStaysInPhaseFarFromValidFrom)
{
    // 2026-01-06 is a Tuesday; 2 June is 21 weeks later and 23 June 24 weeks later.
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-01-06", "2028-12-31", 3));
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_02_1800, k_jun_23_1800}));
}

TEST(ScheduleExpand, CancelledDatesAreLeftOut)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    schedule.dates.push_back(SingleDate{date("2026-06-04"), at(10), at(12)});
    schedule.cancelled = {date("2026-06-16"), date("2026-06-04"), date("2026-06-30")};
    EXPECT_EQ(starts_of(expand(schedule, k_june_1, k_july_1)),
              (std::vector<UnixSeconds>{k_jun_02_1800, k_jun_09_1800, k_jun_23_1800}));
}

TEST(ScheduleExpand, CancellationAppliesToTheStartDateOnly)
{
    // A night walk Friday 22:00 – Saturday 00:30.
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_friday, at(22), at(0, 30), "2026-06-05", "2026-06-05"));
    schedule.cancelled = {date("2026-06-06")};  // the day it ends on: still happens
    ASSERT_EQ(expand(schedule, k_june_1, k_july_1).size(), 1u);
    schedule.cancelled = {date("2026-06-05")};  // the day it starts on: cancelled
    EXPECT_TRUE(expand(schedule, k_june_1, k_july_1).empty());
}

TEST(ScheduleExpand, SingleDates)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-06-04"), at(10), at(12)});
    schedule.dates.push_back(SingleDate{date("2026-07-04"), at(10), at(12)});  // outside the window
    const auto occurrences = expand(schedule, k_june_1, k_july_1);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1780560000);  // 2026-06-04 10:00 CEST
    EXPECT_EQ(occurrences[0].end, 1780567200);    // 2026-06-04 12:00 CEST
    EXPECT_EQ(occurrences[0].local_start, (LocalDateTime{date("2026-06-04"), at(10)}));
}

TEST(ScheduleExpand, SingleDateCoincidingWithWeeklyOccurrenceIsListedOnce)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    schedule.dates.push_back(SingleDate{date("2026-06-09"), at(18), at(20)});
    const auto occurrences = expand(schedule, k_june_1, k_july_1);
    EXPECT_EQ(starts_of(occurrences),
              (std::vector<UnixSeconds>{k_jun_02_1800, k_jun_09_1800, k_jun_16_1800, k_jun_23_1800,
                                        k_jun_30_1800}));

    // Same day at another time is a separate occurrence.
    schedule.dates.push_back(SingleDate{date("2026-06-09"), at(10), at(12)});
    EXPECT_EQ(expand(schedule, k_june_1, k_july_1).size(), 6u);
}

TEST(ScheduleExpand, DuplicatesWithDifferentEndsKeepTheLatestEnd)
{
    // Design decision: one start, one occurrence; it lasts until the later of the two ends so the
    // kiosk never claims an activity is over while one of its listings says it is running.
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-09", "2026-06-09"));
    schedule.dates.push_back(SingleDate{date("2026-06-09"), at(18), at(21)});
    const auto occurrences = expand(schedule, k_june_1, k_july_1);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, k_jun_09_1800);
    EXPECT_EQ(occurrences[0].end, k_jun_09_1800 + 3 * 3600);
}

TEST(ScheduleExpand, EndAtOrBeforeStartRunsPastMidnight)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-06-05"), at(22), at(0, 30)});
    auto occurrences = expand(schedule, k_june_1, k_july_1);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1780689600);  // 2026-06-05 22:00 CEST
    EXPECT_EQ(occurrences[0].end, 1780698600);    // 2026-06-06 00:30 CEST

    // end == start: a full 24 hours.
    schedule.dates[0] = SingleDate{date("2026-06-04"), at(10), at(10)};
    occurrences = expand(schedule, k_june_1, k_july_1);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1780560000);
    EXPECT_EQ(occurrences[0].end, 1780560000 + 86400);
}

TEST(ScheduleExpand, PastMidnightAcrossAutumnChangeLastsTheExtraHour)
{
    // Saturday 22:00 to Sunday 04:00 is 6 hours on the wall clock, but the clocks go back at
    // 03:00 CEST in between, so it really lasts 7 hours.
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-10-24"), at(22), at(4)});
    const auto occurrences = expand(schedule, 1792274400, 1793142000);  // 2026-10-18 .. 2026-10-28
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1792872000);  // 2026-10-24 22:00 CEST = 20:00 UTC
    EXPECT_EQ(occurrences[0].end, 1792897200);    // 2026-10-25 04:00 CET  = 03:00 UTC
    EXPECT_EQ(occurrences[0].end - occurrences[0].start, 7 * 3600);
}

TEST(ScheduleExpand, StartInSkippedHourMovesForward)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-03-29"), at(2, 30), at(4)});
    // 2026-03-28 00:00 CET .. 2026-03-30 00:00 CEST
    auto occurrences = expand(schedule, 1774652400, 1774821600);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1774747800);  // 03:30 CEST = 01:30 UTC
    EXPECT_EQ(occurrences[0].end, 1774749600);    // 04:00 CEST = 02:00 UTC
    EXPECT_EQ(occurrences[0].local_start, (LocalDateTime{date("2026-03-29"), at(2, 30)}));

    // 02:30–03:00 would end before it starts once moved; the printed 30 minutes are kept.
    schedule.dates[0] = SingleDate{date("2026-03-29"), at(2, 30), at(3)};
    occurrences = expand(schedule, 1774652400, 1774821600);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1774747800);
    EXPECT_EQ(occurrences[0].end, 1774747800 + 30 * 60);
}

TEST(ScheduleExpand, StartInRepeatedHourTakesTheFirst)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-10-25"), at(2, 30), at(2, 45)});
    const auto occurrences = expand(schedule, 1792274400, 1793142000);
    ASSERT_EQ(occurrences.size(), 1u);
    EXPECT_EQ(occurrences[0].start, 1792888200);  // 02:30 CEST = 00:30 UTC
    EXPECT_EQ(occurrences[0].end, 1792889100);    // 02:45 CEST
}

TEST(ScheduleExpand, OccurrencesAreSortedByStart)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-06-20"), at(9), at(10)});
    schedule.weekly.push_back(weekly(k_thursday, at(10), at(12), "2026-06-01", "2026-06-30"));
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    schedule.dates.push_back(SingleDate{date("2026-06-01"), at(9), at(10)});
    const auto occurrences = expand(schedule, k_june_1, k_july_1);
    ASSERT_EQ(occurrences.size(), 2u + 4u + 5u);
    EXPECT_TRUE(std::is_sorted(occurrences.begin(), occurrences.end(),
                               [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; }));
    EXPECT_EQ(occurrences[0].local_start, (LocalDateTime{date("2026-06-01"), at(9)}));
    EXPECT_EQ(occurrences[1].start, k_jun_02_1800);
    EXPECT_EQ(occurrences[2].start, 1780560000);  // Thursday 4 June 10:00
    EXPECT_EQ(occurrences.back().start, k_jun_30_1800);
}

TEST(ScheduleExpand, WindowIsHalfOpenByStart)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    // from == a start includes it; to == a start excludes it.
    EXPECT_EQ(starts_of(expand(schedule, k_jun_09_1800, k_jun_23_1800)),
              (std::vector<UnixSeconds>{k_jun_09_1800, k_jun_16_1800}));
    // An occurrence already running at `from` started before the window and is not listed.
    EXPECT_EQ(starts_of(expand(schedule, k_jun_09_1800 + 1, k_jun_16_1800 + 1)),
              (std::vector<UnixSeconds>{k_jun_16_1800}));
}

TEST(ScheduleExpand, EmptyRangesAndSchedules)
{
    Schedule schedule;
    EXPECT_TRUE(expand(schedule, k_june_1, k_july_1).empty());
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    EXPECT_TRUE(expand(schedule, k_jun_09_1800, k_jun_09_1800).empty());
    EXPECT_TRUE(expand(schedule, k_july_1, k_june_1).empty());
    EXPECT_TRUE(expand(schedule, k_july_1, k_july_1 + 365 * 86400).empty());  // after validity
}

TEST(ScheduleExpand, MalformedRulesProduceNothing)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-30", "2026-06-01"));  // reversed
    schedule.weekly.push_back(weekly(8, at(18), at(20), "2026-06-01", "2026-06-30"));          // no weekday 8
    EXPECT_TRUE(expand(schedule, k_june_1, k_july_1).empty());
}

TEST(ScheduleExpand, ExtremeWindowsDoNotOverflow)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    EXPECT_EQ(expand(schedule, INT64_MIN, INT64_MAX).size(), 5u);
}

TEST(ScheduleExpand, TenThousandActivitiesForSixtyDays)
{
    // Rules valid for three years, as the catalogue allows. Its speed is measured by lotsen-bench,
    // not here: timed tests flake.
    std::vector<Schedule> schedules(10'000);
    for (std::size_t i = 0; i < schedules.size(); ++i) {
        const int weekday = static_cast<int>(i % 7) + 1;
        schedules[i].weekly.push_back(weekly(weekday, at(18), at(20), "2025-01-01", "2027-12-31"));
        schedules[i].weekly.push_back(weekly(weekday % 7 + 1, at(10), at(11), "2025-01-01", "2027-12-31", 2));
        schedules[i].dates.push_back(SingleDate{date("2026-06-20"), at(12), at(13)});
        schedules[i].cancelled.push_back(date("2026-06-24"));
    }
    std::size_t total = 0;
    for (const Schedule& schedule : schedules)
        total += expand(schedule, k_june_1, k_june_1 + 60 * 86400).size();

    // 60 days hold 8 or 9 of each weekday, 4 or 5 fortnightly ones, plus one single date.
    EXPECT_GT(total, 10'000u * 12);
    EXPECT_LT(total, 10'000u * 15);
}

TEST(ScheduleExpand, TenThousandYearValidityStaysInPhase)
{
    // A rule valid for ten thousand years (beyond what the catalogue allows) still lands on the
    // right weeks: the phase of every_weeks is computed, not walked week by week.
    Schedule schedule;
    // Built directly: Date::parse only accepts years from 1900. 0001-01-02 is a Tuesday and 2 June
    // 2026 is exactly 105,681 weeks (a multiple of 3) later, so 2 and 23 June are in phase.
    schedule.weekly.push_back(WeeklyRule{k_tuesday, at(18), at(20), Date{1, 1, 2}, Date{9999, 12, 31}, 3});
    schedule.weekly.push_back(WeeklyRule{k_thursday, at(10), at(12), Date{1, 1, 1}, Date{9999, 12, 31}, 1});
    EXPECT_EQ(expand(schedule, k_june_1, k_july_1).size(), 2u + 4u);
}

TEST(ScheduleNextOccurrence, ReturnsTheOneRunningNow)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    const auto running = next_occurrence(schedule, k_jun_09_1800 + 3600);  // 19:00, mid-session
    ASSERT_TRUE(running.has_value());
    EXPECT_EQ(running->start, k_jun_09_1800);

    // At the end instant it has ended: the next one is a week later.
    const auto next = next_occurrence(schedule, k_jun_09_1800 + 7200);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->start, k_jun_16_1800);
}

TEST(ScheduleNextOccurrence, RunningPastMidnightIsStillFound)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-06-05"), at(22), at(0, 30)});
    const auto running = next_occurrence(schedule, 1780698600 - 60);  // 2026-06-06 00:29
    ASSERT_TRUE(running.has_value());
    EXPECT_EQ(running->start, 1780689600);
    EXPECT_FALSE(next_occurrence(schedule, 1780698600).has_value());  // 00:30: over
}

TEST(ScheduleNextOccurrence, FindsFutureOccurrencesWithinTheHorizonOnly)
{
    Schedule schedule;
    schedule.dates.push_back(SingleDate{date("2026-12-05"), at(10), at(14)});
    const UnixSeconds dec_05_1000 = 1796461200;  // 2026-12-05 10:00 CET
    const auto found = next_occurrence(schedule, k_june_1);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->start, dec_05_1000);
    EXPECT_EQ(found->local_start, (LocalDateTime{date("2026-12-05"), at(10)}));

    EXPECT_FALSE(next_occurrence(schedule, k_june_1, 30).has_value());
    EXPECT_FALSE(next_occurrence(schedule, dec_05_1000 + 4 * 3600).has_value());  // already over
    EXPECT_FALSE(next_occurrence(Schedule{}, k_june_1).has_value());
}

TEST(ScheduleNextOccurrence, SkipsCancelledDates)
{
    Schedule schedule;
    schedule.weekly.push_back(weekly(k_tuesday, at(18), at(20), "2026-06-01", "2026-06-30"));
    schedule.cancelled = {date("2026-06-09"), date("2026-06-16")};
    const auto next = next_occurrence(schedule, k_jun_02_1800 + 7200);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->start, k_jun_23_1800);
}

}  // namespace
}  // namespace lotsen
