// plural_rules.cpp — CLDR's cardinal plural rules for the kiosk's languages, for whole numbers only
// (the kiosk counts seconds, minutes and days). Source: Unicode CLDR, common/supplemental/plurals.xml
// (also published as the "Language Plural Rules" chart); docs/translations.md cites each rule.
#include "core/i18n/plural_rules.hpp"

#include <array>

namespace lotsen {

namespace {

using Category = PluralCategory;

// CLDR writes its rules with operands n (the absolute value) and i (its integer digits); for a whole
// number both are the number itself, and v (visible fraction digits) is 0.

// sv, en (one: i = 1 and v = 0) and so (one: n = 1) agree on whole numbers.
Category one_is_1(std::uint64_t n)
{
    return n == 1 ? Category::one : Category::other;
}

// fa (one: i = 0 or n = 1) and ti (one: n = 0..1): zero is "one" too.
Category one_is_0_or_1(std::uint64_t n)
{
    return n <= 1 ? Category::one : Category::other;
}

// ar: zero n = 0; one n = 1; two n = 2; few n % 100 = 3..10; many n % 100 = 11..99; other the rest
// (100–102, 200–202, …).
Category arabic(std::uint64_t n)
{
    if (n == 0)
        return Category::zero;
    if (n == 1)
        return Category::one;
    if (n == 2)
        return Category::two;
    const std::uint64_t last_two = n % 100;
    if (last_two >= 3 && last_two <= 10)
        return Category::few;
    if (last_two >= 11)
        return Category::many;
    return Category::other;
}

// uk (and ru): one i % 10 = 1 and i % 100 != 11; few i % 10 = 2..4 and i % 100 != 12..14;
// many i % 10 = 0 or 5..9, or i % 100 = 11..14. "other" is only for fractions, so every whole
// number is one, few or many.
Category east_slavic(std::uint64_t n)
{
    const std::uint64_t last = n % 10;
    const std::uint64_t last_two = n % 100;
    if (last == 1 && last_two != 11)
        return Category::one;
    if (last >= 2 && last <= 4 && !(last_two >= 12 && last_two <= 14))
        return Category::few;
    return Category::many;
}

constexpr std::array k_one_other{Category::one, Category::other};
constexpr std::array k_arabic{Category::zero, Category::one, Category::two, Category::few, Category::many, Category::other};
constexpr std::array k_east_slavic{Category::one, Category::few, Category::many, Category::other};
constexpr std::array k_other_only{Category::other};

struct Rule {
    std::string_view language;
    Category (*category)(std::uint64_t);
    std::span<const Category> categories;
};

constexpr std::array k_rules{
    Rule{"sv", one_is_1, k_one_other},          Rule{"en", one_is_1, k_one_other},
    Rule{"so", one_is_1, k_one_other},          Rule{"fa", one_is_0_or_1, k_one_other},
    Rule{"ti", one_is_0_or_1, k_one_other},     Rule{"ar", arabic, k_arabic},
    Rule{"uk", east_slavic, k_east_slavic},
};

const Rule* rule_for(std::string_view language)
{
    std::string_view base = language.substr(0, language.find('-'));
    if (base == "prs")
        base = "fa";  // Dari: CLDR files it as Persian of Afghanistan (fa_AF), with Persian's rules
    for (const Rule& rule : k_rules) {
        if (rule.language == base)
            return &rule;
    }
    return nullptr;
}

constexpr std::array<std::string_view, 6> k_names{"zero", "one", "two", "few", "many", "other"};

}  // namespace

std::string_view plural_category_name(PluralCategory category)
{
    return k_names[static_cast<std::size_t>(category)];
}

std::optional<PluralCategory> parse_plural_category(std::string_view name)
{
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (k_names[i] == name)
            return static_cast<PluralCategory>(i);
    }
    return std::nullopt;
}

std::span<const PluralCategory> plural_categories(std::string_view language)
{
    const Rule* rule = rule_for(language);
    return rule ? rule->categories : std::span<const PluralCategory>(k_other_only);
}

bool has_plural_rule(std::string_view language)
{
    return rule_for(language) != nullptr;
}

PluralCategory plural_category(std::string_view language, std::uint64_t count)
{
    const Rule* rule = rule_for(language);
    return rule ? rule->category(count) : Category::other;
}

}  // namespace lotsen
