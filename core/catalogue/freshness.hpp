// freshness.hpp — how old a listing's last check is (catalogue format 1.4's `last_checked`) and the
// region's two limits on it: after how many days the office asks the association to check the
// listing again, and after how many it is no longer published (docs/catalogue.md, "Last checked").
#pragma once

#include "core/time/civil_time.hpp"

#include <cstdint>

namespace lotsen {

/// The office asks an association to check a listing this many days after its last check ([office]
/// remind_after_days).
inline constexpr int k_default_remind_after_days = 180;
/// A listing last checked more than this many days ago is not published (`publish
/// --withhold-after-days`, kept in published/sources/index.json).
inline constexpr int k_default_withhold_after_days = 365;
/// The largest value either limit takes: three years.
inline constexpr int k_max_freshness_days = 1096;

/// Whole days from `checked` to `today`; 0 when `checked` is today or later (a kiosk clock behind).
std::int64_t days_since_checked(const Date& checked, const Date& today);

/// True when a listing last checked on `checked` is more than `limit_days` days old on `today`.
bool older_than(const Date& checked, const Date& today, int limit_days);

}  // namespace lotsen
