// office_text.hpp — every word the office shows, in Swedish and English (the string table is
// office_text.cpp), and the invitation e-mail's subject and body, which the mail code sends.
#pragma once

#include <string>
#include <string_view>

namespace lotsen::hub::office {

/// The office's languages.
inline constexpr std::string_view k_office_languages[] = {"sv", "en"};

/// The text for `key` in `language` ("sv" or "en"; anything else is English). An unknown key gives
/// the key itself, so a missing text shows up on the page instead of an empty space.
std::string_view text(std::string_view language, std::string_view key);

/// A kiosk language's name in `language` with its code ("arabiska (ar)"); an unknown code as it is.
std::string language_name(std::string_view language, const std::string& code);

/// True when every key has a Swedish and an English text (the string table's test).
bool every_text_has_both_languages();

/// An invitation e-mail.
struct InvitationMessage {
    std::string subject;
    std::string body;  ///< plain text, lines under 78 characters
};

/// The invitation to `display_name` with the link that sets their password, valid `days` days.
InvitationMessage invitation_message(std::string_view language, std::string_view display_name, std::string_view link,
                                     int days);

}  // namespace lotsen::hub::office
