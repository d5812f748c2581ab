// ical.hpp — one occurrence of an activity as an iCalendar (RFC 5545) file, for the "take it with you"
// QR code on the activity screen: a phone that scans it offers to add the event to its calendar; and
// many occurrences as one calendar feed (the hub's /feeds/, hub/export/feeds.hpp), written the same way.
//
// Times are written in UTC ("Z"), so the file needs no VTIMEZONE and stays small; the phone shows them
// in its own time zone. The file is kept compact because it becomes a QR code (see k_ical_target_bytes).
#pragma once

#include "core/time/civil_time.hpp"
#include "core/catalogue/model.hpp"
#include "core/catalogue/schedule.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Size make_vevent() keeps its output under by shortening the description: 900 bytes is a QR code of
/// version 21 or less (at most 101×101 modules at error correction L, see make_qr_code), which a
/// phone camera still reads off a kiosk screen at arm's length. Only a title, place and organiser
/// that are themselves longer than this can make the output larger (they are never cut). The kiosk
/// leaves the description out altogether (it is on the screen), which keeps its codes far smaller.
inline constexpr std::size_t k_ical_target_bytes = 900;

/// How long before the start the event's reminder (VALARM) goes off: an hour leaves time to get there.
inline constexpr int k_ical_reminder_minutes = 60;

/// Who runs the activity and how to reach them, as the calendar event names them. They go into
/// DESCRIPTION, not ORGANIZER: RFC 5545 §3.8.4.3 keeps ORGANIZER for group-scheduled events (a phone
/// would treat the event as an invitation to answer), and a phone number is no calendar address.
struct CalendarOrganiser {
    std::string_view name;
    std::string_view phone;
    std::string_view email;
};

/// A complete VCALENDAR with one VEVENT for `occurrence` of `activity`: UID (activity id and start,
/// "@lotsen"), DTSTAMP `now`, DTSTART/DTEND in UTC, SUMMARY (title in `language`, with the usual
/// fallback), LOCATION (place name, address, town), DESCRIPTION (the organiser's name, phone and
/// e-mail, one a line, then the description, shortened with "…" to keep the whole under
/// k_ical_target_bytes) and a display VALARM k_ical_reminder_minutes before the start. CRLF line
/// endings, TEXT values escaped, lines folded at 75 octets without splitting a UTF-8 sequence.
std::string make_vevent(const Activity& activity, const Occurrence& occurrence, std::string_view language,
                        const CalendarOrganiser& organiser, UnixSeconds now);

/// One event of a calendar feed: an occurrence of an activity and who runs it.
struct FeedEvent {
    const Activity* activity = nullptr;  ///< must outlive the call
    Occurrence occurrence;
    CalendarOrganiser organiser;
};

/// A VCALENDAR named `calendar_name` (X-WR-CALNAME) with one VEVENT per event, each written as
/// make_vevent writes it (same UID, so a scanned event and a subscribed one are the same), but with the
/// whole description and no reminder: a subscribed calendar that rang before every occurrence would nag.
std::string make_vcalendar_feed(std::string_view calendar_name, const std::vector<FeedEvent>& events,
                                std::string_view language, UnixSeconds now);

/// `text` escaped as an iCalendar TEXT value: backslash, semicolon and comma get a backslash, line
/// breaks (LF, CRLF, CR) become "\n", other control characters are dropped and tabs become spaces.
std::string escape_ical_text(std::string_view text);

/// One content line ("NAME:value", without CRLF) folded to physical lines of at most 75 octets, each
/// ended by CRLF; continuation lines start with a space. Never splits a UTF-8 sequence or a
/// backslash escape.
std::string fold_ical_line(std::string_view line);

/// An instant as an iCalendar UTC DATE-TIME: "YYYYMMDDTHHMMSSZ".
std::string ical_utc(UnixSeconds t);

}  // namespace lotsen
