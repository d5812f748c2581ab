// test_occurrence_wording.cpp — "on now", "starts in N minutes", "today", "tomorrow" and weekday
// dates at fixed instants, across midnight and both DST changes of 2026 (29 March, 25 October).
//
// Instants are built from local wall-clock times with stockholm::to_utc, whose own tests pin it
// to TZ=Europe/Stockholm date; the DST cases say the UTC instant in a comment.
#include "core/catalogue/occurrence_wording.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

constexpr const char* k_lri = "\u2066";
constexpr const char* k_pdi = "\u2069";

UnixSeconds local(int year, int month, int day, int hour, int minute, int second = 0)
{
    return stockholm::to_utc({Date{year, month, day}, TimeOfDay{hour * 60 + minute}}) + second;
}

Occurrence occurrence(int year, int month, int day, int hour, int minute, int duration_minutes)
{
    const UnixSeconds start = local(year, month, day, hour, minute);
    return Occurrence{start, start + duration_minutes * 60,
                      LocalDateTime{Date{year, month, day}, TimeOfDay{hour * 60 + minute}}};
}

std::string iso(const std::string& numbers)
{
    return k_lri + numbers + k_pdi;
}

class OccurrenceWording : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tables.add_language("sv", R"(
day_today = "I dag"
day_tomorrow = "I morgon"
when_now = "Pågår nu"
when_in_minutes.one = "Börjar om {minutes} minut"
when_in_minutes.other = "Börjar om {minutes} minuter"
mon = "mån"
tue = "tis"
wed = "ons"
thu = "tors"
fri = "fre"
sat = "lör"
sun = "sön"
)", "sv test table").ok());
    }
    std::string sv(const Occurrence& o, UnixSeconds now) const { return describe_occurrence(m_tables, "sv", o, now); }

    StringTables m_tables;
};

// Tuesday 24 November 2026.
TEST_F(OccurrenceWording, RunningIsOnNowUntilItsEnd)
{
    const Occurrence walk = occurrence(2026, 11, 24, 10, 0, 90);
    EXPECT_EQ(when_of(walk, local(2026, 11, 24, 10, 0)).kind, WhenKind::running);
    EXPECT_EQ(sv(walk, local(2026, 11, 24, 10, 30)), "Pågår nu · " + iso("10:00–11:30"));
    EXPECT_EQ(when_of(walk, local(2026, 11, 24, 11, 29, 59)).kind, WhenKind::running);
    // Ended: no longer "now".
    EXPECT_NE(when_of(walk, local(2026, 11, 24, 11, 30)).kind, WhenKind::running);
}

TEST_F(OccurrenceWording, StartingWithinTheHourCountsWholeMinutesRoundedUpWithPluralForms)
{
    const Occurrence walk = occurrence(2026, 11, 24, 10, 0, 90);
    EXPECT_EQ(sv(walk, local(2026, 11, 24, 9, 40)), "Börjar om 20 minuter · " + iso("10:00–11:30"));
    // 19 minutes 30 seconds: still "20" (never promise a start sooner than it is).
    EXPECT_EQ(when_of(walk, local(2026, 11, 24, 9, 40, 30)).minutes_until, 20);
    EXPECT_EQ(sv(walk, local(2026, 11, 24, 9, 59)), "Börjar om 1 minut · " + iso("10:00–11:30"));
    EXPECT_EQ(sv(walk, local(2026, 11, 24, 9, 59, 30)), "Börjar om 1 minut · " + iso("10:00–11:30"));
    // Exactly an hour ahead is still "in 60 minutes"; a minute more is "today".
    EXPECT_EQ(when_of(walk, local(2026, 11, 24, 9, 0)).kind, WhenKind::starting_soon);
    EXPECT_EQ(when_of(walk, local(2026, 11, 24, 9, 0)).minutes_until, 60);
    EXPECT_EQ(sv(walk, local(2026, 11, 24, 8, 59)), "I dag " + iso("10:00–11:30"));
}

TEST_F(OccurrenceWording, TomorrowThenShortWeekdayAndDate)
{
    const UnixSeconds now = local(2026, 11, 24, 9, 0);  // Tuesday
    EXPECT_EQ(sv(occurrence(2026, 11, 25, 18, 0, 120), now), "I morgon " + iso("18:00–20:00"));
    EXPECT_EQ(sv(occurrence(2026, 11, 26, 18, 0, 120), now), "tors " + iso("26/11") + " " + iso("18:00–20:00"));
    EXPECT_EQ(sv(occurrence(2026, 12, 1, 18, 0, 120), now), "tis " + iso("1/12") + " " + iso("18:00–20:00"));
    EXPECT_EQ(day_label(m_tables, "sv", Date{2026, 11, 24}, now), "I dag");
    EXPECT_EQ(day_label(m_tables, "sv", Date{2026, 11, 25}, now), "I morgon");
    EXPECT_EQ(day_label(m_tables, "sv", Date{2026, 11, 28}, now), "lör " + iso("28/11"));
}

