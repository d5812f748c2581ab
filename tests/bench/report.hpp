// report.hpp — the figures one run of lotsen-bench measured, in the order they were added: written as
// one JSON object (stdout, for machines and side-by-side comparison) and as a readable table (stderr).
// Keys are a contract (docs/performance.md): add new ones, never rename or repurpose old ones.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lotsen::bench {

/// A budget (docs/performance.md) printed next to a figure; `key` is its own JSON key (e.g. idle_cpu_budget_pct).
struct Budget {
    std::string key;
    double value = 0.0;
    bool at_least = false;  ///< a floor (speed-ups) rather than a ceiling (times, memory)
};

/// Measured figures and the facts needed to compare them (machine, version, conditions).
class Report {
public:
    /// A fact about the run (CPU model, version, driver): JSON only, listed above the table.
    void add_text(std::string key, std::string value);
    /// A whole number about the run (cores): JSON only, listed above the table.
    void add_count(std::string key, std::int64_t value);
    /// A measured figure, rounded to `decimals`; `label` names it (with its unit) in the table.
    void add_figure(std::string key, double value, int decimals, std::string label,
                    std::optional<Budget> budget = std::nullopt);
    /// Marks the run as failed; the JSON carries `error` and the figures measured before the failure.
    void set_error(std::string message);

    bool failed() const { return m_error.has_value(); }
    /// The message set_error() recorded; empty while nothing failed.
    std::string error() const { return m_error.value_or(std::string()); }
    /// A figure measured earlier in this run, for side-by-side ratios; nullopt when not measured.
    std::optional<double> figure(const std::string& key) const;

    /// One JSON object, keys in the order they were added, `error` last when set.
    std::string to_json() const;
    /// The same figures as a table for people, budgets beside the figures they bound.
    void print_table(std::FILE* out) const;

private:
    struct Entry {
        std::string key;
        std::variant<std::string, std::int64_t, double> value;
        int decimals = 0;
        std::string label;  // empty: a fact, not a figure
        std::optional<Budget> budget;
    };
    std::vector<Entry> m_entries;
    std::optional<std::string> m_error;
};

}  // namespace lotsen::bench
