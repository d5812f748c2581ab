// store_search.cpp — the store's full-text search: what a visitor typed, asked of the FTS5 tables in
// tiers from the best kind of match down, each hit with its next occurrence. How text is folded and
// the query built is search_folding.cpp's.
#include "core/storage/store.hpp"

#include "core/base/text_checks.hpp"
#include "core/storage/search_folding.hpp"
#include "core/storage/store_internal.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace lotsen {

using namespace store_internal;

namespace {

// Search weights per FTS column: a word in the title says far more about an activity than the
// same word somewhere in its description.
#define LOTSEN_WEIGHTS_ALL "10.0, 1.0, 4.0, 3.0"  // title, description, organisation, interests
#define LOTSEN_WEIGHTS_NAMES "10.0, 4.0, 3.0"     // title, organisation, interests

// Search runs in tiers, best first: title matches, then matches in titles, organisation names or
// interest labels, then matches anywhere; within each, accent-exact before folded. A tier is one
// FTS5 query in rowid order with a LIMIT and no ORDER BY, so it stops after a few dozen rows and
// only those are scored; search() stops asking once enough activities are found. Ranking every
// match of a one-letter prefix instead costs ~0.6 µs per matching activity, far too much per
// keystroke over 10,000 activities. The price: inside a tier with more matches than fit, only its
// first rows (in catalogue order) compete on score.
struct SearchTier {
    bool exact;
    const char* sql;
    bool titles_only;  ///< prefix the query with a {title} column filter
};

// Each row's length comes along from the table's %_docsize (its column sizes), read by this query's
// own join: asked through the FTS5 API (xColumnSize) instead, FTS5 runs a statement of its own per
// row, which was 18 % of a keystroke's instructions (callgrind, 10,000 activities).
#define LOTSEN_SEARCH_SQL(table, weights)                                                              \
    "SELECT " table ".rowid, lotsen_rank(" table ", " weights ", d.sz) FROM " table                    \
    " LEFT JOIN " table "_docsize d ON d.id = " table ".rowid WHERE " table " MATCH ?1 LIMIT ?2"
constexpr const char* k_sql_match_names_exact = LOTSEN_SEARCH_SQL("search_names_exact", LOTSEN_WEIGHTS_NAMES);
constexpr const char* k_sql_match_names_folded = LOTSEN_SEARCH_SQL("search_names_folded", LOTSEN_WEIGHTS_NAMES);
constexpr const char* k_sql_match_all_exact = LOTSEN_SEARCH_SQL("search_all_exact", LOTSEN_WEIGHTS_ALL);
constexpr const char* k_sql_match_all_folded = LOTSEN_SEARCH_SQL("search_all_folded", LOTSEN_WEIGHTS_ALL);

constexpr std::array<SearchTier, 6> k_search_tiers{{
    {true, k_sql_match_names_exact, true},
    {false, k_sql_match_names_folded, true},
    {true, k_sql_match_names_exact, false},
    {false, k_sql_match_names_folded, false},
    {true, k_sql_match_all_exact, false},
    {false, k_sql_match_all_folded, false},
}};

// The lines for the chosen activities of the JSON array ?1 of seqs, each with its place in the array
// and its next occurrence that has not ended at ?2 (or its schedule when the window holds none). In
// any order: search() puts each line at its place, which costs less than an ORDER BY sorting the rows.
std::string search_line_sql(std::string_view columns, std::string_view joins)
{
    return sql_text("SELECT " LOTSEN_ITEM_COLUMNS ", n.starts, n.ends, n.local_start,"
                    "  CASE WHEN n.starts IS NULL THEN a.schedule END, j.key", columns,
                    " FROM json_each(?1) j JOIN activities a ON a.seq = j.value"
                    " LEFT JOIN occurrences n ON n.activity = a.seq AND n.starts ="
                    "   (SELECT min(starts) FROM occurrences WHERE activity = a.seq AND ends > ?2)", joins);
}
// In every language: the texts are read afterwards (fill_list_texts).
const std::string k_sql_search_items = search_line_sql("", "");
// In the visitor's language ?3: the line's texts and image come along (two seeks in list_texts and
// two in images per hit, no second pass over the hits).
const std::string k_sql_search_lines = search_line_sql(", " LOTSEN_LINE_COLUMNS, line_joins("?3"));
constexpr int k_search_key_column = 12;

}  // namespace

