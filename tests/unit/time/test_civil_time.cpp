// test_civil_time.cpp — Date and TimeOfDay parsing and arithmetic, and the Europe/Stockholm rule.
//
// Every instant below was checked against the system tz database while writing the tests, e.g.
// `TZ=Europe/Stockholm date -d @1774746000` and `TZ=Europe/Stockholm date -d "2026-10-25 02:30 CEST" +%s`,
// and is hardcoded so the tests do not depend on zoneinfo being installed.
#include "core/time/civil_time.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lotsen {
namespace {

Date date(const char* text)
{
    const std::optional<Date> parsed = Date::parse(text);
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(Date{});
}

TimeOfDay at(int hour, int minute = 0) { return TimeOfDay{hour * 60 + minute}; }

LocalDateTime local(const char* day, int hour, int minute = 0) { return LocalDateTime{date(day), at(hour, minute)}; }

// ---- Date ---------------------------------------------------------------------------------------

TEST(CivilDate, ParsesValidDates)
{
    EXPECT_EQ(Date::parse("2026-03-29"), (Date{2026, 3, 29}));
    EXPECT_EQ(Date::parse("2024-02-29"), (Date{2024, 2, 29}));  // leap year
    EXPECT_EQ(Date::parse("2000-02-29"), (Date{2000, 2, 29}));  // divisible by 400: leap
    EXPECT_EQ(Date::parse("2026-12-31"), (Date{2026, 12, 31}));
    EXPECT_EQ(Date::parse("1970-01-01"), (Date{1970, 1, 1}));
}

TEST(CivilDate, RejectsDatesThatDoNotExist)
{
    EXPECT_FALSE(Date::parse("2026-02-30").has_value());
    EXPECT_FALSE(Date::parse("2026-02-29").has_value());  // 2026 is not a leap year
    EXPECT_FALSE(Date::parse("1900-02-29").has_value());  // divisible by 100, not 400
    EXPECT_FALSE(Date::parse("2026-04-31").has_value());
    EXPECT_FALSE(Date::parse("2026-13-01").has_value());
    EXPECT_FALSE(Date::parse("2026-00-10").has_value());
    EXPECT_FALSE(Date::parse("2026-01-00").has_value());
    EXPECT_FALSE(Date::parse("2026-01-32").has_value());
}

TEST(CivilDate, RejectsMalformedText)
{
    EXPECT_FALSE(Date::parse("").has_value());
    EXPECT_FALSE(Date::parse("2026-1-01").has_value());
    EXPECT_FALSE(Date::parse("2026-01-1").has_value());
    EXPECT_FALSE(Date::parse("26-01-01").has_value());
    EXPECT_FALSE(Date::parse("2026-01-01x").has_value());
    EXPECT_FALSE(Date::parse("2026-01-01 ").has_value());
    EXPECT_FALSE(Date::parse(" 2026-01-01").has_value());
    EXPECT_FALSE(Date::parse("2026-01-01T00:00").has_value());
    EXPECT_FALSE(Date::parse("2026/01/01").has_value());
    EXPECT_FALSE(Date::parse("2026-0a-01").has_value());
    EXPECT_FALSE(Date::parse("+026-01-01").has_value());
    EXPECT_FALSE(Date::parse("2026-+1-01").has_value());
}

TEST(CivilDate, IsoWeekday)
{
    EXPECT_EQ(date("1970-01-01").iso_weekday(), 4);  // Thursday
    EXPECT_EQ(date("2026-03-02").iso_weekday(), 1);  // Monday
    EXPECT_EQ(date("2026-03-24").iso_weekday(), 2);  // Tuesday
    EXPECT_EQ(date("2026-02-28").iso_weekday(), 6);  // Saturday
    EXPECT_EQ(date("2026-03-29").iso_weekday(), 7);  // Sunday
    EXPECT_EQ(date("2027-01-01").iso_weekday(), 5);  // Friday
    EXPECT_EQ(date("2000-01-01").iso_weekday(), 6);  // Saturday
}

TEST(CivilDate, DaysSinceEpochAndBack)
{
    EXPECT_EQ(date("1970-01-01").days_since_epoch(), 0);
    EXPECT_EQ(date("2026-01-01").days_since_epoch(), 20454);
    EXPECT_EQ(date("2024-02-29").days_since_epoch(), 19782);
    EXPECT_EQ(date("1900-01-01").days_since_epoch(), -25567);
    EXPECT_EQ(Date::from_days_since_epoch(-1), (Date{1969, 12, 31}));
    EXPECT_EQ(Date::from_days_since_epoch(20541), (Date{2026, 3, 29}));
    for (std::int64_t day = -800; day < 25000; day += 37)
        EXPECT_EQ(Date::from_days_since_epoch(day).days_since_epoch(), day);
}

TEST(CivilDate, PlusDaysCrossesMonthsYearsAndLeapDays)
{
    EXPECT_EQ(date("2026-01-31").plus_days(1), (Date{2026, 2, 1}));
    EXPECT_EQ(date("2026-02-28").plus_days(1), (Date{2026, 3, 1}));
    EXPECT_EQ(date("2024-02-28").plus_days(1), (Date{2024, 2, 29}));
    EXPECT_EQ(date("2026-12-31").plus_days(1), (Date{2027, 1, 1}));
    EXPECT_EQ(date("2026-03-01").plus_days(-1), (Date{2026, 2, 28}));
    EXPECT_EQ(date("2026-01-01").plus_days(365), (Date{2027, 1, 1}));
    EXPECT_EQ(date("2026-06-15").plus_days(0), (Date{2026, 6, 15}));
}

TEST(CivilDate, ToStringIsZeroPadded)
{
    EXPECT_EQ((Date{2026, 3, 9}).to_string(), "2026-03-09");
    EXPECT_EQ((Date{2026, 12, 31}).to_string(), "2026-12-31");
    EXPECT_EQ(Date::parse(date("2024-02-29").to_string()), (Date{2024, 2, 29}));
}

TEST(CivilDate, Ordering)
{
    EXPECT_LT(date("2026-03-29"), date("2026-03-30"));
    EXPECT_LT(date("2026-12-31"), date("2027-01-01"));
    EXPECT_LT(date("2026-02-28"), date("2026-10-01"));
}

// ---- TimeOfDay ----------------------------------------------------------------------------------

TEST(CivilTimeOfDay, ParsesValidTimes)
{
    EXPECT_EQ(TimeOfDay::parse("00:00"), (TimeOfDay{0}));
    EXPECT_EQ(TimeOfDay::parse("18:05"), (TimeOfDay{18 * 60 + 5}));
    EXPECT_EQ(TimeOfDay::parse("23:59"), (TimeOfDay{1439}));
    const TimeOfDay parsed = TimeOfDay::parse("07:30").value_or(TimeOfDay{});
    EXPECT_EQ(parsed.hour(), 7);
    EXPECT_EQ(parsed.minute(), 30);
}

TEST(CivilTimeOfDay, RejectsInvalidTimes)
{
    EXPECT_FALSE(TimeOfDay::parse("").has_value());
    EXPECT_FALSE(TimeOfDay::parse("24:00").has_value());
    EXPECT_FALSE(TimeOfDay::parse("12:60").has_value());
    EXPECT_FALSE(TimeOfDay::parse("7:00").has_value());
    EXPECT_FALSE(TimeOfDay::parse("07:0").has_value());
    EXPECT_FALSE(TimeOfDay::parse("07:00 ").has_value());
    EXPECT_FALSE(TimeOfDay::parse("07:00:00").has_value());
    EXPECT_FALSE(TimeOfDay::parse("07.00").has_value());
    EXPECT_FALSE(TimeOfDay::parse("-1:00").has_value());
    EXPECT_FALSE(TimeOfDay::parse("ab:cd").has_value());
}

TEST(CivilTimeOfDay, ToString)
{
    EXPECT_EQ((TimeOfDay{0}).to_string(), "00:00");
    EXPECT_EQ((TimeOfDay{18 * 60 + 5}).to_string(), "18:05");
    EXPECT_EQ((TimeOfDay{1439}).to_string(), "23:59");
}

// ---- Europe/Stockholm ---------------------------------------------------------------------------

struct Transition {
    UnixSeconds instant;  // first second of the new offset
    int offset_before;
    int offset_after;
};

TEST(StockholmOffset, ChangesAtOneUtcOnTheLastSundays)
{
    const std::vector<Transition> transitions{
        {1774746000, 3600, 7200},  // 2026-03-29 01:00 UTC
        {1792890000, 7200, 3600},  // 2026-10-25 01:00 UTC
        {1806195600, 3600, 7200},  // 2027-03-28 01:00 UTC
        {1824944400, 7200, 3600},  // 2027-10-31 01:00 UTC
        {1901149200, 3600, 7200},  // 2030-03-31 01:00 UTC
        {1919293200, 7200, 3600},  // 2030-10-27 01:00 UTC
        {2121901200, 3600, 7200},  // 2037-03-29 01:00 UTC
        {2140045200, 7200, 3600},  // 2037-10-25 01:00 UTC
        {2374102800, 3600, 7200},  // 2045-03-26 01:00 UTC (past 2038: 64-bit seconds)
        {2392851600, 7200, 3600},  // 2045-10-29 01:00 UTC
    };
    for (const Transition& transition : transitions) {
        EXPECT_EQ(stockholm::utc_offset_at(transition.instant - 1), transition.offset_before) << transition.instant;
        EXPECT_EQ(stockholm::utc_offset_at(transition.instant), transition.offset_after) << transition.instant;
    }
}

TEST(StockholmOffset, WinterAndSummer)
{
    EXPECT_EQ(stockholm::utc_offset_at(1768042800), 3600);  // 2026-01-10 12:00 CET
    EXPECT_EQ(stockholm::utc_offset_at(1782900000), 7200);  // 2026-07-01 12:00 CEST
    EXPECT_EQ(stockholm::utc_offset_at(1798759800), 3600);  // 2026-12-31 23:30 UTC
}

TEST(StockholmToLocal, AroundTheSpringChange)
{
    EXPECT_EQ(stockholm::to_local(1774745999), local("2026-03-29", 1, 59));  // 01:59:59 CET
    EXPECT_EQ(stockholm::to_local(1774746000), local("2026-03-29", 3, 0));   // 03:00:00 CEST
    EXPECT_EQ(stockholm::to_local(1806195600), local("2027-03-28", 3, 0));
}

TEST(StockholmToLocal, AroundTheAutumnChange)
{
    EXPECT_EQ(stockholm::to_local(1792889999), local("2026-10-25", 2, 59));  // 02:59:59 CEST
    EXPECT_EQ(stockholm::to_local(1792890000), local("2026-10-25", 2, 0));   // 02:00:00 CET, again
    EXPECT_EQ(stockholm::to_local(1824944400), local("2027-10-31", 2, 0));
}

TEST(StockholmToLocal, CrossesTheYearBoundary)
{
    EXPECT_EQ(stockholm::to_local(1798759800), local("2027-01-01", 0, 30));  // 2026-12-31 23:30 UTC
    EXPECT_EQ(stockholm::to_local(1767139200), local("2025-12-31", 1, 0));   // 2025-12-31 00:00 UTC
}

TEST(StockholmToUtc, OrdinaryTimes)
{
    EXPECT_EQ(stockholm::to_utc(local("2026-01-10", 12)), 1768042800);
    EXPECT_EQ(stockholm::to_utc(local("2026-07-01", 12)), 1782900000);
    EXPECT_EQ(stockholm::to_utc(local("2026-03-29", 1, 59)), 1774745940);
    EXPECT_EQ(stockholm::to_utc(local("2026-03-29", 3, 0)), 1774746000);
    EXPECT_EQ(stockholm::to_utc(local("2026-10-25", 1, 59)), 1792886340);
}

TEST(StockholmToUtc, SkippedHourMovesForward)
{
    // 02:30 on 2026-03-29 does not exist; it becomes 03:30 CEST = 01:30 UTC.
    EXPECT_EQ(stockholm::to_utc(local("2026-03-29", 2, 30)), 1774747800);
    EXPECT_EQ(stockholm::to_local(1774747800), local("2026-03-29", 3, 30));
    EXPECT_EQ(stockholm::to_utc(local("2026-03-29", 2, 0)), 1774746000);  // → 03:00 CEST
    EXPECT_EQ(stockholm::to_utc(local("2027-03-28", 2, 30)), 1806197400);
}

TEST(StockholmToUtc, RepeatedHourTakesTheFirst)
{
    // 02:30 on 2026-10-25 happens at 00:30 UTC (CEST) and at 01:30 UTC (CET); the first wins.
    EXPECT_EQ(stockholm::to_utc(local("2026-10-25", 2, 30)), 1792888200);
    EXPECT_EQ(stockholm::to_utc(local("2026-10-25", 2, 0)), 1792886400);
    EXPECT_EQ(stockholm::to_utc(local("2026-10-25", 3, 0)), 1792893600);  // 03:00 CET = 02:00 UTC
    EXPECT_EQ(stockholm::to_utc(local("2027-10-31", 2, 30)), 1824942600);
}

TEST(StockholmStartOfDay, BeginsAtLocalMidnight)
{
    EXPECT_EQ(stockholm::start_of_day(date("2026-03-29")), 1774738800);  // 00:00 CET, a 23-hour day
    EXPECT_EQ(stockholm::start_of_day(date("2026-03-30")), 1774821600);  // 00:00 CEST
    EXPECT_EQ(stockholm::start_of_day(date("2026-10-25")), 1792879200);  // 00:00 CEST, a 25-hour day
    EXPECT_EQ(stockholm::start_of_day(date("2026-10-26")) - stockholm::start_of_day(date("2026-10-25")), 25 * 3600);
    EXPECT_EQ(stockholm::start_of_day(date("2026-06-01")), 1780264800);
}

TEST(StockholmRoundTrip, InstantToLocalAndBack)
{
    // Every 5 minutes across both 2026 changes and a stretch of ordinary days: to_utc(to_local(t))
    // is t, except during the second pass of the repeated hour, which resolves to the first pass.
    const UnixSeconds autumn_change = 1792890000;
    for (const UnixSeconds begin : {UnixSeconds{1774551600}, UnixSeconds{1792706400}, UnixSeconds{1782900000}}) {
        for (UnixSeconds t = begin; t < begin + 4 * 86400; t += 300) {
            const bool second_pass = t >= autumn_change && t < autumn_change + 3600;
            EXPECT_EQ(stockholm::to_utc(stockholm::to_local(t)), second_pass ? t - 3600 : t) << t;
        }
    }
}

TEST(StockholmRoundTrip, LocalToInstantAndBack)
{
    // Every local minute of the two change days: to_local(to_utc(l)) is l, except in the skipped
    // hour, which reads one hour later.
    for (const char* day : {"2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"}) {
        const bool spring = date(day).month == 3;
        for (int minutes = 0; minutes < 1440; ++minutes) {
            const LocalDateTime wall{date(day), TimeOfDay{minutes}};
            const bool skipped = spring && minutes >= 120 && minutes < 180;
            const LocalDateTime expected{date(day), TimeOfDay{skipped ? minutes + 60 : minutes}};
            EXPECT_EQ(stockholm::to_local(stockholm::to_utc(wall)), expected) << day << " " << minutes;
        }
    }
}

}  // namespace
}  // namespace lotsen
