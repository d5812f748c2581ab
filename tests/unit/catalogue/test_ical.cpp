// test_ical.cpp — the calendar event behind the "take it with you" QR code: exact output for a simple
// event, the organiser's contact and the reminder, TEXT escaping, folding at 75 octets that never
// splits a UTF-8 sequence or an escape, DST (an 18:00 activity is 16:00Z in summer and 17:00Z in
// winter), the size cap on long descriptions.
//
// Instants were computed outside the code under test, with
// TZ=Europe/Stockholm date -d "2026-06-02 18:00" +%s and so on.
#include "core/catalogue/ical.hpp"

#include "core/catalogue/schedule.hpp"
#include "core/base/text_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lotsen {
namespace {

constexpr UnixSeconds k_now = 1780300800;       // Mon 2026-06-01 10:00 CEST = 08:00Z
constexpr UnixSeconds k_promenad_1 = 1780416000;  // Tue 2026-06-02 18:00 CEST = 16:00Z

LocalizedText text(TextMap map)
{
    return LocalizedText(std::move(map));
}

Activity make_activity()
{
    Activity activity;
    activity.id = "promenad";
    activity.organisation_id = "naturvan";
    activity.title = text({{"sv", "Kvällspromenad"}, {"en", "Evening walk"}});
    activity.description = text({{"sv", "En lugn promenad längs stranden."}, {"en", "A calm walk along the beach."}});
    activity.place.name = text({{"sv", "Parkeringen vid Tylebäck"}});
    activity.place.address = "Kungsvägen 1";
    activity.place.town = "Tylösand";
    return activity;
}

Occurrence occurrence_at(UnixSeconds start, UnixSeconds length = 7200)
{
    return Occurrence{start, start + length, stockholm::to_local(start)};
}

// The physical lines of an iCalendar text, without their CRLF; fails the test on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& ical)
{
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < ical.size()) {
        const std::size_t end = ical.find("\r\n", begin);
        EXPECT_NE(end, std::string::npos) << "text does not end with CRLF";
        if (end == std::string::npos)
            break;
        lines.push_back(ical.substr(begin, end - begin));
        EXPECT_EQ(lines.back().find_first_of("\r\n"), std::string::npos) << "bare CR or LF in: " << lines.back();
        begin = end + 2;
    }
    return lines;
}

