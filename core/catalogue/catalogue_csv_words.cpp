// catalogue_csv_words.cpp — the tables of Swedish and English words a spreadsheet may use (see
// catalogue_csv_words.hpp). Every word here is compared folded (fold_word); keep them folded.
#include "core/catalogue/catalogue_csv_words.hpp"

#include "core/catalogue/catalogue_csv_syntax.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace lotsen::catalogue_csv_detail {

namespace {

using Word = std::pair<std::string_view, std::string_view>;  // folded word, what it stands for

// Header names beside the canonical English ones (which need no entry). A plain Swedish name is the
// Swedish text of a per-language column; other languages keep the canonical names (title_en, …).
constexpr std::array k_headers{
    Word{"aktivitets-id", "id"}, Word{"aktivitetsid", "id"}, Word{"aktivitet-id", "id"},
    Word{"förenings-id", "organisation_id"}, Word{"föreningsid", "organisation_id"},
    Word{"förening-id", "organisation_id"}, Word{"association_id", "organisation_id"},
    Word{"förening", "organisation_name_sv"}, Word{"föreningens namn", "organisation_name_sv"},
    Word{"om föreningen", "organisation_description_sv"}, Word{"föreningsbeskrivning", "organisation_description_sv"},
    Word{"vi behöver", "organisation_needs_sv"}, Word{"föreningen behöver", "organisation_needs_sv"},
    Word{"vi erbjuder", "organisation_offers_sv"}, Word{"föreningen erbjuder", "organisation_offers_sv"},
    Word{"telefon", "organisation_phone"}, Word{"e-post", "organisation_email"}, Word{"epost", "organisation_email"},
    Word{"webb", "organisation_web"}, Word{"webbplats", "organisation_web"}, Word{"hemsida", "organisation_web"},
    Word{"kommun", "municipality"},
    Word{"svarstid", "reply_days"}, Word{"svarstid (dagar)", "reply_days"}, Word{"svarsdagar", "reply_days"},
    Word{"tar emot kontaktförfrågningar", "accepts_contact_requests"},
    Word{"kontaktförfrågningar", "accepts_contact_requests"},
    Word{"logotyp", "organisation_logo_file"},
    Word{"aktivitet", "title_sv"}, Word{"titel", "title_sv"}, Word{"rubrik", "title_sv"},
    Word{"beskrivning", "description_sv"},
    Word{"intressen", "interests"}, Word{"intresse", "interests"},
    Word{"veckovis", "weekly"}, Word{"varje vecka", "weekly"},
    Word{"dag", "day"}, Word{"dagar", "day"}, Word{"veckodag", "day"},
    Word{"tid", "time"}, Word{"tider", "time"}, Word{"klockan", "time"},
    Word{"från", "from"}, Word{"från och med", "from"}, Word{"fr.o.m.", "from"}, Word{"startdatum", "from"},
    Word{"till", "until"}, Word{"till och med", "until"}, Word{"t.o.m.", "until"}, Word{"slutdatum", "until"},
    Word{"datum", "dates"}, Word{"inställt", "cancelled"}, Word{"inställda", "cancelled"},
    Word{"inställda datum", "cancelled"},
    Word{"plats", "place_sv"}, Word{"lokal", "place_sv"},
    Word{"hitta hit", "how_to_find_us_sv"}, Word{"så hittar du hit", "how_to_find_us_sv"},
    Word{"vägbeskrivning", "how_to_find_us_sv"},
    Word{"adress", "address"}, Word{"gatuadress", "address"}, Word{"ort", "town"},
    Word{"latitud", "lat"}, Word{"longitud", "lon"},
    Word{"kostnad", "cost_sek"}, Word{"pris", "cost_sek"}, Word{"avgift", "cost_sek"}, Word{"cost", "cost_sek"},
    Word{"om kostnaden", "cost_note_sv"}, Word{"kostnadsnotering", "cost_note_sv"},
    Word{"språk", "languages"}, Word{"tillgänglighet", "accessibility"},
    Word{"målgrupp", "audience"}, Word{"för vem", "audience"},
    Word{"lägsta ålder", "min_age"}, Word{"ålder från", "min_age"}, Word{"högsta ålder", "max_age"},
    Word{"ålder till", "max_age"},
    Word{"drop-in", "drop_in"}, Word{"dropin", "drop_in"}, Word{"drop in", "drop_in"},
    Word{"bild", "image_file"},
};

// Weekdays, 1 = Monday: English names and abbreviations, Swedish names, plurals and abbreviations
// (both the three-letter ones and the two-letter ones of Swedish calendars).
constexpr std::array<std::array<std::string_view, 8>, 7> k_weekday_words{{
    {"mon", "monday", "mån", "må", "måndag", "måndagar", "mondays", ""},
    {"tue", "tuesday", "tis", "ti", "tisdag", "tisdagar", "tuesdays", ""},
    {"wed", "wednesday", "ons", "on", "onsdag", "onsdagar", "wednesdays", ""},
    {"thu", "thursday", "tor", "tors", "torsdag", "torsdagar", "thursdays", "to"},
    {"fri", "friday", "fre", "fr", "fredag", "fredagar", "fridays", ""},
    {"sat", "saturday", "lör", "lö", "lördag", "lördagar", "saturdays", ""},
    {"sun", "sunday", "sön", "sö", "söndag", "söndagar", "sundays", ""},
}};

// The default interest vocabulary's Swedish and English labels (core/catalogue/model.cpp), folded,
// and the words associations use for the same things.
constexpr std::array k_interest_words{
    Word{"friluftsliv", "outdoors"}, Word{"natur", "outdoors"}, Word{"utomhus", "outdoors"},
    Word{"promenad", "outdoors"}, Word{"vandring", "outdoors"},
    Word{"musik", "music"}, Word{"sång", "music"}, Word{"kör", "music"},
    Word{"hantverk", "crafts"}, Word{"handarbete", "crafts"}, Word{"slöjd", "crafts"}, Word{"stickning", "crafts"},
    Word{"samtalsgrupper", "talk"}, Word{"samtalsgrupp", "talk"}, Word{"samtal", "talk"}, Word{"talk groups", "talk"},
    Word{"språkcafé", "language-cafe"}, Word{"språkkafé", "language-cafe"}, Word{"språkcafe", "language-cafe"},
    Word{"language café", "language-cafe"},
    Word{"matlagning", "cooking"}, Word{"mat", "cooking"},
    Word{"spel", "games"}, Word{"brädspel", "games"}, Word{"schack", "games"},
    Word{"idrott och rörelse", "sport"}, Word{"idrott", "sport"}, Word{"rörelse", "sport"}, Word{"motion", "sport"},
    Word{"sport and exercise", "sport"},
    Word{"kultur", "culture"},
    Word{"volontärarbete", "volunteering"}, Word{"volontär", "volunteering"}, Word{"ideellt arbete", "volunteering"},
    Word{"böcker och läsning", "books"}, Word{"böcker", "books"}, Word{"läsning", "books"},
    Word{"bokcirkel", "books"}, Word{"books and reading", "books"},
    Word{"odling", "gardening"}, Word{"trädgård", "gardening"},
};

constexpr std::array k_language_words{
    Word{"svenska", "sv"}, Word{"swedish", "sv"}, Word{"lätt svenska", "sv-easy"}, Word{"engelska", "en"},
    Word{"english", "en"}, Word{"arabiska", "ar"}, Word{"arabic", "ar"}, Word{"persiska", "fa"}, Word{"farsi", "fa"},
    Word{"persian", "fa"}, Word{"dari", "prs"}, Word{"somaliska", "so"}, Word{"somali", "so"},
    Word{"tigrinja", "ti"}, Word{"tigrinska", "ti"}, Word{"tigrinya", "ti"}, Word{"ukrainska", "uk"},
    Word{"ukrainian", "uk"}, Word{"finska", "fi"}, Word{"kurdiska", "ku"}, Word{"ryska", "ru"},
    Word{"spanska", "es"}, Word{"franska", "fr"}, Word{"tyska", "de"}, Word{"polska", "pl"},
    Word{"bosniska", "bs"}, Word{"turkiska", "tr"}, Word{"teckenspråk", "swl"},
};

constexpr std::array k_accessibility_words{
    Word{"rullstol", "wheelchair"}, Word{"rullstolsanpassat", "wheelchair"}, Word{"rullstolsanpassad", "wheelchair"},
    Word{"hörslinga", "hearing-loop"}, Word{"teleslinga", "hearing-loop"},
    Word{"tillgänglig toalett", "accessible-toilet"}, Word{"rwc", "accessible-toilet"},
    Word{"handikapptoalett", "accessible-toilet"},
    Word{"tyst rum", "quiet-space"}, Word{"lugnt rum", "quiet-space"}, Word{"tyst plats", "quiet-space"},
    Word{"teckenspråk", "sign-language"},
};

constexpr std::array k_audience_words{
    Word{"alla", "everyone"}, Word{"vuxna", "adults"}, Word{"unga", "youth"}, Word{"ungdomar", "youth"},
    Word{"äldre", "seniors"}, Word{"seniorer", "seniors"}, Word{"pensionärer", "seniors"},
    Word{"kvinnor", "women"}, Word{"män", "men"}, Word{"nyanlända", "newcomers"}, Word{"föräldrar", "parents"},
    Word{"hbtq", "lgbtq"}, Word{"hbtqi", "lgbtq"}, Word{"hbtqi+", "lgbtq"},
};

template <std::size_t N>
std::optional<std::string> look_up(const std::array<Word, N>& table, std::string_view folded)
{
    for (const auto& [word, id] : table) {
        if (word == folded)
            return std::string(id);
    }
    return std::nullopt;
}

template <std::size_t N>
std::string examples(const std::array<Word, N>& table, std::size_t count)
{
    // The first word of each id, as "word (id)".
    std::string out;
    std::string_view last_id;
    std::size_t shown = 0;
    for (const auto& [word, id] : table) {
        if (id == last_id || shown == count)
            continue;
        last_id = id;
        out += (out.empty() ? "" : ", ") + std::string(word) + " (" + std::string(id) + ")";
        ++shown;
    }
    return out;
}

}  // namespace