TEST_F(OccurrenceWording, MidnightEdges)
{
    // 23:50 on Tuesday: 00:15 is "in 25 minutes", filed under Wednesday (tomorrow).
    const Occurrence early = occurrence(2026, 11, 25, 0, 15, 60);
    const OccurrenceWhen soon = when_of(early, local(2026, 11, 24, 23, 50));
    EXPECT_EQ(soon.kind, WhenKind::starting_soon);
    EXPECT_EQ(soon.minutes_until, 25);
    EXPECT_EQ(soon.day, (Date{2026, 11, 25}));
    // Just after midnight, Wednesday evening is "today", not "tomorrow".
    EXPECT_EQ(sv(occurrence(2026, 11, 25, 18, 0, 60), local(2026, 11, 25, 0, 5)), "I dag " + iso("18:00–19:00"));
    // Just before midnight it is "tomorrow".
    EXPECT_EQ(sv(occurrence(2026, 11, 25, 18, 0, 60), local(2026, 11, 24, 23, 59)), "I morgon " + iso("18:00–19:00"));
    // A night that started on Tuesday and runs past midnight is "on now" and listed under today.
    const Occurrence night = occurrence(2026, 11, 24, 23, 0, 120);
    const UnixSeconds half_past = local(2026, 11, 25, 0, 30);
    EXPECT_EQ(sv(night, half_past), "Pågår nu · " + iso("23:00–01:00"));
    EXPECT_EQ(listing_day(night, half_past), (Date{2026, 11, 25}));
    EXPECT_EQ(listing_day(night, local(2026, 11, 24, 23, 30)), (Date{2026, 11, 24}));
}

TEST_F(OccurrenceWording, SpringForwardCountsRealMinutes)
{
    // Sunday 29 March 2026: 02:00 CET jumps to 03:00 CEST. At 01:50 CET (00:50Z) an occurrence at
    // 03:10 CEST (01:10Z) is 20 real minutes away, though the wall clocks differ by 80.
    const UnixSeconds now = local(2026, 3, 29, 1, 50);
    ASSERT_EQ(now, 1774745400);  // 2026-03-29T00:50:00Z
    const Occurrence dawn = occurrence(2026, 3, 29, 3, 10, 60);
    ASSERT_EQ(dawn.start, 1774746600);  // 2026-03-29T01:10:00Z
    EXPECT_EQ(sv(dawn, now), "Börjar om 20 minuter · " + iso("03:10–04:10"));
}

TEST_F(OccurrenceWording, FallBackDayOfTwentyFiveHoursIsStillTomorrow)
{
    // Sunday 25 October 2026 has 25 hours. From Saturday 23:30 CEST (21:30Z), Sunday 23:00 CET
    // (22:00Z) is 24.5 hours away but on the next calendar day: "tomorrow".
    const UnixSeconds now = local(2026, 10, 24, 23, 30);
    ASSERT_EQ(now, 1792877400);  // 2026-10-24T21:30:00Z
    const Occurrence late = occurrence(2026, 10, 25, 23, 0, 30);
    ASSERT_EQ(late.start, 1792965600);  // 2026-10-25T22:00:00Z
    EXPECT_EQ(when_of(late, now).kind, WhenKind::tomorrow);
    EXPECT_EQ(sv(late, now), "I morgon " + iso("23:00–23:30"));
    // And from Sunday 00:30 CEST, Sunday 23:30 CET is 24 hours away yet "today".
    EXPECT_EQ(when_of(occurrence(2026, 10, 25, 23, 30, 30), local(2026, 10, 25, 0, 30)).kind, WhenKind::today);
}

TEST(OccurrenceWordingShipped, ArabicAndUkrainianUseTheirPluralForms)
{
    auto tables = StringTables::load_directory(std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n");
    ASSERT_TRUE(tables.ok()) << tables.error().text();
    const Occurrence walk = occurrence(2026, 11, 24, 10, 0, 90);
    auto starts_in = [&](std::string_view language, int minutes) {
        const std::string text = describe_occurrence(tables.value(), language, walk, walk.start - minutes * 60);
        return text.substr(0, text.find(" · "));
    };
    EXPECT_EQ(starts_in("ar", 1), "يبدأ بعد دقيقة واحدة");
    EXPECT_EQ(starts_in("ar", 2), "يبدأ بعد دقيقتين");
    EXPECT_EQ(starts_in("ar", 3), "يبدأ بعد 3 دقائق");
    EXPECT_EQ(starts_in("ar", 20), "يبدأ بعد 20 دقيقة");
    EXPECT_EQ(starts_in("uk", 1), "Почнеться за 1 хвилину");
    EXPECT_EQ(starts_in("uk", 3), "Почнеться за 3 хвилини");
    EXPECT_EQ(starts_in("uk", 20), "Почнеться за 20 хвилин");
    EXPECT_EQ(starts_in("en", 1), "Starts in 1 minute");
    EXPECT_EQ(starts_in("en", 20), "Starts in 20 minutes");
}

}  // namespace
}  // namespace lotsen
