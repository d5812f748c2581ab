// text_layout.cpp — wrapping, bidi reordering and Arabic shaping for every string the kiosk draws.
//
// The pipeline: UTF-8 → code points (bad bytes become U+FFFD) → paragraphs at hard line breaks → lines
// broken greedily in LOGICAL order by the caller's measure of each word's SHAPED visual form → each line
// run through FriBidi on its own (types, brackets, levels, joining, shaping, reordering) with the one
// paragraph direction → invisible controls removed → UTF-8. FriBidi's reordering is per line, so the
// text must be broken first; breaking after reordering would put the last words of an Arabic paragraph
// on its first line. Only FriBidi's reentrant low-level calls are used (fribidi_log2vis reads a global
// flag word), and nothing here keeps state, so any thread may lay out text.
#include "core/text/text_layout.hpp"
#include "core/text/codepoint_sets.hpp"

#include "core/base/text_checks.hpp"

#include <fribidi.h>

#include <cmath>
#include <limits>
#include <utility>

namespace lotsen {

namespace {

// 8× the longest description the catalogue accepts (8,000 bytes): more is not text a kiosk shows,
// and cutting it keeps the work bounded whatever arrives.
constexpr std::size_t k_max_input_bytes = 64 * 1024;

constexpr char32_t k_replacement = 0xFFFD;
constexpr char32_t k_tatweel = 0x0640;  // joins on both sides: puts a letter in medial/final context
constexpr char32_t k_lam = 0x0644;

// Mirrored brackets, reordered marks, Arabic presentation forms and lam-alef ligatures.
constexpr FriBidiFlags k_flags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;

// ---- UTF-8 ------------------------------------------------------------------------------------

// Decodes with one U+FFFD per maximal ill-formed subpart (utf8_step, core/base/text_checks.hpp).
std::u32string decode_utf8(std::string_view text)
{
    text = utf8_prefix(text, k_max_input_bytes);
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step step = utf8_step(text.substr(i));
        out.push_back(step.valid ? step.code : k_replacement);
        i += step.length;
    }
    return out;
}

std::string encode_utf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    for (const char32_t c : text)
        append_utf8(out, c);
    return out;
}

// ---- character classes ------------------------------------------------------------------------

bool is_break_space(char32_t c) { return c == U' ' || c == U'\t'; }

