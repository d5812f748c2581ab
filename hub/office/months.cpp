// months.cpp — see months.hpp.
#include "hub/office/months.hpp"

#include <cstdio>

namespace lotsen::hub::office {

namespace {
constexpr int k_months_offered = 24;
}  // namespace

std::string Month::text() const
{
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d", year, month);
    return out;
}

std::optional<Month> parse_month(const std::string& text)
{
    const auto date = Date::parse(text + "-01");
    if (text.size() != 7 || !date)
        return std::nullopt;
    return Month{date->year, date->month};
}

std::vector<Month> offered_months(UnixSeconds now)
{
    const Date today = stockholm::to_local(now).date;
    std::vector<Month> months;
    Month month = Month{today.year, today.month}.previous();
    for (int i = 0; i < k_months_offered; ++i, month = month.previous())
        months.push_back(month);
    return months;
}

}  // namespace lotsen::hub::office