Result<std::vector<ActivityListItem>> Store::search(std::string_view text, UnixSeconds now, int limit,
                                                    std::string_view language)
{
    std::vector<ActivityListItem> items;
    const std::string folded_query = fts_query(text, true);
    const std::string exact_query = fts_query(text, false);
    if (folded_query.empty() || limit <= 0)
        return items;
    limit = std::min(limit, max_search_results);

    struct Candidate {
        std::int64_t seq;
        std::size_t tier;
        double score;  ///< lotsen_rank: lower is better
    };
    // Twice the limit gives the score some choice inside a tier that has more matches than fit.
    const int per_tier = 2 * limit;
    std::vector<Candidate> candidates;
    candidates.reserve(static_cast<std::size_t>(2 * per_tier));
    std::vector<std::int64_t> seen;  // the candidates' seqs, sorted: a few hundred at most
    seen.reserve(candidates.capacity());
    for (std::size_t tier = 0; tier < k_search_tiers.size() && seen.size() < static_cast<std::size_t>(limit); ++tier) {
        const SearchTier& spec = k_search_tiers[tier];
        const std::string& query = spec.exact ? exact_query : folded_query;
        auto s = LOTSEN_TRY(cached(spec.sql));
        s.bind(1, spec.titles_only ? "{title} : (" + query + ")" : query);
        s.bind(2, per_tier);
        while (LOTSEN_TRY(s.step("searching"))) {
            const std::int64_t seq = s.int64(0);
            const auto place = std::lower_bound(seen.begin(), seen.end(), seq);
            if (place != seen.end() && *place == seq)
                continue;
            seen.insert(place, seq);
            candidates.push_back(Candidate{seq, tier, s.real(1)});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.tier, a.score, a.seq) < std::tie(b.tier, b.score, b.seq);
    });
    if (candidates.size() > static_cast<std::size_t>(limit))
        candidates.resize(static_cast<std::size_t>(limit));
    if (candidates.empty())
        return items;

    std::vector<std::int64_t> order;  // the hits' seqs, best first
    order.reserve(candidates.size());
    for (const Candidate& candidate : candidates)
        order.push_back(candidate.seq);

    const bool one_language = !language.empty();
    std::vector<std::int64_t> seqs(order.size(), 0);
    std::vector<bool> read(order.size(), false);
    items.resize(order.size());
    {
        auto s = LOTSEN_TRY(cached(one_language ? k_sql_search_lines.c_str() : k_sql_search_items.c_str()));
        s.bind(1, json_array(order));
        s.bind(2, now);
        if (one_language)
            s.bind(3, language);
        while (LOTSEN_TRY(s.step("reading search hits"))) {
            const std::int64_t place = s.int64(k_search_key_column);
            if (place < 0 || place >= static_cast<std::int64_t>(items.size()))
                continue;
            ActivityListItem& item = items[static_cast<std::size_t>(place)];
            seqs[static_cast<std::size_t>(place)] = read_item(s, item);
            read[static_cast<std::size_t>(place)] = true;
            if (!s.is_null(8)) {
                item.occurrence = Occurrence{s.int64(8), s.int64(9), decode_local(s.int64(10))};
            } else {
                // Nothing in the materialised window (a rare date far ahead, or a window that has
                // not been extended lately): ask the schedule itself.
                auto schedule = schedule_from_json(s.text(11));
                if (!schedule) {
                    return Error{"the stored schedule of activity " + in_quotes(item.activity_id)
                                 + " is damaged: " + schedule.error().text(), std::string(k_subject)};
                }
                item.occurrence = next_occurrence(schedule.value(), now);
            }
            if (one_language)
                read_line(s, k_search_key_column + 1, language, item);
        }
    }
    // Every hit is an activity (the search index's rowids are theirs); a line not read is left out.
    for (std::size_t i = items.size(); i-- > 0;) {
        if (!read[i]) {
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
            seqs.erase(seqs.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
    if (!one_language)
        LOTSEN_TRY(fill_list_texts(items, seqs));
    return items;
}

}  // namespace lotsen
