// hsds.hpp — the published catalogue as Open Referral HSDS 3.0 JSON (docs/open-standards.md says what
// maps where and what has no place): an array of organizations, each with its services (one per
// activity, with schedules, languages and service-at-locations) and the locations its activities
// meet at (with accessibility). The array is what HSDS 3.0's schema/compiled/organization_package.json
// describes; tests/open/ validates it against the schema files taken from the specification.
#pragma once

#include "core/catalogue/model.hpp"

#include <string>
#include <string_view>

namespace lotsen::hub {

/// The language HSDS texts are written in: HSDS 3.0 has one text per field, so one language goes out.
inline constexpr std::string_view k_hsds_language = "sv";

/// A stable UUID (RFC 9562 version 8, name-based with BLAKE2b) for a Lotsen entity: `kind`
/// ("organization", "service", "location", …) and its key. The same catalogue always gives the same ids.
std::string hsds_uuid(std::string_view kind, std::string_view key);

/// The HSDS location key of a place: its Swedish name, address and town (activities of several
/// associations that meet at the same place share one location).
std::string place_key(const Place& place);

/// `catalogue` as HSDS 3.0 JSON (an organization package), pretty-printed.
std::string catalogue_to_hsds(const Catalogue& catalogue);

}  // namespace lotsen::hub