bool is_digit(char32_t c)
{
    return (c >= U'0' && c <= U'9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

bool is_number_space(char32_t c) { return c == U' ' || c == 0x00A0 || c == 0x202F; }

bool is_number_hyphen(char32_t c) { return c == U'-' || c == 0x2011; }

// Controls that steer bidi or joining but have no glyph: ImGui would draw them as boxes.
bool is_invisible(char32_t c)
{
    if (c == FRIBIDI_CHAR_LRM || c == FRIBIDI_CHAR_RLM || c == 0x061C /* ALM */ || c == FRIBIDI_CHAR_FILL)
        return true;
    const FriBidiCharType type = fribidi_get_bidi_type(c);
    return FRIBIDI_IS_EXPLICIT_OR_BN(type) || FRIBIDI_IS_ISOLATE(type);
}

// A combining mark or joiner belongs to the character before it: never break a word there.
bool may_break_before(std::u32string_view text, std::size_t i)
{
    if (text[i - 1] == FRIBIDI_CHAR_ZWJ || text[i] == FRIBIDI_CHAR_ZWJ)
        return false;
    return fribidi_get_bidi_type(text[i]) != FRIBIDI_TYPE_NSM;
}

struct Span {
    std::size_t begin;
    std::size_t end;
};

// Phone-number-like runs: digit groups joined by single spaces or hyphens, optionally after '+'. Plain
// UAX #9 turns digits after Arabic letters into separate Arabic-number runs, so "035-000 00 12" would
// read "12 00 000-035" and "+46 35" "35 46+" — a crisis number dialled wrong. Such a run is laid out as
// one left-to-right unit and never broken at its spaces. Hyphen-only runs need 5 digits, so short
// ranges ("10-12", opening hours) keep their right-to-left reading.
std::vector<Span> find_number_runs(std::u32string_view text)
{
    std::vector<Span> runs;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t begin = i;
        const bool plus = text[i] == U'+' && i + 1 < text.size() && is_digit(text[i + 1]);
        if (plus)
            ++i;
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        std::size_t digits = 0;
        bool spaced = false;
        bool hyphened = false;
        std::size_t j = i;
        for (;;) {
            while (j < text.size() && is_digit(text[j])) {
                ++digits;
                ++j;
            }
            if (j + 1 < text.size() && is_digit(text[j + 1]) && (is_number_space(text[j]) || is_number_hyphen(text[j]))) {
                spaced = spaced || is_number_space(text[j]);
                hyphened = hyphened || is_number_hyphen(text[j]);
                ++j;
                continue;
            }
            break;
        }
        if (plus || spaced || (hyphened && digits >= 5))
            runs.push_back({begin, j});
        i = j;
    }
    return runs;
}

// ---- FriBidi ----------------------------------------------------------------------------------

FriBidiParType first_strong_direction(std::u32string_view text)
{
    if (text.empty())
        return FRIBIDI_PAR_ON;
    std::vector<FriBidiChar> chars(text.begin(), text.end());
    std::vector<FriBidiCharType> types(text.size());
    fribidi_get_bidi_types(chars.data(), static_cast<FriBidiStrIndex>(chars.size()), types.data());
    return fribidi_get_par_direction(types.data(), static_cast<FriBidiStrIndex>(types.size()));
}

FriBidiParType resolve_base(Direction base, std::u32string_view text)
{
    if (base == Direction::ltr)
        return FRIBIDI_PAR_LTR;
    if (base == Direction::rtl)
        return FRIBIDI_PAR_RTL;
    return first_strong_direction(text) == FRIBIDI_PAR_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
}

// One line, logical → shaped visual code points, with no invisible controls left.
std::u32string visual_line(std::u32string_view logical, FriBidiParType base)
{
    std::u32string out;
    if (logical.empty())
        return out;
    const auto length = static_cast<FriBidiStrIndex>(logical.size());
    std::vector<FriBidiChar> chars(logical.begin(), logical.end());
    std::vector<FriBidiCharType> types(logical.size());
    fribidi_get_bidi_types(chars.data(), length, types.data());
    for (const Span& run : find_number_runs(logical))
        for (std::size_t i = run.begin; i < run.end; ++i)
            types[i] = FRIBIDI_TYPE_LTR;  // one strong left-to-right unit (see find_number_runs)
    std::vector<FriBidiBracketType> brackets(logical.size());
    fribidi_get_bracket_types(chars.data(), length, types.data(), brackets.data());
    std::vector<FriBidiLevel> levels(logical.size());
    FriBidiParType direction = base;
    bool reordered = false;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), length, &direction, levels.data()) != 0) {
        std::vector<FriBidiArabicProp> joining(logical.size());
        fribidi_get_joining_types(chars.data(), length, joining.data());
        fribidi_join_arabic(types.data(), length, levels.data(), joining.data());
        fribidi_shape(k_flags, levels.data(), length, joining.data(), chars.data());
        reordered = fribidi_reorder_line(k_flags, types.data(), length, 0, direction, levels.data(), chars.data(),
                                         nullptr) != 0;
    }
    // FriBidi fails only when it cannot allocate; the logical text is better than nothing.
    out.reserve(logical.size());
    if (reordered) {
        for (const FriBidiChar c : chars)
            if (!is_invisible(c))
                out.push_back(c);
    } else {
        for (const char32_t c : logical)
            if (!is_invisible(c))
                out.push_back(c);
    }
    return out;
}

// ---- measuring and breaking -------------------------------------------------------------------

