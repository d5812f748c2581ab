// ical.hpp — one occurrence of an activity as an iCalendar (RFC 5545) file, for the "take it with you"
// QR code on the activity screen: a phone that scans it offers to add the event to its calendar.
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

namespace lotsen {

/// Size make_vevent() keeps its output under by shortening the description: 900 bytes is a QR code of
/// version 24 or less at error correction M (at most 113×113 modules, about 1.5 mm each in a 17 cm
/// square), which a phone camera still reads off a kiosk screen at arm's length. Only a title and place that are themselves
/// longer than this can make the output larger (they are never cut).
inline constexpr std::size_t k_ical_target_bytes = 900;

/// A complete VCALENDAR with one VEVENT for `occurrence` of `activity`: UID (activity id and start,
/// "@lotsen"), DTSTAMP `now`, DTSTART/DTEND in UTC, SUMMARY (title in `language`, with the usual
/// fallback), LOCATION (place name, address, town), DESCRIPTION (organiser, then the description,
/// shortened with "…" to keep the whole under k_ical_target_bytes). CRLF line endings, TEXT values
/// escaped, lines folded at 75 octets without splitting a UTF-8 sequence.
std::string make_vevent(const Activity& activity, const Occurrence& occurrence, std::string_view language,
                        std::string_view organisation_name, UnixSeconds now);

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