std::string fold_word(std::string_view text)
{
    text = trim(text);
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == '\xC3' && i + 1 < text.size()) {
            // Å Ä Ö É Ü are C3 85, C3 84, C3 96, C3 89, C3 9C; their small letters are 0x20 above.
            const auto next = static_cast<unsigned char>(text[i + 1]);
            const bool capital = next == 0x85 || next == 0x84 || next == 0x96 || next == 0x89 || next == 0x9C;
            out += c;
            out += static_cast<char>(capital ? next + 0x20 : next);
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string_view> column_for_header(std::string_view folded)
{
    for (const auto& [word, column] : k_headers) {
        if (word == folded)
            return column;
    }
    return std::nullopt;
}

std::optional<int> weekday_for_word(std::string_view word)
{
    std::string folded = fold_word(word);
    if (!folded.empty() && folded.back() == '.')
        folded.pop_back();
    if (folded.empty())
        return std::nullopt;  // the tables pad with empty names
    for (std::size_t day = 0; day < k_weekday_words.size(); ++day) {
        for (const std::string_view name : k_weekday_words[day]) {
            if (name == folded)
                return static_cast<int>(day) + 1;
        }
    }
    return std::nullopt;
}

std::optional<std::string> id_for_word(Vocabulary vocabulary, std::string_view word)
{
    const std::string folded = fold_word(word);
    switch (vocabulary) {
    case Vocabulary::interests: return look_up(k_interest_words, folded);
    case Vocabulary::languages: return look_up(k_language_words, folded);
    case Vocabulary::accessibility: return look_up(k_accessibility_words, folded);
    case Vocabulary::audience: return look_up(k_audience_words, folded);
    }
    return std::nullopt;
}

std::string word_examples(Vocabulary vocabulary)
{
    switch (vocabulary) {
    case Vocabulary::interests: return examples(k_interest_words, 12);
    case Vocabulary::languages: return examples(k_language_words, 9);  // the kiosk's languages
    case Vocabulary::accessibility: return examples(k_accessibility_words, 5);
    case Vocabulary::audience: return examples(k_audience_words, 9);
    }
    return {};
}

std::optional<long long> parse_cost(std::string_view text)
{
    const std::string folded = fold_word(text);
    if (folded == "gratis" || folded == "kostnadsfritt" || folded == "free" || folded == "ingen kostnad")
        return 0;
    std::size_t digits = 0;
    while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 9)
        return std::nullopt;
    std::string_view unit = trim(std::string_view(folded).substr(digits));
    if (!unit.empty() && unit != "kr" && unit != "kr." && unit != ":-" && unit != "sek" && unit != "kronor")
        return std::nullopt;
    long long value = 0;
    std::from_chars(folded.data(), folded.data() + digits, value);
    return value;
}

}  // namespace lotsen::catalogue_csv_detail
