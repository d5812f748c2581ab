// office_text.cpp — the office's string table (Swedish and English) and the invitation e-mail.
#include "hub/office/office_text.hpp"

#include <array>

namespace lotsen::hub::office {

namespace {

struct Entry {
    std::string_view key;
    std::string_view sv;
    std::string_view en;
};

constexpr std::array k_texts{
    Entry{"office", "Lotsen – kontoret", "Lotsen – the office"},
    Entry{"skip", "Hoppa till innehållet", "Skip to the content"},
    Entry{"signed_in_as", "Inloggad som", "Signed in as"},
    Entry{"logout", "Logga ut", "Sign out"},
    Entry{"language", "Språk", "Language"},
    Entry{"language_change", "Byt språk", "Change language"},
    Entry{"login_title", "Logga in", "Sign in"},
    Entry{"email", "E-postadress", "E-mail address"},
    Entry{"password", "Lösenord", "Password"},
    Entry{"login_button", "Logga in", "Sign in"},
    Entry{"login_failed", "E-postadressen eller lösenordet stämmer inte.", "The e-mail address or the password is wrong."},
    Entry{"login_throttled", "För många misslyckade försök. Vänta en stund och försök igen.",
          "Too many failed attempts. Wait a while and try again."},
    Entry{"logged_out", "Du är utloggad.", "You are signed out."},
    Entry{"session_ended", "Din session har tagit slut. Logga in igen.", "Your session has ended. Please sign in again."},
    Entry{"invite_title", "Välj ditt lösenord", "Choose your password"},
    Entry{"invite_intro", "Välkommen till Lotsens kontor. Välj ett lösenord för kontot",
          "Welcome to the Lotsen office. Choose a password for the account"},
    Entry{"new_password", "Nytt lösenord", "New password"},
    Entry{"repeat_password", "Samma lösenord igen", "The same password again"},
    Entry{"password_rules", "Minst 12 tecken. En mening du kommer ihåg fungerar bra.",
          "At least 12 characters. A sentence you will remember works well."},
    Entry{"password_too_short", "Lösenordet är för kort: minst 12 tecken.", "The password is too short: at least 12 characters."},
    Entry{"password_too_long", "Lösenordet är för långt.", "The password is too long."},
    Entry{"password_not_text", "Lösenordet innehåller tecken som inte går att skriva.",
          "The password contains characters that cannot be typed."},
    Entry{"password_mismatch", "Lösenorden är inte likadana.", "The two passwords differ."},
    Entry{"invite_button", "Spara lösenordet", "Save the password"},
    Entry{"invite_invalid", "Inbjudan gäller inte längre (använd, för gammal eller okänd). Be regionen om en ny.",
          "This invitation is no longer valid (used, too old or unknown). Ask the region for a new one."},
    Entry{"password_set", "Lösenordet är sparat. Logga in med det.", "The password is saved. Sign in with it."},
    Entry{"inbox_title", "Kontaktförfrågningar", "Contact requests"},
    Entry{"inbox_for", "Kontaktförfrågningar till", "Contact requests for"},
    Entry{"inbox_all", "Alla föreningars kontaktförfrågningar", "Every association's contact requests"},
    Entry{"inbox_region_note", "Personuppgifter visas först när du öppnar en förfrågan, och varje öppning loggas.",
          "Personal data is shown only when you open a request, and every opening is logged."},
    Entry{"inbox_empty", "Inga kontaktförfrågningar.", "No contact requests."},
    Entry{"open_count", "öppna", "open"},
    Entry{"receipt", "Kvittokod", "Receipt code"},
    Entry{"asked", "Frågade", "Asked"},
    Entry{"asked_note", "kioskens tid, rättad", "kiosk time, corrected"},
    Entry{"received", "Mottagen", "Received"},
    Entry{"site", "Plats", "Site"},
    Entry{"status", "Status", "Status"},
    Entry{"status_open", "Öppen", "Open"},
    Entry{"open_request", "Öppna", "Open"},
    Entry{"request_title", "Kontaktförfrågan", "Contact request"},
    Entry{"back_to_inbox", "Tillbaka till förfrågningarna", "Back to the requests"},
    Entry{"association", "Förening", "Association"},
    Entry{"name", "Namn", "Name"},
    Entry{"reach", "Nås via", "How to reach"},
    Entry{"channel_phone", "Telefon", "Phone"},
    Entry{"channel_email", "E-post", "E-mail"},
    Entry{"channel_meet_here", "Träffas här", "Meet here"},
    Entry{"preferred_language", "Föredraget språk", "Preferred language"},
    Entry{"about", "Gäller", "About"},
    Entry{"about_general", "Föreningen i allmänhet", "The association in general"},
    Entry{"kiosk_software", "Kioskens programversion", "Kiosk software"},
    Entry{"unknown", "okänt", "unknown"},
    Entry{"cannot_open", "Förfrågan går inte att öppna:", "The request cannot be opened:"},
    Entry{"erased", "Besökarens uppgifter är raderade enligt reglerna för hur länge de sparas:",
          "The visitor's details have been erased, as the retention rules say:"},
    Entry{"outcome_title", "Vad blev det?", "What came of it?"},
    Entry{"outcome_legend", "Resultat", "Outcome"},
    Entry{"outcome_current", "Senast markerad", "Last marked"},
    Entry{"outcome_by", "av", "by"},
    Entry{"outcome_contacted", "Kontaktad", "Contacted"},
    Entry{"outcome_met", "Träffade", "Met"},
    Entry{"outcome_could_not_reach", "Nådde inte fram", "Could not reach"},
    Entry{"outcome_declined", "Avböjde", "Declined"},
    Entry{"note", "Kort anteckning (frivillig, högst 500 tecken)", "Short note (optional, at most 500 characters)"},
    Entry{"note_privacy", "Skriv inga känsliga uppgifter. Anteckningen raderas med förfrågan.",
          "Write nothing sensitive. The note is erased with the request."},
    Entry{"outcome_button", "Spara", "Save"},
    Entry{"outcome_saved", "Sparat. Förfrågan är stängd.", "Saved. The request is closed."},
    Entry{"outcome_missing", "Välj vad det blev.", "Choose what came of it."},
    Entry{"note_too_long", "Anteckningen är för lång: högst 500 tecken.", "The note is too long: at most 500 characters."},
    Entry{"not_found_title", "Finns inte", "Not found"},
    Entry{"not_found", "Sidan finns inte, eller så har du inte tillgång till den.",
          "There is no such page, or it is not yours to see."},
    Entry{"forbidden_title", "Formuläret gick inte att skicka", "The form could not be sent"},
    Entry{"forbidden", "Formuläret hade gått ut eller kom inte från kontoret. Gå tillbaka, ladda om sidan och försök igen.",
          "The form had expired or did not come from the office. Go back, reload the page and try again."},
    Entry{"error_title", "Något gick fel", "Something went wrong"},
    Entry{"error", "Kontoret kunde inte göra det just nu. Försök igen om en stund.",
          "The office could not do that just now. Try again in a while."},
};

// The kiosk's languages by their codes (a visitor's preferred language).
constexpr std::array k_language_names{
    Entry{"sv", "svenska", "Swedish"},  Entry{"en", "engelska", "English"}, Entry{"ar", "arabiska", "Arabic"},
    Entry{"fa", "persiska/dari", "Persian/Dari"}, Entry{"so", "somaliska", "Somali"}, Entry{"ti", "tigrinska", "Tigrinya"},
    Entry{"uk", "ukrainska", "Ukrainian"},
};

}  // namespace

std::string language_name(std::string_view language, const std::string& code)
{
    for (const Entry& entry : k_language_names) {
        if (entry.key == code)
            return std::string(language == "sv" ? entry.sv : entry.en) + " (" + code + ")";
    }
    return code;
}

std::string_view text(std::string_view language, std::string_view key)
{
    for (const Entry& entry : k_texts) {
        if (entry.key == key)
            return language == "sv" ? entry.sv : entry.en;
    }
    return key;
}

bool every_text_has_both_languages()
{
    for (const Entry& entry : k_texts) {
        if (entry.sv.empty() || entry.en.empty())
            return false;
    }
    return true;
}

InvitationMessage invitation_message(std::string_view language, std::string_view display_name, std::string_view link,
                                     int days)
{
    const std::string name(display_name);
    const std::string url(link);
    const std::string count = std::to_string(days);
    if (language == "sv") {
        return {"Inbjudan till Lotsens kontor",
                "Hej " + name + "!\n\n"
                "Du har fått ett konto på Lotsens kontor, där föreningen tar emot och besvarar\n"
                "kontaktförfrågningar från besökare vid kioskerna.\n\n"
                "Välj ditt lösenord här (länken gäller i " + count + " dagar och kan användas en gång):\n"
                + url + "\n\n"
                "Om du inte väntade dig detta kan du strunta i brevet.\n"};
    }
    return {"Invitation to the Lotsen office",
            "Hello " + name + ",\n\n"
            "You have an account at the Lotsen office, where your association receives and\n"
            "answers contact requests from visitors at the kiosks.\n\n"
            "Choose your password here (the link works for " + count + " days, and once):\n"
            + url + "\n\n"
            "If you did not expect this, you can ignore this message.\n"};
}

}  // namespace lotsen::hub::office
