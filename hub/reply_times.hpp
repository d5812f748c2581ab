// reply_times.hpp — the reply times the hub measured: per association, the median time from a contact
// request's arrival at the hub to its being marked contacted in the office, over the last 90 days and
// only with at least k_min_measured_requests such requests. Computed from hub.db at each catalogue
// publication and carried in the catalogue (Organisation::measured_reply, docs/catalogue.md).
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"

#include <map>
#include <string>

struct sqlite3;

namespace lotsen::hub {

/// How far back a publication looks for contacted requests.
inline constexpr int k_reply_window_days = 90;

/// Measured reply times by organisation id.
using MeasuredReplies = std::map<std::string, MeasuredReply>;

/// The median reply time of each association from hub.db's `db` at `now`: requests that arrived in
/// [now − window_days, now) and were first closed as "contacted" or "met" (a visitor met was reached
/// first; contact_requests.handled_at is the first closing, so a later change to "met" keeps it).
/// Requests still open, and those closed as could not reach or declined, are not replies and are
/// left out. Associations with fewer than k_min_measured_requests get no entry.
Result<MeasuredReplies> measure_reply_times(sqlite3* db, UnixSeconds now, int window_days = k_reply_window_days);

/// The same from DATA_DIR/hub.db, opened read-only; an empty map when the directory holds no hub.db
/// (a publishing machine kept apart from the hub, docs/updates.md).
Result<MeasuredReplies> measure_reply_times_in(const std::string& data_dir, UnixSeconds now);

/// Puts `measured` into `catalogue`: each organisation gets its measured reply time, or none when the
/// hub measured none (a source file cannot claim a measurement). True when anything changed.
bool apply_measured_replies(Catalogue& catalogue, const MeasuredReplies& measured);

}  // namespace lotsen::hub
