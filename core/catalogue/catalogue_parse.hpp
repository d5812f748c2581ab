// catalogue_parse.hpp — what reading a catalogue yields in either format (JSON or CSV): the catalogue,
// or every problem found with where and why, and the members a tolerant read skipped; the limits both
// readers keep to; and the problem list they both report into.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/catalogue/model.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lotsen {

/// One validation problem: where (a JSON path such as "$.activities[3].title.sv" or, for CSV,
/// "row 4, column 'town'") and why.
struct CatalogueProblem {
    std::string where;
    std::string reason;
    /// "where: reason".
    std::string to_string() const { return where + ": " + reason; }
};

/// Limits that keep a hostile or broken file from exhausting a kiosk.
struct CatalogueLimits {
    /// The JSON reader streams (catalogue_stream.hpp), so this bounds disk and time, not memory: a
    /// 50,000-activity file is about 95 MB, and this leaves room for longer texts (docs/catalogue.md).
    std::size_t max_file_bytes = 256u << 20;
    std::size_t max_organisations = 5'000;
    std::size_t max_activities = 50'000;
    std::size_t max_interests = 100;
    std::size_t max_short_text_bytes = 300;   ///< names, titles, addresses, places
    std::size_t max_long_text_bytes = 8'000;  ///< descriptions
    std::size_t max_list_items = 50;          ///< interests, languages, rules, dates per activity
    std::size_t max_problems = 200;           ///< stop reporting after this many
};

/// Outcome of parsing: the catalogue when there were no problems, otherwise every problem found.
struct CatalogueParseResult {
    std::optional<Catalogue> catalogue;
    std::vector<CatalogueProblem> problems;
    /// Members skipped because the reader did not know them (UnknownMembers::ignore; empty otherwise).
    IgnoredMembers ignored;
    /// True when the catalogue was read without a problem.
    bool ok() const { return catalogue.has_value() && problems.empty(); }
    /// All problems, one per line.
    std::string summary() const;
};

/// Collects problems up to a limit, counting the rest so the last entry can say how many were left out.
class CatalogueProblemList {
public:
    /// Keeps at most `max_problems` (CatalogueLimits::max_problems); the rest are only counted.
    explicit CatalogueProblemList(std::size_t max_problems) : m_max(max_problems) {}

    /// Reports one problem.
    void add(std::string where, std::string reason);
    /// True when nothing has been reported, kept or not.
    bool empty() const { return m_total == 0; }
    /// How many problems were reported, kept or not.
    std::size_t total() const { return m_total; }
    /// Adds `other`'s problems after these, as if each had been reported here.
    void append(CatalogueProblemList&& other);
    /// The problems kept, followed by "…: and N more problems" when some were left out.
    std::vector<CatalogueProblem> finish() &&;

private:
    std::size_t m_max;
    std::size_t m_total = 0;
    std::vector<CatalogueProblem> m_problems;
};

}  // namespace lotsen
