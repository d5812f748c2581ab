// catalogue_csv_words.hpp — inside the CSV catalogue import (not for other modules): the words a
// Swedish or English spreadsheet uses for what the catalogue writes as ids. Column names
// ("Aktivitet", "Förening", "Dag"), weekdays ("tis", "tisdagar"), interests ("handarbete"), languages
// ("arabiska"), accessibility and audience words, and costs ("20 kr", "gratis"). Tables in
// catalogue_csv_words.cpp; docs/catalogue.md, "Spreadsheets", lists them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lotsen::catalogue_csv_detail {

/// Lower case for ASCII and the capitals Swedish writes (Å Ä Ö É Ü), spaces at the ends trimmed
/// and runs of spaces made one: how headers and words are compared.
std::string fold_word(std::string_view text);

/// The column a header means when it is one of the Swedish or plain-English names (folded, see
/// fold_word), as its canonical name ("title_sv", "day"); nullopt for anything else.
std::optional<std::string_view> column_for_header(std::string_view folded);

/// ISO weekday (1 = Monday) for an English or Swedish name, abbreviation or plural, in any case,
/// with or without a final '.': "tue", "tuesday", "tis", "ti", "tisdag", "Tisdagar".
std::optional<int> weekday_for_word(std::string_view word);

/// The vocabularies whose entries a spreadsheet may write as words.
enum class Vocabulary { interests, languages, accessibility, audience };

/// The id a word stands for in `vocabulary` ("handarbete" → "crafts", "arabiska" → "ar",
/// "rullstol" → "wheelchair", "äldre" → "seniors"); nullopt when the word is not listed (it is then
/// used as written, and the catalogue rules say whether it is an id).
std::optional<std::string> id_for_word(Vocabulary vocabulary, std::string_view word);

/// A few of the words for `vocabulary`, for an error message: "handarbete (crafts), musik (music), …".
std::string word_examples(Vocabulary vocabulary);

/// Whole kronor: "20", "20 kr", "20kr", "20:-", "20 SEK", "20 kronor"; "gratis", "kostnadsfritt",
/// "free" and "0 kr" are 0. nullopt for anything else.
std::optional<long long> parse_cost(std::string_view text);

}  // namespace lotsen::catalogue_csv_detail
