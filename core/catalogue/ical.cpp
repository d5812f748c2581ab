// ical.cpp — writes one activity occurrence as a minimal RFC 5545 calendar object, and many as a feed.
//
// Only what a phone needs to add the event, find the place, reach the organiser and be reminded is
// written; everything optional that would cost QR code modules (VTIMEZONE, LANGUAGE parameters, URL)
// is left out. The description is the only part that gives way when the whole is too long.
#include "core/catalogue/ical.hpp"

#include "core/base/text_checks.hpp"

#include <cstdio>

namespace lotsen {

namespace {

constexpr std::size_t k_max_line_octets = 75;  // RFC 5545 §3.1, excluding the CRLF
constexpr std::string_view k_crlf = "\r\n";
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // "…"
// A shortened description ends at a word boundary when one is this close to the cut.
constexpr std::size_t k_word_boundary_reach = 24;

// The length of the unit starting at line[i] that folding must keep together: a backslash escape or
// a whole UTF-8 sequence (an ill-formed part as utf8_step reads it).
std::size_t unit_length(std::string_view line, std::size_t i)
{
    if (line[i] == '\\' && i + 1 < line.size())
        return 2;
    return utf8_step(line.substr(i)).length;
}

void append_line(std::string& out, std::string_view name, std::string_view value)
{
    std::string line;
    line.reserve(name.size() + 1 + value.size());
    line += name;
    line += ':';
    line += value;
    out += fold_ical_line(line);
}

// `text` cut to at most `max_bytes` on a UTF-8 boundary, preferably after a whole word, with "…".
std::string shortened(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes)
        return std::string(text);
    if (max_bytes <= k_ellipsis.size())
        return {};
    std::string_view cut = utf8_prefix(text, max_bytes - k_ellipsis.size());
    const std::size_t space = cut.find_last_of(' ');
    if (space != std::string_view::npos && space > 0 && cut.size() - space <= k_word_boundary_reach)
        cut = cut.substr(0, space);
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == '.'))
        cut.remove_suffix(1);
    std::string result(cut);
    result += k_ellipsis;
    return result;
}

struct EventTexts {
    std::string uid;
    std::string stamp;
    std::string start;
    std::string end;
    std::string summary;
    std::string location;
    std::string organiser;  // name, phone and e-mail, one a line
};

constexpr std::string_view k_calendar_head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lotsen//Lotsen kiosk//EN\r\n";
constexpr std::string_view k_calendar_tail = "END:VCALENDAR\r\n";

// One VEVENT; with `alarm`, a display reminder k_ical_reminder_minutes before the start.
void append_vevent(std::string& out, const EventTexts& texts, std::string_view description, bool alarm)
{
    out += "BEGIN:VEVENT\r\n";
    append_line(out, "UID", texts.uid);
    append_line(out, "DTSTAMP", texts.stamp);
    append_line(out, "DTSTART", texts.start);
    append_line(out, "DTEND", texts.end);
    if (!texts.summary.empty())
        append_line(out, "SUMMARY", escape_ical_text(texts.summary));
    if (!texts.location.empty())
        append_line(out, "LOCATION", escape_ical_text(texts.location));
    std::string full_description = texts.organiser;
    if (!full_description.empty() && !description.empty())
        full_description += '\n';
    full_description += description;
    if (!full_description.empty())
        append_line(out, "DESCRIPTION", escape_ical_text(full_description));
    if (alarm) {
        // A display alarm needs its own DESCRIPTION (RFC 5545 §3.6.6); the title is what the reminder says.
        out += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
        append_line(out, "TRIGGER", k_ical_reminder_minutes % 60 == 0 ? "-PT" + std::to_string(k_ical_reminder_minutes / 60) + "H"
                                                                      : "-PT" + std::to_string(k_ical_reminder_minutes) + "M");
        append_line(out, "DESCRIPTION", escape_ical_text(texts.summary.empty() ? std::string("Reminder") : texts.summary));
        out += "END:VALARM\r\n";
    }
    out += "END:VEVENT\r\n";
}

