// reply_times.cpp — medians of the time to "contacted" per association (see reply_times.hpp).
#include "hub/reply_times.hpp"

#include "core/sqlite/sqlite_db.hpp"
#include "hub/hub_store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <vector>

namespace lotsen::hub {

namespace {

constexpr std::string_view k_subject = "hub.db";

// The median of `seconds` (sorted here), in whole minutes rounded to the nearest; with an even count,
// the mean of the middle two.
std::int64_t median_minutes(std::vector<std::int64_t>& seconds)
{
    std::sort(seconds.begin(), seconds.end());
    const std::size_t middle = seconds.size() / 2;
    const std::int64_t twice = seconds.size() % 2 == 1 ? 2 * seconds[middle] : seconds[middle - 1] + seconds[middle];
    // twice the median in seconds → minutes, rounded half up: (twice + 60) / 120.
    return (twice + 60) / 120;
}

}  // namespace

Result<MeasuredReplies> measure_reply_times(sqlite3* db, UnixSeconds now, int window_days)
{
    const char* operation = "reading contact request reply times";
    auto s = LOTSEN_TRY(sqlite::Statement::prepare(
        db, k_subject,
        "SELECT c.organisation_id, c.handled_at - c.received_at FROM contact_requests c "
        "JOIN contact_outcomes o ON o.event_id = c.event_id "
        "WHERE o.outcome IN ('contacted', 'met') AND c.handled_at IS NOT NULL "
        "AND c.received_at >= ?1 AND c.received_at < ?2 ORDER BY c.organisation_id",
        operation));
    s.bind(1, now - static_cast<std::int64_t>(window_days) * 86400);
    s.bind(2, now);
    std::map<std::string, std::vector<std::int64_t>> times;
    while (LOTSEN_TRY(s.step(operation)))
        times[std::string(s.text(0))].push_back(std::max<std::int64_t>(0, s.int64(1)));  // a clock step never makes it negative
    MeasuredReplies measured;
    for (auto& [organisation, seconds] : times) {
        if (seconds.size() < static_cast<std::size_t>(k_min_measured_requests))
            continue;
        const int requests = static_cast<int>(seconds.size());
        measured[organisation] = MeasuredReply{.median_minutes = median_minutes(seconds), .requests = requests,
                                               .window_days = window_days};
    }
    return measured;
}

Result<MeasuredReplies> measure_reply_times_in(const std::string& data_dir, UnixSeconds now)
{
    const std::string path = data_dir + "/hub.db";
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return MeasuredReplies{};
    auto store = LOTSEN_TRY(HubStore::open(path));
    return measure_reply_times(store->connection(), now);
}

bool apply_measured_replies(Catalogue& catalogue, const MeasuredReplies& measured)
{
    bool changed = false;
    for (Organisation& organisation : catalogue.organisations) {
        const auto found = measured.find(organisation.id);
        std::optional<MeasuredReply> next;
        if (found != measured.end())
            next = found->second;
        if (next != organisation.measured_reply) {
            organisation.measured_reply = next;
            changed = true;
        }
    }
    return changed;
}

}  // namespace lotsen::hub