// A missing measure or a NaN/negative width counts as zero rather than poisoning every comparison.
float measured(const MeasureFn& measure, std::string_view visual)
{
    if (!measure)
        return 0.0f;
    const float width = measure(visual);
    return std::isnan(width) || width < 0.0f ? 0.0f : width;
}

// Hard line breaks split the text into paragraphs; "\r\n" is one break.
std::vector<std::u32string_view> split_paragraphs(std::u32string_view text)
{
    std::vector<std::u32string_view> paragraphs;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c != U'\n' && c != U'\r' && c != FRIBIDI_CHAR_LS && c != FRIBIDI_CHAR_PS)
            continue;
        paragraphs.push_back(text.substr(begin, i - begin));
        if (c == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n')
            ++i;
        begin = i + 1;
    }
    paragraphs.push_back(text.substr(begin));
    return paragraphs;
}

// A word and the break spaces after it: [begin, end) is drawn, [end, spaces_end) only between words.
struct Word {
    std::size_t begin;
    std::size_t end;
    std::size_t spaces_end;
};

// Words split at break spaces outside number runs; spaces before the first word stay with it.
std::vector<Word> split_words(std::u32string_view text)
{
    std::vector<Word> words;
    const std::vector<Span> runs = find_number_runs(text);
    std::size_t run = 0;
    std::size_t begin = 0;
    std::size_t i = 0;
    while (i < text.size() && is_break_space(text[i]))
        ++i;
    while (i < text.size() || words.empty()) {
        std::size_t end = i;
        while (end < text.size()) {
            while (run < runs.size() && runs[run].end <= end)
                ++run;
            const bool in_run = run < runs.size() && runs[run].begin <= end;
            if (is_break_space(text[end]) && !in_run)
                break;
            ++end;
        }
        std::size_t spaces_end = end;
        while (spaces_end < text.size() && is_break_space(text[spaces_end]))
            ++spaces_end;
        words.push_back({begin, end, spaces_end});
        begin = i = spaces_end;
    }
    return words;
}

// Greedy breaking of one paragraph. A word's width is measured once, shaped and reordered on its own
// (Arabic joining stops at a space, so a word shapes the same inside a line); a line is accepted by the
// sum of its words and gaps, then measured whole, shaped, and shortened by whole words should a
// measure that is not additive (kerning) make it too wide. Each code point is shaped a bounded number
// of times, so the work is O(n log n) even for a huge word in a narrow box.
class ParagraphBreaker {
public:
    ParagraphBreaker(std::u32string_view text, FriBidiParType base, float limit, const MeasureFn& measure,
                     std::vector<LaidOutLine>& out)
        : m_text(text), m_base(base), m_limit(limit), m_measure(measure), m_out(out)
    {
    }

    void run()
    {
        std::size_t trimmed = m_text.size();
        while (trimmed > 0 && is_break_space(m_text[trimmed - 1]))
            --trimmed;
        // Most strings (titles, short lines, no wrapping) fit whole: one shaping, one measure.
        const Shaped whole = shape(0, trimmed);
        if (whole.width <= m_limit || trimmed == 0) {
            emit(whole);
            return;
        }
        m_words = split_words(m_text);
        m_word_widths.assign(m_words.size(), -1.0f);
        std::size_t w = 0;
        while (w < m_words.size()) {
            const float width = word_width(w);
            if (m_open) {
                const Word& previous = m_words[m_last];
                const float gap = measured(m_measure, encode_utf8(m_text.substr(previous.end, previous.spaces_end - previous.end)));
                if (m_estimate + gap + width <= m_limit) {
                    m_last = w;
                    m_estimate += gap + width;
                    ++w;
                    continue;
                }
                w = close_line();
                continue;
            }
            m_open = true;
            m_first = m_last = w;
            m_line_begin = m_words[w].begin;
            m_estimate = width;
            if (width > m_limit)
                break_long_word(w);
            ++w;
        }
        if (m_open)
            close_line();
    }

private:
    struct Shaped {
        std::string visual;
        float width;
    };

