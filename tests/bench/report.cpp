// report.cpp — JSON and table output of lotsen-bench. Numbers are rounded to the precision the
// measurement supports, so the JSON reads 0.217, not 0.21666666666666667.
#include "tests/bench/report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace lotsen::bench {

namespace {

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

}  // namespace

void Report::add_text(std::string key, std::string value)
{
    m_entries.push_back({std::move(key), std::move(value), 0, {}, std::nullopt});
}

void Report::add_count(std::string key, std::int64_t value)
{
    m_entries.push_back({std::move(key), value, 0, {}, std::nullopt});
}

void Report::add_figure(std::string key, double value, int decimals, std::string label, std::optional<Budget> budget)
{
    m_entries.push_back({std::move(key), rounded(value, decimals), decimals, std::move(label), std::move(budget)});
}

std::optional<double> Report::figure(const std::string& key) const
{
    for (const Entry& entry : m_entries) {
        if (entry.key == key && std::holds_alternative<double>(entry.value))
            return std::get<double>(entry.value);
    }
    return std::nullopt;
}

void Report::set_error(std::string message)
{
    m_error = std::move(message);
}

std::string Report::to_json() const
{
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const Entry& entry : m_entries) {
        std::visit([&](const auto& value) { json[entry.key] = value; }, entry.value);
        if (entry.budget)
            json[entry.budget->key] = entry.budget->value;
    }
    if (m_error)
        json["error"] = *m_error;
    return json.dump(2);
}

void Report::print_table(std::FILE* out) const
{
    std::size_t label_width = 6;
    for (const Entry& entry : m_entries) {
        if (entry.label.empty()) {
            if (const auto* text = std::get_if<std::string>(&entry.value))
                std::fprintf(out, "%s: %s\n", entry.key.c_str(), text->c_str());
            else if (const auto* count = std::get_if<std::int64_t>(&entry.value))
                std::fprintf(out, "%s: %lld\n", entry.key.c_str(), static_cast<long long>(*count));
        } else {
            label_width = std::max(label_width, entry.label.size());
        }
    }
    const int width = static_cast<int>(label_width);
    std::fprintf(out, "\n%-*s  %12s  %s\n", width, "figure", "measured", "budget");
    for (const Entry& entry : m_entries) {
        if (entry.label.empty())
            continue;
        const double value = std::get<double>(entry.value);
        std::string budget = "-";
        if (entry.budget) {
            char text[48];
            std::snprintf(text, sizeof text, "%s %g", entry.budget->at_least ? ">=" : "<=", entry.budget->value);
            budget = text;
        }
        std::fprintf(out, "%-*s  %12.*f  %s\n", width, entry.label.c_str(), entry.decimals, value, budget.c_str());
    }
    if (m_error)
        std::fprintf(out, "\nerror: %s\n", m_error->c_str());
}

}  // namespace lotsen::bench