std::string render(const EventTexts& texts, std::string_view description)
{
    std::string out;
    out.reserve(k_ical_target_bytes + 64);
    out += k_calendar_head;
    append_vevent(out, texts, description, /*alarm=*/true);
    out += k_calendar_tail;
    return out;
}

EventTexts event_texts(const Activity& activity, const Occurrence& occurrence, std::string_view language,
                       const CalendarOrganiser& organiser, UnixSeconds now)
{
    EventTexts texts;
    texts.start = ical_utc(occurrence.start);
    texts.end = ical_utc(occurrence.end);
    texts.stamp = ical_utc(now);
    // Stable across kiosks, scans and feeds, so the same occurrence scanned twice or also subscribed
    // to is one event in the phone's calendar.
    texts.uid = activity.id + "-" + texts.start + "@lotsen";
    texts.summary = std::string(activity.title.get(language));
    for (std::string_view part : {activity.place.name.get(language), std::string_view(activity.place.address),
                                  std::string_view(activity.place.town)}) {
        if (part.empty())
            continue;
        if (!texts.location.empty())
            texts.location += ", ";
        texts.location += part;
    }
    for (std::string_view part : {organiser.name, organiser.phone, organiser.email}) {
        if (part.empty())
            continue;
        if (!texts.organiser.empty())
            texts.organiser += '\n';
        texts.organiser += part;
    }
    return texts;
}

}  // namespace

std::string ical_utc(UnixSeconds t)
{
    std::int64_t days = t / 86400;
    std::int64_t seconds = t % 86400;
    if (seconds < 0) {
        seconds += 86400;
        --days;
    }
    const Date date = Date::from_days_since_epoch(days);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", date.year, date.month, date.day,
                  static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    return buffer;
}

std::string escape_ical_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r':
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;  // CRLF is one line break
            break;
        case '\t': out += ' '; break;
        default:
            // RFC 5545 TEXT excludes control characters (CONTROL = %x00-08 / %x0A-1F / %x7F).
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
                out += c;
            break;
        }
    }
    return out;
}

std::string fold_ical_line(std::string_view line)
{
    std::string out;
    out.reserve(line.size() + line.size() / 24 + 2);
    std::size_t column = 0;  // octets on the current physical line
    std::size_t i = 0;
    while (i < line.size()) {
        const std::size_t length = unit_length(line, i);
        if (column + length > k_max_line_octets) {
            out += k_crlf;
            out += ' ';
            column = 1;  // the leading space is part of the 75
        }
        out.append(line.substr(i, length));
        column += length;
        i += length;
    }
    out += k_crlf;
    return out;
}

std::string make_vevent(const Activity& activity, const Occurrence& occurrence, std::string_view language,
                        const CalendarOrganiser& organiser, UnixSeconds now)
{
    const EventTexts texts = event_texts(activity, occurrence, language, organiser, now);

    // The longest shortened description that keeps the whole under the target. Output size grows
    // with the bytes kept (escaping and folding only add), so a binary search over them finds it in
    // about a dozen renders of under a kilobyte.
    const std::string_view description = activity.description.get(language);
    std::string out = render(texts, description);
    if (out.size() <= k_ical_target_bytes)
        return out;
    std::size_t fits = 0;                       // keeping this many bytes fits (0 = no description)
    std::size_t too_many = description.size();  // keeping this many does not
    while (too_many - fits > 1) {
        const std::size_t middle = fits + (too_many - fits) / 2;
        if (render(texts, shortened(description, middle)).size() <= k_ical_target_bytes)
            fits = middle;
        else
            too_many = middle;
    }
    out = render(texts, shortened(description, fits));
    return out;
}

std::string make_vcalendar_feed(std::string_view calendar_name, const std::vector<FeedEvent>& events,
                                std::string_view language, UnixSeconds now)
{
    std::string out(k_calendar_head);
    if (!calendar_name.empty())
        append_line(out, "X-WR-CALNAME", escape_ical_text(calendar_name));
    for (const FeedEvent& event : events) {
        const EventTexts texts = event_texts(*event.activity, event.occurrence, language, event.organiser, now);
        append_vevent(out, texts, event.activity->description.get(language), /*alarm=*/false);
    }
    out += k_calendar_tail;
    return out;
}

}  // namespace lotsen
