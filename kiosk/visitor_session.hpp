// visitor_session.hpp — everything one visitor has chosen or typed, in one value. The idle reset
// replaces it with a fresh one, so "nothing entered survives a reset" holds by construction and is
// checked by comparing with a default session. Screens keep no visitor input of their own.
#pragma once

#include "core/outbox/outbox.hpp"
#include "core/i18n/localized_text.hpp"
#include "core/storage/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lotsen::kiosk {

/// Which days the activity list shows.
enum class DayRange { today, tomorrow, this_week, next_two_weeks };

/// What the visitor has filled in on the check-in screen.
struct CheckInForm {
    std::optional<bool> first_visit;
    std::optional<HowHeard> how_heard;
    std::optional<Mood> mood;
    bool operator==(const CheckInForm&) const = default;
};

/// What the visitor has filled in on the contact screen.
struct ContactForm {
    std::string organisation_id;  ///< who should call back
    std::string name;
    ContactChannel channel = ContactChannel::phone;
    std::string reach;            ///< the phone number, e-mail, or "meet me here at …"
    LanguageCode preferred_language;
    bool consent = false;
    bool operator==(const ContactForm&) const = default;
};

/// Which text field the on-screen keyboard is typing into.
enum class TextTarget { none, search, contact_name, contact_reach };

/// One visitor's whole state.
struct VisitorSession {
    LanguageCode language;
    std::vector<std::string> history;  ///< screens to go back to (most recent last)
    std::string interest;              ///< chosen interest id, empty = all
    DayRange days = DayRange::today;
    ActivityFilter filter;
    bool near_only = false;            ///< "only near here" (the kiosk's near_km, or its town)
    std::string search_text;
    std::string activity_id;           ///< the activity the detail screen shows
    CheckInForm checkin;
    MissedWish wish;                   ///< "I miss something about …", as chosen so far
    bool wish_sent = false;            ///< thanks is for a wish
    ContactForm contact;
    TextTarget typing = TextTarget::none;
    std::string receipt_code;          ///< shown after a contact request was stored
    int receipt_reply_days = 0;
    std::optional<MeasuredReply> receipt_measured_reply;  ///< shown instead of receipt_reply_days when set
    bool support_offered = false;      ///< checked in with the heaviest mood: thanks offers help and a contact
    bool larger_text = false;          ///< the visitor asked for bigger text (every screen reflows)
    bool high_contrast = false;        ///< the visitor asked for the high-contrast colours
    bool operator==(const VisitorSession&) const = default;
};

}  // namespace lotsen::kiosk
