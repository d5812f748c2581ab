// plural_rules.hpp — which plural form a language uses for a whole number: CLDR's cardinal plural
// categories (zero, one, two, few, many, other) and the rules of the kiosk's languages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace lotsen {

/// A CLDR cardinal plural category. `other` is every language's general form and the fallback.
enum class PluralCategory { zero, one, two, few, many, other };

/// The category's CLDR name: "zero", "one", "two", "few", "many" or "other".
std::string_view plural_category_name(PluralCategory category);

/// The category named `name` (as in a string table: `idle_body.few`); nullopt for anything else.
std::optional<PluralCategory> parse_plural_category(std::string_view name);

/// The categories `language` uses for whole numbers, in CLDR order and always ending with `other`;
/// just `other` for a language Lotsen has no rule for. Region subtags are ignored ("sv-easy" is
/// Swedish) and Dari ("prs") follows Persian.
std::span<const PluralCategory> plural_categories(std::string_view language);

/// True when Lotsen has CLDR's rule for `language` (after the same mapping as plural_categories).
bool has_plural_rule(std::string_view language);

/// The category of the whole number `count` in `language`; `other` for a language without a rule.
PluralCategory plural_category(std::string_view language, std::uint64_t count);

}  // namespace lotsen
