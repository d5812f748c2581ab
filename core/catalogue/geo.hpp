// geo.hpp — positions on the Earth and the distance between them: how far an activity is from the
// kiosk, about how long the walk there takes, and what counts as "near here".
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

/// How a straight-line distance becomes a walking time (docs/catalogue.md, "The way there").
/// Streets are not straight: the way on foot is taken as this many times the straight line (urban
/// street networks measure about 1.2, footpaths to a door more; Newell 1980, O'Sullivan 1996, Dill 2003).
inline constexpr double k_walking_detour_factor = 1.3;
/// An unhurried pace, 1.2 m/s (4.3 km/h): the US MUTCD design speed, slower than two thirds of younger
/// pedestrians walk, though two thirds of older ones walk slower still (Montufar et al., TRR 2002, 2007).
inline constexpr double k_walking_metres_per_second = 1.2;
/// Beyond this the kiosk says no walking time: an hour's walk is not a way a visitor is likely to take.
inline constexpr int k_longest_walk_minutes = 60;

/// About how many minutes the walk to a place `straight_metres` away takes: the straight line times
/// the detour factor at the walking pace, rounded up to the minute (at least 1), and above 10 minutes
/// up to a multiple of 5 (the estimate is no finer than that). nullopt beyond k_longest_walk_minutes.
std::optional<int> walking_minutes(double straight_metres);

/// "about 12 min walk" in `language` (the table's `walk_minutes` text, in the plural form the count
/// asks for), for `minutes` from walking_minutes().
std::string format_walk(const StringTables& tables, std::string_view language, int minutes);

/// The distance, and the walking time when there is one: "850 m · about 12 min walk".
std::string format_distance_and_walk(const StringTables& tables, std::string_view language, double metres);

}  // namespace lotsen
