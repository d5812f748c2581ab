// freshness.cpp — listing ages in whole local days (see freshness.hpp).
#include "core/catalogue/freshness.hpp"

namespace lotsen {

std::int64_t days_since_checked(const Date& checked, const Date& today)
{
    const std::int64_t days = today.days_since_epoch() - checked.days_since_epoch();
    return days > 0 ? days : 0;
}

bool older_than(const Date& checked, const Date& today, int limit_days)
{
    return days_since_checked(checked, today) > limit_days;
}

}  // namespace lotsen
