// change_store.hpp — the associations' catalogue changes in hub.db (migration 5 in hub/hub_store.cpp):
// the one pending change per association that its forms build up until the region decides, the
// changes decided or published, and which associations the region trusts to publish directly. It
// borrows the HubStore's connection like OfficeStore, so it is used from one thread at a time.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub::office {

/// Where a change stands.
enum class ChangeState { pending, approved, rejected, published };

/// "pending", "approved", "rejected", "published".
const char* change_state_name(ChangeState state);

/// One change to an association's part.
struct CatalogueChange {
    std::int64_t id = 0;
    std::string organisation_id;
    std::string part;      ///< the whole part after the change, catalogue JSON (part_form.hpp)
    std::string summary;   ///< one line per edit
    ChangeState state = ChangeState::pending;
    std::int64_t revision = 1;
    std::int64_t submitted_by = 0;
    UnixSeconds submitted_at = 0;
    std::optional<std::int64_t> decided_by;
    std::optional<UnixSeconds> decided_at;
    std::string reason;
    std::optional<std::int64_t> catalogue_version;
};

/// The change queries.
class ChangeStore {
public:
    /// Over `hub`'s connection; `hub` must outlive it.
    explicit ChangeStore(HubStore& hub) : m_hub(hub) {}

    /// The association's pending change, if any.
    Result<std::optional<CatalogueChange>> pending(const std::string& organisation_id);
    /// Every pending change, oldest first.
    Result<std::vector<CatalogueChange>> pending_changes();
    /// The change with this id.
    Result<std::optional<CatalogueChange>> change(std::int64_t id);
    /// The association's newest change that is no longer pending.
    Result<std::optional<CatalogueChange>> latest_decided(const std::string& organisation_id);
    /// The newest `limit` decided or published changes, newest first.
    Result<std::vector<CatalogueChange>> recent_decisions(int limit);

    /// Makes `part` the association's pending change, adding `summary_line` to what it did: a new
    /// pending change, or the one there is with its revision raised. Returns its id.
    Result<std::int64_t> save_pending(const std::string& organisation_id, const std::string& part,
                                      const std::string& summary_line, std::int64_t user_id, UnixSeconds now);
    /// Records a change published directly (a trusted association) as catalogue `version`.
    Result<std::int64_t> record_published(const std::string& organisation_id, const std::string& part,
                                          const std::string& summary_line, std::int64_t user_id, UnixSeconds now,
                                          std::int64_t version);
    /// Decides the pending change `id` at `revision`: approved (published as `version`) or rejected
    /// with `reason`. False when it is no longer pending at that revision (changed or decided since).
    Result<bool> decide(std::int64_t id, std::int64_t revision, ChangeState state, std::int64_t user_id, UnixSeconds now,
                        const std::string& reason, std::optional<std::int64_t> version);

    /// Whether the region trusts the association to publish without approval (not unless it said so).
    Result<bool> trusted(const std::string& organisation_id);
    /// Sets that trust.
    Result<void> set_trusted(const std::string& organisation_id, bool trusted, std::int64_t user_id, UnixSeconds now);
    /// Every association the region set a trust for: id → trusted.
    Result<std::map<std::string, bool>> trust_list();

private:
    HubStore& m_hub;
};

}  // namespace lotsen::hub::office