    Shaped shape(std::size_t begin, std::size_t end) const
    {
        std::string visual = encode_utf8(visual_line(m_text.substr(begin, end - begin), m_base));
        const float width = measured(m_measure, visual);
        return {std::move(visual), width};
    }

    void emit(Shaped shaped)
    {
        m_out.push_back({std::move(shaped.visual), shaped.width, m_base == FRIBIDI_PAR_RTL});
    }

    float word_width(std::size_t w)
    {
        if (m_word_widths[w] < 0.0f)
            m_word_widths[w] = shape(m_words[w].begin, m_words[w].end).width;
        return m_word_widths[w];
    }

    // Emits the open line, giving back trailing words while it measures too wide; returns the next word.
    std::size_t close_line()
    {
        Shaped line = shape(m_line_begin, m_words[m_last].end);
        while (line.width > m_limit && m_last > m_first) {
            --m_last;
            line = shape(m_line_begin, m_words[m_last].end);
        }
        emit(std::move(line));
        m_open = false;
        return m_last + 1;
    }

    // The open line holds only word `w`, too wide for any line: emits all of it but the last piece,
    // which stays open so the next words can follow it. Pieces end where a break is allowed; the longest
    // piece that fits is found by galloping then bisecting, and a piece holds at least one character.
    void break_long_word(std::size_t w)
    {
        const Word& word = m_words[w];
        std::vector<std::size_t> stops;  // allowed piece ends, ascending, the last one the word's end
        for (std::size_t i = word.begin + 1; i < word.end; ++i)
            if (may_break_before(m_text, i))
                stops.push_back(i);
        stops.push_back(word.end);

        std::size_t start = word.begin;
        std::size_t first_stop = 0;
        for (;;) {
            std::size_t good = first_stop;
            Shaped fitting = shape(start, stops[good]);
            if (fitting.width <= m_limit) {
                std::size_t bad = stops.size();
                for (std::size_t step = 1; good + step < stops.size(); step *= 2) {
                    Shaped probe = shape(start, stops[good + step]);
                    if (probe.width > m_limit) {
                        bad = good + step;
                        break;
                    }
                    good += step;
                    fitting = std::move(probe);
                }
                while (bad - good > 1) {
                    const std::size_t middle = good + (bad - good) / 2;
                    Shaped probe = shape(start, stops[middle]);
                    if (probe.width > m_limit) {
                        bad = middle;
                    } else {
                        good = middle;
                        fitting = std::move(probe);
                    }
                }
            }
            if (stops[good] == word.end) {
                m_line_begin = start;
                m_estimate = fitting.width;
                return;
            }
            emit(std::move(fitting));
            start = stops[good];
            first_stop = good + 1;
        }
    }

    std::u32string_view m_text;
    FriBidiParType m_base;
    float m_limit;
    const MeasureFn& m_measure;
    std::vector<LaidOutLine>& m_out;

    std::vector<Word> m_words;
    std::vector<float> m_word_widths;  // -1 until measured
    bool m_open = false;               // a line is being filled
    std::size_t m_line_begin = 0;      // where the open line starts (inside word m_first after a long word)
    std::size_t m_first = 0;           // first and last word of the open line
    std::size_t m_last = 0;
    float m_estimate = 0.0f;           // sum of the open line's word and gap widths
};

}  // namespace

std::vector<LaidOutLine> layout_paragraph(std::string_view logical_utf8, float max_width, const MeasureFn& measure,
                                          Direction base)
{
    std::vector<LaidOutLine> lines;
    const std::u32string text = decode_utf8(logical_utf8);
    if (text.empty())
        return lines;
    // Like ImGui's wrap_width: zero or less (or NaN) means no wrapping.
    const float limit = max_width > 0.0f ? max_width : std::numeric_limits<float>::infinity();
    // One direction for every line, so a wrapped Arabic line that starts with a Latin word still
    // aligns right and reads right to left.
    const FriBidiParType direction = resolve_base(base, text);
    for (const std::u32string_view paragraph : split_paragraphs(text))
        ParagraphBreaker(paragraph, direction, limit, measure, lines).run();
    return lines;
}