// RFC 5545 §3.1 unfolding: a CRLF followed by one space disappears.
std::string unfold(const std::string& ical)
{
    std::string out;
    for (std::size_t i = 0; i < ical.size(); ++i) {
        if (ical.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += ical[i];
    }
    return out;
}

void expect_well_folded(const std::string& ical)
{
    for (const std::string& line : physical_lines(ical)) {
        EXPECT_LE(line.size(), 75u) << line;
        // Each physical line is valid UTF-8 on its own: no sequence was split.
        EXPECT_EQ(find_invalid_utf8(line), std::string_view::npos) << line;
        // Neither is a backslash escape: no line ends in the middle of one.
        std::size_t backslashes = 0;
        for (auto it = line.rbegin(); it != line.rend() && *it == '\\'; ++it)
            ++backslashes;
        EXPECT_EQ(backslashes % 2, 0u) << line;
    }
}

TEST(Ical, SimpleEventExactly)
{
    const std::string expected =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Lotsen//Lotsen kiosk//EN\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:promenad-20260602T160000Z@lotsen\r\n"
        "DTSTAMP:20260601T080000Z\r\n"
        "DTSTART:20260602T160000Z\r\n"
        "DTEND:20260602T180000Z\r\n"
        "SUMMARY:Kvällspromenad\r\n"
        "LOCATION:Parkeringen vid Tylebäck\\, Kungsvägen 1\\, Tylösand\r\n"
        "DESCRIPTION:Naturvännerna Halmstad\\nEn lugn promenad längs stranden.\r\n"
        "BEGIN:VALARM\r\n"
        "ACTION:DISPLAY\r\n"
        "TRIGGER:-PT1H\r\n"
        "DESCRIPTION:Kvällspromenad\r\n"
        "END:VALARM\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    EXPECT_EQ(make_vevent(make_activity(), occurrence_at(k_promenad_1), "sv", {"Naturvännerna Halmstad", {}, {}}, k_now), expected);
}

TEST(Ical, OrganiserContactIsInTheDescriptionOneALine)
{
    const CalendarOrganiser organiser{"Naturvännerna, Halmstad", "035-12 34 56", "info@naturvannerna.se"};
    const std::string ical = make_vevent(make_activity(), occurrence_at(k_promenad_1), "sv", organiser, k_now);
    EXPECT_NE(unfold(ical).find("\r\nDESCRIPTION:Naturvännerna\\, Halmstad\\n035-12 34 56\\ninfo@naturvannerna.se\\n"
                                "En lugn promenad längs stranden.\r\n"),
              std::string::npos)
        << ical;
    // ORGANIZER is for group-scheduled events (RFC 5545 §3.8.4.3): a phone would offer to answer an invitation.
    EXPECT_EQ(ical.find("ORGANIZER"), std::string::npos) << ical;
    expect_well_folded(ical);

    // Only what the organiser has: no empty lines for a missing phone or name.
    const std::string email_only =
        make_vevent(make_activity(), occurrence_at(k_promenad_1), "sv", {"", "", "info@naturvannerna.se"}, k_now);
    EXPECT_NE(unfold(email_only).find("\r\nDESCRIPTION:info@naturvannerna.se\\nEn lugn"), std::string::npos) << email_only;
}

TEST(Ical, ReminderAnHourBeforeInsideTheEvent)
{
    const std::string ical = make_vevent(make_activity(), occurrence_at(k_promenad_1), "en", {"Friends of Nature", {}, {}}, k_now);
    const std::size_t alarm = ical.find("\r\nBEGIN:VALARM\r\n");
    ASSERT_NE(alarm, std::string::npos) << ical;
    EXPECT_GT(alarm, ical.find("BEGIN:VEVENT"));
    EXPECT_NE(ical.find("\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H\r\nDESCRIPTION:Evening walk\r\n"
                        "END:VALARM\r\nEND:VEVENT\r\n"),
              std::string::npos)
        << ical;
    EXPECT_EQ(k_ical_reminder_minutes, 60);

    // A display alarm must say something (RFC 5545 §3.6.6), also for an activity without a title.
    Activity untitled = make_activity();
    untitled.title = LocalizedText();
    const std::string bare = make_vevent(untitled, occurrence_at(k_promenad_1), "sv", {}, k_now);
    EXPECT_NE(bare.find("\r\nTRIGGER:-PT1H\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n"), std::string::npos) << bare;
    // A title with commas is escaped in the alarm too.
    Activity commas = make_activity();
    commas.title = text({{"sv", "Sy, sticka; prata"}});
    const std::string escaped = make_vevent(commas, occurrence_at(k_promenad_1), "sv", {}, k_now);
    EXPECT_NE(escaped.find("\r\nTRIGGER:-PT1H\r\nDESCRIPTION:Sy\\, sticka\\; prata\r\n"), std::string::npos) << escaped;
}

TEST(Ical, TextsInTheRequestedLanguageWithFallback)
{
    const Activity activity = make_activity();
    const std::string english = make_vevent(activity, occurrence_at(k_promenad_1), "en", {"Friends of Nature", {}, {}}, k_now);
    EXPECT_NE(english.find("\r\nSUMMARY:Evening walk\r\n"), std::string::npos) << english;
    EXPECT_NE(english.find("\r\nDESCRIPTION:Friends of Nature\\nA calm walk along the beach.\r\n"), std::string::npos);
    // The place has only a Swedish name: that is used.
    EXPECT_NE(english.find("\r\nLOCATION:Parkeringen vid Tylebäck\\, Kungsvägen 1\\, Tylösand\r\n"), std::string::npos);
    // No Tigrinya title: Swedish first in the fallback chain.
    const std::string tigrinya = make_vevent(activity, occurrence_at(k_promenad_1), "ti", {"Naturvännerna", {}, {}}, k_now);
    EXPECT_NE(tigrinya.find("\r\nSUMMARY:Kvällspromenad\r\n"), std::string::npos) << tigrinya;
}

TEST(Ical, EmptyPartsAreLeftOut)
{
    Activity activity = make_activity();
    activity.description = LocalizedText();
    activity.place.name = LocalizedText();
    activity.place.address.clear();
    const std::string ical = make_vevent(activity, occurrence_at(k_promenad_1), "sv", {"", {}, {}}, k_now);
    EXPECT_NE(ical.find("\r\nLOCATION:Tylösand\r\n"), std::string::npos) << ical;
    // No description of the event (the reminder's own DESCRIPTION comes after BEGIN:VALARM).
    EXPECT_EQ(ical.substr(0, ical.find("BEGIN:VALARM")).find("DESCRIPTION"), std::string::npos) << ical;
}

TEST(Ical, EscapesText)
{
    EXPECT_EQ(escape_ical_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
    EXPECT_EQ(escape_ical_text("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
    EXPECT_EQ(escape_ical_text("tab\there\x01\x7F!"), "tab here!");
    EXPECT_EQ(escape_ical_text("\"quotes\" and : colons"), "\"quotes\" and : colons");  // not escaped in TEXT

    Activity activity = make_activity();
    activity.title = text({{"sv", "Sy, sticka; virka \\ prata"}});
    const std::string ical = make_vevent(activity, occurrence_at(k_promenad_1), "sv", {"Garn & Gemenskap", {}, {}}, k_now);
    EXPECT_NE(ical.find("\r\nSUMMARY:Sy\\, sticka\\; virka \\\\ prata\r\n"), std::string::npos) << ical;
}

TEST(Ical, FoldsAt75OctetsExactly)
{
    const std::string exactly_75 = "SUMMARY:" + std::string(67, 'x');
    EXPECT_EQ(fold_ical_line(exactly_75), exactly_75 + "\r\n");
    const std::string line_76 = exactly_75 + "y";
    EXPECT_EQ(fold_ical_line(line_76), exactly_75 + "\r\n y\r\n");
    // Continuation lines hold 74 octets after their space.
    const std::string long_line = std::string(75 + 74 + 1, 'z');
    EXPECT_EQ(fold_ical_line(long_line), std::string(75, 'z') + "\r\n " + std::string(74, 'z') + "\r\n z\r\n");
}

TEST(Ical, FoldingKeepsEscapesWhole)
{
    // "\n" would straddle octets 75 and 76: it moves to the next line whole.
    const std::string line = std::string(74, 'x') + "\\n" + "y";
    EXPECT_EQ(fold_ical_line(line), std::string(74, 'x') + "\r\n \\ny\r\n");
}

TEST(Ical, FoldingNeverSplitsUtf8)
{
    // A 4-byte emoji after every amount of ASCII padding meets the fold at every offset.
    for (std::size_t pad = 0; pad < 8; ++pad) {
        std::string line = "SUMMARY:" + std::string(pad, 'a');
        for (int i = 0; i < 40; ++i)
            line += "\xF0\x9F\x8C\xB2";  // U+1F332 evergreen tree
        const std::string folded = fold_ical_line(line);
        expect_well_folded(folded);
        EXPECT_EQ(unfold(folded), line + "\r\n");
    }
}

TEST(Ical, LongArabicTitleFoldsOnCharacterBoundaries)
{
    Activity activity = make_activity();
    // 2-byte letters, spaces and a 3-byte zero-width non-joiner, about 400 bytes.
    std::string title;
    while (title.size() < 400)
        title += "نزهة\xE2\x80\x8Cمسائية هادئة على الشاطئ، ";
    activity.title = text({{"ar", title}, {"sv", "Kvällspromenad"}});
    const std::string ical = make_vevent(activity, occurrence_at(k_promenad_1), "ar", {"جمعية أصدقاء الطبيعة", {}, {}}, k_now);
    expect_well_folded(ical);
    // Unfolded, the whole title comes back (the Arabic comma U+060C is not the ASCII comma).
    EXPECT_NE(unfold(ical).find("\r\nSUMMARY:" + escape_ical_text(title) + "\r\n"), std::string::npos);
    // Really folded: the title alone needs several lines.
    std::size_t continuation_lines = 0;
    for (const std::string& line : physical_lines(ical))
        continuation_lines += (!line.empty() && line[0] == ' ') ? 1 : 0;
    EXPECT_GE(continuation_lines, 5u);
}

TEST(Ical, SummerAndWinterTimeInUtc)
{
    // Every Tuesday 18:00-20:00 local time, all of 2026.
    Schedule schedule;
    schedule.weekly.push_back(WeeklyRule{2, TimeOfDay{18 * 60}, TimeOfDay{20 * 60}, Date{2026, 1, 1}, Date{2026, 12, 31}, 1});
    Activity activity = make_activity();
    activity.schedule = schedule;

    const auto july = next_occurrence(schedule, stockholm::to_utc({Date{2026, 7, 6}, TimeOfDay{0}}));
    ASSERT_TRUE(july.has_value());
    const std::string summer = make_vevent(activity, *july, "sv", {"Naturvännerna", {}, {}}, k_now);
    EXPECT_NE(summer.find("\r\nDTSTART:20260707T160000Z\r\nDTEND:20260707T180000Z\r\n"), std::string::npos) << summer;
    EXPECT_NE(summer.find("\r\nUID:promenad-20260707T160000Z@lotsen\r\n"), std::string::npos);

    const auto december = next_occurrence(schedule, stockholm::to_utc({Date{2026, 12, 7}, TimeOfDay{0}}));
    ASSERT_TRUE(december.has_value());
    const std::string winter = make_vevent(activity, *december, "sv", {"Naturvännerna", {}, {}}, k_now);
    EXPECT_NE(winter.find("\r\nDTSTART:20261208T170000Z\r\nDTEND:20261208T190000Z\r\n"), std::string::npos) << winter;
}

TEST(Ical, UtcStamps)
{
    EXPECT_EQ(ical_utc(0), "19700101T000000Z");
    EXPECT_EQ(ical_utc(-1), "19691231T235959Z");
    EXPECT_EQ(ical_utc(k_now), "20260601T080000Z");
    EXPECT_EQ(ical_utc(951782400), "20000229T000000Z");  // leap day
}

TEST(Ical, LongDescriptionIsShortenedToFitTheQrCode)
{
    // Latin with a few 2-byte letters, Arabic (2 bytes a letter), Ethiopic (3 bytes a letter).
    for (const std::string& paragraph : {std::string("Vi går en lugn runda längs ån, i den takt gruppen orkar. "),
                                         std::string("نمشي معاً ببطء على طول النهر، بالسرعة التي تناسب المجموعة. "),
                                         std::string("ንኽንዛወር ንኸይድ፣ ብናይ ጉጅለ ፍጥነት። ")}) {
        std::string description;
        while (description.size() < 8000)
            description += paragraph;
        Activity activity = make_activity();
        activity.description = text({{"sv", description}});
        const std::string ical = make_vevent(activity, occurrence_at(k_promenad_1), "sv", {"Naturvännerna Halmstad", {}, {}}, k_now);
        EXPECT_LE(ical.size(), k_ical_target_bytes);
        EXPECT_GT(ical.size(), k_ical_target_bytes - 100) << "shortened far more than needed";
        expect_well_folded(ical);
        const std::string unfolded = unfold(ical);
        EXPECT_NE(unfolded.find("\r\nDESCRIPTION:Naturvännerna Halmstad\\n"), std::string::npos);
        EXPECT_NE(unfolded.find("…\r\nBEGIN:VALARM\r\n"), std::string::npos) << unfolded;
        EXPECT_NE(unfolded.find("\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), std::string::npos) << unfolded;
        EXPECT_EQ(find_invalid_utf8(ical), std::string_view::npos);
    }
}

}  // namespace
}  // namespace lotsen
