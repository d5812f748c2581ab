// model.cpp — the built-in vocabularies (interests, accessibility, audience) and model look-ups.
#include "core/catalogue/model.hpp"

namespace lotsen {

const Organisation* Catalogue::find_organisation(std::string_view id) const
{
    for (const Organisation& organisation : organisations) {
        if (organisation.id == id)
            return &organisation;
    }
    return nullptr;
}

namespace {

Interest make_interest(std::string id, TextMap labels)
{
    return Interest{std::move(id), LocalizedText(std::move(labels))};
}

}  // namespace

const std::vector<Interest>& default_interests()
{
    // Labels in the seven kiosk languages. Non-Swedish/English labels await native-speaker review
    // (docs/translations.md will track that once the string tables exist).
    static const std::vector<Interest> interests{
        make_interest("outdoors", {{"sv", "Friluftsliv"}, {"en", "Outdoors"}, {"ar", "الهواء الطلق"}, {"fa", "طبیعت‌گردی"}, {"so", "Dibadda"}, {"ti", "ደገ"}, {"uk", "Природа"}}),
        make_interest("music", {{"sv", "Musik"}, {"en", "Music"}, {"ar", "موسيقى"}, {"fa", "موسیقی"}, {"so", "Muusig"}, {"ti", "ሙዚቃ"}, {"uk", "Музика"}}),
        make_interest("crafts", {{"sv", "Hantverk"}, {"en", "Crafts"}, {"ar", "حرف يدوية"}, {"fa", "صنایع دستی"}, {"so", "Farshaxan"}, {"ti", "ኢደ-ጥበብ"}, {"uk", "Рукоділля"}}),
        make_interest("talk", {{"sv", "Samtalsgrupper"}, {"en", "Talk groups"}, {"ar", "مجموعات حوار"}, {"fa", "گروه‌های گفتگو"}, {"so", "Kooxo wadahadal"}, {"ti", "ጉጅለ ዘተ"}, {"uk", "Групи розмов"}}),
        make_interest("language-cafe", {{"sv", "Språkcafé"}, {"en", "Language café"}, {"ar", "مقهى اللغة"}, {"fa", "کافه زبان"}, {"so", "Kafee luqadeed"}, {"ti", "ካፈ ቋንቋ"}, {"uk", "Мовне кафе"}}),
        make_interest("cooking", {{"sv", "Matlagning"}, {"en", "Cooking"}, {"ar", "طبخ"}, {"fa", "آشپزی"}, {"so", "Karinta"}, {"ti", "ምግቢ ምስራሕ"}, {"uk", "Кулінарія"}}),
        make_interest("games", {{"sv", "Spel"}, {"en", "Games"}, {"ar", "ألعاب"}, {"fa", "بازی"}, {"so", "Ciyaaro"}, {"ti", "ጸወታታት"}, {"uk", "Ігри"}}),
        make_interest("sport", {{"sv", "Idrott och rörelse"}, {"en", "Sport and exercise"}, {"ar", "رياضة"}, {"fa", "ورزش"}, {"so", "Ciyaaraha jimicsiga"}, {"ti", "ስፖርት"}, {"uk", "Спорт і рух"}}),
        make_interest("culture", {{"sv", "Kultur"}, {"en", "Culture"}, {"ar", "ثقافة"}, {"fa", "فرهنگ"}, {"so", "Dhaqan"}, {"ti", "ባህሊ"}, {"uk", "Культура"}}),
        make_interest("volunteering", {{"sv", "Volontärarbete"}, {"en", "Volunteering"}, {"ar", "تطوع"}, {"fa", "داوطلبی"}, {"so", "Tabarruc"}, {"ti", "ወለንታዊ ስራሕ"}, {"uk", "Волонтерство"}}),
        make_interest("books", {{"sv", "Böcker och läsning"}, {"en", "Books and reading"}, {"ar", "كتب وقراءة"}, {"fa", "کتاب و کتاب‌خوانی"}, {"so", "Buugaag iyo akhris"}, {"ti", "መጻሕፍትን ንባብን"}, {"uk", "Книжки та читання"}}),
        make_interest("gardening", {{"sv", "Odling"}, {"en", "Gardening"}, {"ar", "بستنة"}, {"fa", "باغبانی"}, {"so", "Beerta"}, {"ti", "ሕርሻ ኣታኽልቲ"}, {"uk", "Садівництво"}}),
    };
    return interests;
}

const std::vector<std::string>& known_accessibility_features()
{
    static const std::vector<std::string> features{"wheelchair", "hearing-loop", "accessible-toilet",
                                                   "quiet-space", "sign-language"};
    return features;
}

const std::vector<std::string>& known_audience_groups()
{
    static const std::vector<std::string> groups{"everyone", "adults", "youth", "seniors", "women",
                                                 "men", "newcomers", "parents", "lgbtq"};
    return groups;
}

}  // namespace lotsen
