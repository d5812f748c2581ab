// geo.cpp — haversine distance, the walking time estimated from it, and their wording.
#include "core/catalogue/geo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace lotsen {

namespace {

// The Earth's mean radius R1 = (2a + b) / 3 of the GRS 80 ellipsoid (Moritz, "Geodetic Reference
// System 1980", Journal of Geodesy 74 (2000)): 6 371 008.8 m.
constexpr double k_earth_radius_metres = 6371008.8;

double radians(double degrees)
{
    return degrees * std::numbers::pi / 180.0;
}

}  // namespace

std::optional<GeoPoint> geo_point(std::optional<double> latitude, std::optional<double> longitude)
{
    if (!latitude || !longitude)
        return std::nullopt;
    return GeoPoint{*latitude, *longitude};
}

double distance_metres(const GeoPoint& a, const GeoPoint& b)
{
    // Haversine: hav(d/R) = hav(Δφ) + cos φ1 · cos φ2 · hav(Δλ), with hav(x) = sin²(x/2). It stays
    // accurate for the short distances a kiosk shows, where the spherical law of cosines loses digits.
    const double phi1 = radians(a.latitude);
    const double phi2 = radians(b.latitude);
    const double half_dphi = (phi2 - phi1) / 2;
    const double half_dlambda = radians(b.longitude - a.longitude) / 2;
    const double h = std::sin(half_dphi) * std::sin(half_dphi) +
                     std::cos(phi1) * std::cos(phi2) * std::sin(half_dlambda) * std::sin(half_dlambda);
    return 2 * k_earth_radius_metres * std::asin(std::min(1.0, std::sqrt(h)));
}

bool Nearby::contains(const std::optional<GeoPoint>& position, std::string_view place_town) const
{
    if (centre && position)
        return distance_metres(*centre, *position) <= radius_metres;
    return !town.empty() && place_town == town;
}

std::string format_distance(const StringTables& tables, std::string_view language, double metres)
{
    const long rounded_metres = std::lround(metres / 10.0) * 10;
    if (rounded_metres < 1000)
        return fill_placeholder(tables.get(language, "distance_m"), "m", std::to_string(rounded_metres));
    const long tenths = std::lround(metres / 100.0);
    std::string text = fill_placeholder(tables.get(language, "distance_km"), "whole", std::to_string(tenths / 10));
    return fill_placeholder(text, "tenth", std::to_string(tenths % 10));
}

std::optional<int> walking_minutes(double straight_metres)
{
    if (!(straight_metres >= 0.0))
        return std::nullopt;
    const double seconds = straight_metres * k_walking_detour_factor / k_walking_metres_per_second;
    int minutes = std::max(1, static_cast<int>(std::ceil(seconds / 60.0)));
    if (minutes > 10)
        minutes = (minutes + 4) / 5 * 5;
    if (minutes > k_longest_walk_minutes)
        return std::nullopt;
    return minutes;
}

std::string format_walk(const StringTables& tables, std::string_view language, int minutes)
{
    return tables.format_count(language, "walk_minutes", "minutes", static_cast<std::uint64_t>(minutes));
}

std::string format_distance_and_walk(const StringTables& tables, std::string_view language, double metres)
{
    std::string text = format_distance(tables, language, metres);
    if (const std::optional<int> minutes = walking_minutes(metres))
        text += " · " + format_walk(tables, language, *minutes);
    return text;
}

}  // namespace lotsen
