// geo.hpp — positions on the Earth and the distance between them: how far an activity is from the
// kiosk, and what counts as "near here".
#pragma once

#include "core/i18n/strings.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// A position in WGS 84 degrees (what the catalogue's "lat"/"lon" and the config hold).
struct GeoPoint {
    double latitude = 0.0;   ///< -90..90, north positive
    double longitude = 0.0;  ///< -180..180, east positive
    bool operator==(const GeoPoint&) const = default;
};

/// The point of an optional latitude and longitude when both are given.
std::optional<GeoPoint> geo_point(std::optional<double> latitude, std::optional<double> longitude);

/// Great-circle distance in metres between `a` and `b` (haversine on a sphere of the Earth's mean
/// radius; within 0.5 % of the ellipsoidal distance, far finer than a card shows).
double distance_metres(const GeoPoint& a, const GeoPoint& b);

/// What counts as near the kiosk: within `radius_metres` of `centre`; a place without a position
/// (or a kiosk without one) is near when it lies in `town`.
struct Nearby {
    std::optional<GeoPoint> centre;
    std::string town;
    double radius_metres = 5000.0;

    /// True when a place at `position` in `place_town` is near.
    bool contains(const std::optional<GeoPoint>& position, std::string_view place_town) const;
};

/// `metres` as a card shows it in `language`: "850 m" under 1 km (to 10 m), else "1,2 km" with one
/// decimal (the separator comes from the table's `distance_km` text), in Western digits as the
/// rest of the UI.
std::string format_distance(const StringTables& tables, std::string_view language, double metres);

}  // namespace lotsen