LaidOutLine layout_line(std::string_view logical_utf8, const MeasureFn& measure, Direction base)
{
    std::u32string text = decode_utf8(logical_utf8);
    for (char32_t& c : text)
        if (c == U'\n' || c == U'\r' || c == FRIBIDI_CHAR_LS || c == FRIBIDI_CHAR_PS)
            c = U' ';
    const FriBidiParType direction = resolve_base(base, text);
    LaidOutLine line;
    line.visual = encode_utf8(visual_line(text, direction));
    line.width = measured(measure, line.visual);
    line.rtl = direction == FRIBIDI_PAR_RTL;
    return line;
}

Direction detect_direction(std::string_view utf8)
{
    const FriBidiParType direction = first_strong_direction(decode_utf8(utf8));
    if (direction == FRIBIDI_PAR_RTL)
        return Direction::rtl;
    if (direction == FRIBIDI_PAR_LTR)
        return Direction::ltr;
    return Direction::auto_;
}

namespace {

// True when FriBidi could draw `paragraph` with a code point it does not hold: a letter that shapes
// (Arabic script) or a character with a mirror image. Otherwise its visual lines only reorder it.
bool shaping_may_add(std::u32string_view paragraph)
{
    for (const char32_t c : paragraph) {
        FriBidiChar mirrored = 0;
        if (FRIBIDI_ARAB_SHAPES(fribidi_get_joining_type(c)) || fribidi_get_mirror_char(c, &mirrored))
            return true;
    }
    return false;
}

}  // namespace

const char* codepoint_shaping_version()
{
    return fribidi_version_info;
}

void collect_codepoints(std::string_view logical_utf8, std::set<char32_t>& out)
{
    std::set<char32_t> letters_done;
    collect_codepoints(logical_utf8, out, letters_done);
}

void collect_codepoints(std::string_view logical_utf8, std::set<char32_t>& out, std::set<char32_t>& letters_done)
{
    const std::u32string text = decode_utf8(logical_utf8);
    const auto add = [&out](std::u32string_view shaped) { out.insert(shaped.begin(), shaped.end()); };
    add(text);
    for (const std::u32string_view paragraph : split_paragraphs(text)) {
        if (!shaping_may_add(paragraph))
            continue;  // FriBidi (two passes) would give back these very characters, reordered
        add(visual_line(paragraph, FRIBIDI_PAR_LTR));
        add(visual_line(paragraph, FRIBIDI_PAR_RTL));  // mirrored brackets
    }
    // A word broken across lines shows letters in forms the whole text may not have: add every joining
    // letter's isolated, initial, medial and final form, and lam-alef both alone and joined.
    // The lam-alef ligatures are added whenever lam appears, with every alef: the text may be a set of
    // distinct characters (the kiosk's font atlas) where lam and alef never stand side by side.
    for (const char32_t c : text) {
        if (!letters_done.insert(c).second)
            continue;
        if (c == k_lam) {
            for (const char32_t alef : {U'\u0622', U'\u0623', U'\u0625', U'\u0627'}) {
                const std::u32string pair{c, alef};
                add(visual_line(pair, FRIBIDI_PAR_RTL));
                add(visual_line(std::u32string{k_tatweel} + pair, FRIBIDI_PAR_RTL));
            }
        }
        if (!FRIBIDI_ARAB_SHAPES(fribidi_get_joining_type(c)))
            continue;
        for (const std::u32string& context : {std::u32string{c}, std::u32string{c, k_tatweel},
                                              std::u32string{k_tatweel, c, k_tatweel}, std::u32string{k_tatweel, c}})
            add(visual_line(context, FRIBIDI_PAR_RTL));
    }
}

}  // namespace lotsen
