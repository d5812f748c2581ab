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
    // The region's pages (region_pages.cpp).
    Entry{"nav_label", "Regionens sidor", "The region's pages"},
    Entry{"nav_inbox", "Förfrågningar", "Requests"},
    Entry{"nav_fleet", "Kiosker", "Kiosks"},
    Entry{"nav_stats", "Uppföljning", "Follow-up"},
    Entry{"nav_audit", "Logg", "Audit log"},
    Entry{"fleet_title", "Kiosker", "Kiosks"},
    Entry{"fleet_kiosks", "kiosker", "kiosks"},
    Entry{"fleet_silent_count", "tysta", "silent"},
    Entry{"fleet_silent_rule", "Tyst: inget hört på mer än tre pulsslag (15 minuter). Tysta kiosker står först.",
          "Silent: nothing heard for more than three heartbeats (15 minutes). Silent kiosks come first."},
    Entry{"fleet_empty", "Inga kiosker är registrerade.", "No kiosks are enrolled."},
    Entry{"fleet_silent", "TYST – gå och se efter kiosken.", "SILENT – go and see the kiosk."},
    Entry{"fleet_key", "Nyckel", "Key"},
    Entry{"fleet_last_seen", "Senast hörd", "Last heard from"},
    Entry{"fleet_ago", "sedan", "ago"},
    Entry{"fleet_never", "aldrig", "never"},
    Entry{"fleet_clock", "Klockan", "Clock"},
    Entry{"fleet_ahead", "före", "ahead"},
    Entry{"fleet_behind", "efter", "behind"},
    Entry{"fleet_heartbeat", "Senaste pulsslag", "Last heartbeat"},
    Entry{"fleet_no_heartbeat", "inget pulsslag än", "no heartbeat yet"},
    Entry{"fleet_unreadable", "senaste pulsslaget går inte att läsa", "the last heartbeat cannot be read"},
    Entry{"fleet_versions", "Versioner", "Versions"},
    Entry{"fleet_software", "program", "software"},
    Entry{"fleet_catalogue", "katalog", "catalogue"},
    Entry{"fleet_queues", "Köer", "Queues"},
    Entry{"fleet_quarantined", "i karantän", "quarantined"},
    Entry{"fleet_deferred", "uppskjutna av hubben", "deferred by the hub"},
    Entry{"fleet_uptime", "Igång sedan", "Up for"},
    Entry{"fleet_disk", "Ledigt på disken", "Free disk"},
    Entry{"fleet_last_sync", "Senaste synk", "Last sync"},
    Entry{"fleet_releases", "Programutgåvor", "Software releases"},
    Entry{"fleet_running", "kör", "running"},
    Entry{"fleet_packaged", "det paketerade programmet", "the packaged program"},
    Entry{"fleet_installed", "installerade", "installed"},
    Entry{"fleet_failed", "misslyckade", "failed"},
    Entry{"fleet_none", "inga", "none"},
    Entry{"fleet_last", "senast", "the last"},
    Entry{"fleet_update_refused", "Senast vägrad uppdatering", "Last refused update"},
    Entry{"fleet_images_refused", "Vägrade bilder", "Refused images"},
    Entry{"fleet_revoke", "Återkalla", "Revoke"},
    Entry{"fleet_revoke_title", "Återkalla kiosken?", "Revoke the kiosk?"},
    Entry{"fleet_revoke_question", "Vill du återkalla den här kiosken?", "Do you want to revoke this kiosk?"},
    Entry{"fleet_revoke_effect", "Hubben tar inte längre emot något från den. Det den redan lämnat finns kvar. Den kan registreras igen.",
          "The hub no longer accepts anything from it. What it already delivered stays. It can be enrolled again."},
    Entry{"fleet_revoke_confirm", "Ja, återkalla kiosken", "Yes, revoke the kiosk"},
    Entry{"fleet_cancel", "Nej, tillbaka till kiosklistan", "No, back to the kiosks"},
    Entry{"fleet_revoked", "Kiosken är återkallad.", "The kiosk is revoked."},
    Entry{"fleet_enrolled", "Kiosken är registrerad. Hubben tar emot det den skickar.",
          "The kiosk is enrolled. The hub accepts what it sends."},
    Entry{"fleet_enrol_title", "Registrera en kiosk", "Enrol a kiosk"},
    Entry{"fleet_enrol_help", "Kioskens nyckel visas i dess adminläge och av lotsen --kiosk-key.",
          "The kiosk's key is shown in its admin mode and by lotsen --kiosk-key."},
    Entry{"fleet_site", "Plats", "Site"},
    Entry{"fleet_name", "Namn på platsen (frivilligt)", "Name within the site (optional)"},
    Entry{"fleet_key_field", "Kioskens nyckel", "The kiosk's key"},
    Entry{"fleet_key_help", "44 tecken, klistra in den som den är.", "44 characters; paste it as it is."},
    Entry{"fleet_enrol_button", "Registrera", "Enrol"},
    Entry{"fleet_site_needed", "Skriv platsen (högst 120 tecken) och ett namn på högst 120 tecken.",
          "Give the site (at most 120 characters) and a name of at most 120 characters."},
    Entry{"fleet_bad_key", "Nyckeln går inte att använda:", "The key cannot be used:"},
    Entry{"stats_title", "Uppföljning", "Follow-up"},
    Entry{"stats_intro",
          "Anonym statistik för en hel, avslutad månad. Tal under 5 visas som \"<5\"; \"x\" döljer ett tal som annars kunde räknas fram ur en summa. Samma siffror som lotsen-hub stats.",
          "Anonymous statistics for one whole, completed month. Counts under 5 show as \"<5\"; \"x\" hides a count that could otherwise be worked out from a total. The same figures as lotsen-hub stats."},
    Entry{"stats_month", "Månad", "Month"},
    Entry{"stats_show", "Visa", "Show"},
    Entry{"stats_month_refused", "Välj en avslutad månad ur listan.", "Choose a completed month from the list."},
    Entry{"stats_csv_all", "Hämta alla tabeller som CSV", "Download every table as CSV"},
    Entry{"stats_csv_one", "Hämta tabellen som CSV", "Download the table as CSV"},
    Entry{"stats_row", "Rad", "Row"},
    Entry{"stats_nothing", "Inget under perioden.", "Nothing in this period."},
    Entry{"stats_all", "Alla", "All"},
    Entry{"stats_total", "totalt", "total"},
    Entry{"stats_first_visit", "första besöket", "first visit"},
    Entry{"stats_been_before", "varit här förut", "been before"},
    Entry{"stats_not_answered", "inget svar", "not answered"},
    Entry{"stats_share_first", "andel första besök", "share of first visits"},
    Entry{"stats_checkins", "incheckningar", "check-ins"},
    Entry{"stats_handled", "hanterade", "handled"},
    Entry{"stats_open", "öppna", "open"},
    Entry{"stats_received", "mottagna", "received"},
    Entry{"stats_median", "median svarstid", "median reply time"},
    Entry{"stats_requests", "förfrågningar", "requests"},
    Entry{"stats_no_outcome", "hanterade, utan resultat", "handled, no outcome"},
    Entry{"stats_within_1", "inom 1 dygn", "within 1 day"},
    Entry{"stats_1_3", "1–3 dygn", "1–3 days"},
    Entry{"stats_3_7", "3–7 dygn", "3–7 days"},
    Entry{"stats_over_7", "över 7 dygn", "over 7 days"},
    Entry{"heard_kiosk", "kiosken", "the kiosk"},
    Entry{"heard_friend_or_family", "vän eller familj", "friend or family"},
    Entry{"heard_healthcare", "vården", "healthcare"},
    Entry{"heard_social_services", "socialtjänsten", "social services"},
    Entry{"heard_other", "annat", "other"},
    Entry{"mood_heavy", "tungt", "heavy"},
    Entry{"mood_low", "lågt", "low"},
    Entry{"mood_okay", "okej", "okay"},
    Entry{"mood_good", "bra", "good"},
    Entry{"table_checkins_per_week", "Incheckningar per förening och aktivitet, per vecka",
          "Check-ins per association and activity, per week"},
    Entry{"table_checkins_per_site", "Incheckningar per plats, per vecka", "Check-ins per site, per week"},
    Entry{"table_first_visits", "Första besök per förening", "First visits per association"},
    Entry{"table_how_heard", "Hur besökarna hörde om aktiviteten", "How visitors heard of the activity"},
    Entry{"table_mood", "Humör vid incheckningen", "Mood at check-in"},
    Entry{"table_contact_requests", "Kontaktförfrågningar per förening", "Contact requests per association"},
    Entry{"table_contact_outcomes", "Vad det blev av kontaktförfrågningarna", "What came of the contact requests"},
    Entry{"table_reply_times", "Hur snabbt förfrågningarna besvarades", "How fast the requests were answered"},
    Entry{"plot_desc", "Stapeldiagram. Samma tal står i tabellen under. En streckad ruta är ett dolt tal.",
          "Bar chart. The same counts are in the table below. A dashed box is a hidden count."},
    Entry{"plot_weeks", "Incheckningar per vecka, alla föreningar", "Check-ins per week, every association"},
    Entry{"plot_associations", "Incheckningar per förening", "Check-ins per association"},
    Entry{"plot_sites", "Incheckningar per plats", "Check-ins per site"},
    Entry{"plot_per_week_of", "Per vecka:", "Per week:"},
    Entry{"plot_first", "Första besök, alla föreningar", "First visits, every association"},
    Entry{"plot_how_heard", "Hur besökarna hörde om aktiviteten", "How visitors heard of the activity"},
    Entry{"plot_mood", "Humör vid incheckningen", "Mood at check-in"},
    Entry{"plot_reply_times", "Tid till svar", "Time to a reply"},
    Entry{"plot_requests", "Kontaktförfrågningar per förening", "Contact requests per association"},
    Entry{"plot_outcomes", "Vad det blev, alla föreningar", "What came of them, every association"},
    Entry{"audit_title", "Loggen", "The audit log"},
    Entry{"audit_intro", "Vem som gjorde vad i kontoret, nyast först (högst 500 rader per sökning).",
          "Who did what in the office, newest first (at most 500 lines per search)."},
    Entry{"audit_user", "Användare", "User"},
    Entry{"audit_association", "Förening", "Association"},
    Entry{"audit_action", "Händelse", "Action"},
    Entry{"audit_any", "Alla", "Any"},
    Entry{"audit_filter", "Filtrera", "Filter"},
    Entry{"audit_lines", "Rader som visas:", "Lines shown:"},
    Entry{"audit_newest", "(de nyaste; filtrera för att se äldre)", "(the newest; filter to see older ones)"},
    Entry{"audit_when", "När", "When"},
    Entry{"audit_request", "Förfrågan", "Request"},
    Entry{"audit_detail", "Detaljer", "Detail"},
    // The listings' freshness (freshness_page.cpp).
    Entry{"nav_freshness", "Aktuella uppgifter", "Listings up to date"},
    Entry{"nav_label_association", "Föreningens sidor", "The association's pages"},
    Entry{"freshness_title", "Är uppgifterna aktuella?", "Are the listings up to date?"},
    Entry{"freshness_all", "Alla föreningars aktiviteter: senast kontrollerade", "Every association's listings: last checked"},
    Entry{"freshness_intro",
          "Kioskerna visar när ni senast sa att en aktivitet stämmer. Efter {remind} dagar ber vi er med e-post att "
          "titta igen; en aktivitet som ingen har kontrollerat på {withhold} dagar visas inte längre på kioskerna. "
          "Stämmer den fortfarande? Tryck på knappen. Har något ändrats? Ändra aktiviteten.",
          "The kiosks show when you last said a listing is right. After {remind} days we ask you by e-mail to look "
          "again; a listing nobody has checked for {withhold} days is no longer shown on the kiosks. Still correct? "
          "Press the button. Has something changed? Edit the listing."},
    Entry{"freshness_intro_region",
          "Föreningarna ombeds med e-post att kontrollera en aktivitet efter {remind} dagar; en aktivitet som inte "
          "kontrollerats på {withhold} dagar publiceras inte.",
          "Associations are asked by e-mail to check a listing after {remind} days; a listing not checked for "
          "{withhold} days is not published."},
    Entry{"freshness_nothing", "Inga aktiviteter är publicerade än.", "No listings are published yet."},
    Entry{"freshness_listings", "Aktiviteter", "Listings"},
    Entry{"freshness_due_count", "Dags att kontrollera", "Due for a check"},
    Entry{"freshness_withheld_count", "Visas inte", "Not shown"},
    Entry{"freshness_oldest", "Äldsta kontroll", "Oldest check"},
    Entry{"freshness_back", "Tillbaka till alla föreningar", "Back to every association"},
    Entry{"freshness_last_checked", "Senast kontrollerad", "Last checked"},
    Entry{"freshness_checked_today", "i dag", "today"},
    Entry{"freshness_checked_day", "för {days} dag sedan", "{days} day ago"},
    Entry{"freshness_checked_days", "för {days} dagar sedan", "{days} days ago"},
    Entry{"freshness_never", "inget datum", "no date"},
    Entry{"freshness_state_shown", "Visas på kioskerna", "Shown on the kiosks"},
    Entry{"freshness_state_due", "Visas på kioskerna – dags att kontrollera", "Shown on the kiosks – time to check it"},
    Entry{"freshness_state_withheld", "Visas inte på kioskerna: inte kontrollerad på för länge",
          "Not shown on the kiosks: not checked for too long"},
    Entry{"freshness_state_returning", "Kontrollerad – visas igen efter nästa publicering",
          "Checked – shown again after the next publication"},
    Entry{"freshness_still_correct", "Stämmer fortfarande", "Still correct"},
    Entry{"freshness_edit", "Ändra", "Edit"},
    Entry{"freshness_saved", "Sparat: aktiviteten är kontrollerad i dag. Kioskerna visar det efter nästa publicering.",
          "Saved: the listing is checked today. The kiosks show it after the next publication."},
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
