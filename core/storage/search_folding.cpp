// search_folding.cpp — Arabic folding, the index-side stemming of Arabic prefixes and the FTS5
// query built from what a visitor typed (see search_folding.hpp).
#include "core/storage/search_folding.hpp"

#include "core/base/text_checks.hpp"

#include <vector>

namespace lotsen {

namespace {

constexpr std::string_view k_arabic_article = "\xD8\xA7\xD9\x84";  // "ال"
constexpr std::string_view k_arabic_and = "\xD9\x88";                // "و", written joined to the next word

constexpr std::size_t k_max_query_bytes = 256;
constexpr std::size_t k_max_query_words = 16;

// The word without a leading Arabic article when at least two letters remain, else empty.
std::string_view without_arabic_article(std::string_view word)
{
    if (word.size() >= k_arabic_article.size() + 4 && word.substr(0, k_arabic_article.size()) == k_arabic_article)
        return word.substr(k_arabic_article.size());
    return {};
}

bool is_separator(char c)
{
    return static_cast<unsigned char>(c) <= 0x20;  // ASCII space, control characters, NUL
}

std::vector<std::string_view> split_words(std::string_view text)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_separator(text[i]))
            ++i;
        const std::size_t begin = i;
        while (i < text.size() && !is_separator(text[i]))
            ++i;
        if (i > begin)
            words.push_back(text.substr(begin, i - begin));
    }
    return words;
}

}  // namespace

// unicode61's remove_diacritics only knows Latin-script accents. Arabic script needs its own
// folding: vowel marks and tatweel are optional in writing, hamza-carrying alefs are often typed
// as a bare alef, and Persian and Arabic keyboards give different code points for yeh and kaf.
// Everything else, including malformed UTF-8, is copied unchanged.
std::string fold_arabic(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        // U+0600..U+06FF is encoded as D8 80 .. DB BF: what comes before the next such lead byte is
        // copied as one piece (most texts are in other scripts).
        const std::size_t run = i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) < 0xD8 || static_cast<unsigned char>(text[i]) > 0xDB))
            ++i;
        out.append(text, run, i - run);
        if (i == text.size())
            break;
        const Utf8Step step = utf8_step(text.substr(i));
        if (!step.valid) {
            out += text[i];
            continue;
        }
        char32_t cp = step.code;
        ++i;  // the second of its two bytes
        const bool mark = (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670
                          || (cp >= 0x06D6 && cp <= 0x06ED) || cp == 0x0640;
        if (mark)
            continue;
        switch (cp) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: cp = 0x0627; break;  // alef forms → ا
        case 0x0649: case 0x06CC: cp = 0x064A; break;                            // ى, Persian ی → ي
        case 0x06A9: cp = 0x0643; break;                                         // Persian ک → ك
        case 0x0629: cp = 0x0647; break;                                         // ة → ه (Persian spelling)
        default: break;
        }
        append_utf8(out, cp);
    }
    return out;
}

// The text the folded index gets: Arabic folded, and words that begin with the article "ال" or
// the conjunction "و" (which Arabic writes joined to the next word) once more without them, so
// "قهوة" finds "القهوة" and "حديث" finds "وحديث"; the tokenizer cannot split them off. This is
// a light stemmer on the index side only: what the visitor typed still matches the full word.
// A conjunction is only removed when three letters remain (many words simply start with و).
std::string folded_document(std::string_view text)
{
    std::string folded = fold_arabic(text);
    // The article and the conjunction begin with D8 and D9: a text without either byte has no word to add.
    if (folded.find_first_of("\xD8\xD9") == std::string::npos)
        return folded;
    std::string extra;
    auto add = [&extra](std::string_view stem) {
        extra += ' ';
        extra += stem;
    };
    for (std::string_view word : split_words(folded)) {
        if (word.size() >= k_arabic_and.size() + 6 && word.substr(0, k_arabic_and.size()) == k_arabic_and) {
            const std::string_view rest = word.substr(k_arabic_and.size());
            add(rest);
            if (const std::string_view stem = without_arabic_article(rest); !stem.empty())
                add(stem);
        }
        if (const std::string_view stem = without_arabic_article(word); !stem.empty())
            add(stem);
    }
    if (!extra.empty())
        folded += "\n" + extra;
    return folded;
}

// Turns what a visitor typed into an FTS5 query that cannot be read as syntax: every
// whitespace-separated word becomes a quoted string (quotes doubled), so AND, NEAR(, *, ^, : and
// parentheses are searched for as text; the tokenizer then drops the punctuation. The words must
// all match; the last one is a prefix, because the visitor may still be typing it. `fold` gives
// the query for the folded index. Empty when nothing searchable is left.
std::string fts_query(std::string_view text, bool fold)
{
    text = utf8_prefix(text, k_max_query_bytes);  // never cut inside a UTF-8 sequence
    std::vector<std::string_view> words = split_words(text);
    if (words.size() > k_max_query_words)
        words.resize(k_max_query_words);

    std::string query;
    for (std::string_view word : words) {
        std::string folded;
        if (fold) {
            folded = fold_arabic(word);
            if (const std::string_view stem = without_arabic_article(folded); !stem.empty())
                folded = std::string(stem);
            word = folded;
        }
        if (!query.empty())
            query += ' ';
        query += '"';
        for (char c : word) {
            if (c == '"')
                query += '"';
            query += c;
        }
        query += '"';
    }
    if (!query.empty())
        query += '*';
    return query;
}

}  // namespace lotsen
