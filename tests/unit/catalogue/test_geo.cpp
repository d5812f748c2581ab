// test_geo.cpp — haversine distance, what counts as near, the walking time, and the distance as a
// card writes it.
#include "core/catalogue/geo.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

TEST(GeoDistance, KnownDistancesOnTheMeanSphere)
{
    EXPECT_DOUBLE_EQ(distance_metres(GeoPoint{56.0, 12.0}, GeoPoint{56.0, 12.0}), 0.0);
    // One degree along a meridian: R·π/180 = 111 195.08 m.
    EXPECT_NEAR(distance_metres(GeoPoint{56.0, 12.0}, GeoPoint{57.0, 12.0}), 111195.08, 0.01);
    // Half the equator: π·R.
    EXPECT_NEAR(distance_metres(GeoPoint{0.0, 0.0}, GeoPoint{0.0, 180.0}), 20015114.4, 0.1);
    // Halmstad to Getinge, checked by the flat-Earth approximation that holds at this size:
    // Δφ = 0.1460°, Δλ·cos φ = 0.1248° · 0.5478 = 0.0684° → 0.1612° · 111 195 m ≈ 17.93 km.
    const double halmstad_getinge = distance_metres(GeoPoint{56.6745, 12.8578}, GeoPoint{56.8205, 12.7330});
    EXPECT_NEAR(halmstad_getinge, 17930.0, 60.0);
    // Symmetric.
    EXPECT_DOUBLE_EQ(halmstad_getinge, distance_metres(GeoPoint{56.8205, 12.7330}, GeoPoint{56.6745, 12.8578}));
}

TEST(GeoNearby, ARadiusAroundThePositionOrTheTownWithoutOne)
{
    const GeoPoint halmstad{56.6745, 12.8578};
    const Nearby near{halmstad, "Halmstad", 5000.0};
    EXPECT_TRUE(near.contains(GeoPoint{56.6745 + 0.03, 12.8578}, "Tylösand"));    // 3.3 km north
    EXPECT_FALSE(near.contains(GeoPoint{56.6745 + 0.05, 12.8578}, "Halmstad"));   // 5.6 km, same town name
    EXPECT_TRUE(near.contains(std::nullopt, "Halmstad"));                         // no position: the town
    EXPECT_FALSE(near.contains(std::nullopt, "Getinge"));
    const Nearby no_position{std::nullopt, "Halmstad", 5000.0};
    EXPECT_TRUE(no_position.contains(GeoPoint{56.8205, 12.7330}, "Halmstad"));
    EXPECT_FALSE(no_position.contains(GeoPoint{56.6745, 12.8578}, "Getinge"));
}

TEST(GeoFormat, MetresUnderAKilometreThenKilometresWithOneDecimalInTheLanguage)
{
    StringTables tables;
    ASSERT_TRUE(tables.add_language("sv", "distance_m = \"{m} m\"\ndistance_km = \"{whole},{tenth} km\"\n", "sv").ok());
    ASSERT_TRUE(tables.add_language("en", "distance_m = \"{m} m\"\ndistance_km = \"{whole}.{tenth} km\"\n", "en").ok());
    ASSERT_TRUE(tables.add_language("ar", "distance_m = \"{m} م\"\ndistance_km = \"{whole}.{tenth} كم\"\n", "ar").ok());
    EXPECT_EQ(format_distance(tables, "sv", 0.0), "0 m");
    EXPECT_EQ(format_distance(tables, "sv", 847.0), "850 m");
    EXPECT_EQ(format_distance(tables, "sv", 994.0), "990 m");
    EXPECT_EQ(format_distance(tables, "sv", 996.0), "1,0 km");  // never "1000 m"
    EXPECT_EQ(format_distance(tables, "sv", 1234.0), "1,2 km");
    EXPECT_EQ(format_distance(tables, "sv", 17930.0), "17,9 km");
    EXPECT_EQ(format_distance(tables, "en", 1234.0), "1.2 km");
    EXPECT_EQ(format_distance(tables, "en", 2049.0), "2.0 km");
    EXPECT_EQ(format_distance(tables, "ar", 640.0), "640 م");
    EXPECT_EQ(format_distance(tables, "ar", 3460.0), "3.5 كم");
}

TEST(GeoWalk, StraightLineTimesTheDetourAtAnUnhurriedPaceRoundedUp)
{
    // The Halmstad kiosk (config default) to the Galgberget car park of the demo catalogue: 324 m as
    // the crow flies, 421 m on foot at 1.2 m/s = 5.9 min → "about 6 min".
    const double galgberget = distance_metres(GeoPoint{56.6745, 12.8578}, GeoPoint{56.6718, 12.8598});
    EXPECT_NEAR(galgberget, 324.1, 0.1);
    EXPECT_EQ(walking_minutes(galgberget), 6);
    EXPECT_EQ(walking_minutes(0.0), 1);       // next door is still a minute, never "0 min"
    EXPECT_EQ(walking_minutes(55.0), 1);      // 71.5 m on foot: one minute
    EXPECT_EQ(walking_minutes(56.0), 2);      // 72.8 m: over a minute, rounded up
    EXPECT_EQ(walking_minutes(553.0), 10);    // 9.98 min
    EXPECT_EQ(walking_minutes(560.0), 15);    // 10.1 min: above ten, in fives
    EXPECT_EQ(walking_minutes(1000.0), 20);   // 18.1 min
    EXPECT_EQ(walking_minutes(3300.0), 60);   // 59.6 min: the longest walk the kiosk names
    EXPECT_EQ(walking_minutes(3335.9), std::nullopt);  // 3.3 km north of the kiosk: 60.2 min, too far
    EXPECT_EQ(walking_minutes(17929.3), std::nullopt);  // Halmstad to Getinge
    EXPECT_EQ(walking_minutes(-1.0), std::nullopt);
}

TEST(GeoWalk, DistanceAndWalkInTheLanguage)
{
    StringTables tables;
    ASSERT_TRUE(tables.add_language("sv", "distance_m = \"{m} m\"\ndistance_km = \"{whole},{tenth} km\"\n"
                                          "walk_minutes.one = \"ca {minutes} minut\"\nwalk_minutes.other = \"ca {minutes} min promenad\"\n", "sv").ok());
    ASSERT_TRUE(tables.add_language("ar", "distance_m = \"{m} م\"\ndistance_km = \"{whole}.{tenth} كم\"\n"
                                          "walk_minutes.few = \"حوالي {minutes} دقائق سيرًا\"\nwalk_minutes.other = \"حوالي {minutes} دقيقة سيرًا\"\n", "ar").ok());
    EXPECT_EQ(format_distance_and_walk(tables, "sv", 324.1), "320 m · ca 6 min promenad");
    EXPECT_EQ(format_distance_and_walk(tables, "sv", 1234.0), "1,2 km · ca 25 min promenad");
    EXPECT_EQ(format_distance_and_walk(tables, "sv", 17929.3), "17,9 km");  // no walking time that far
    EXPECT_EQ(format_distance_and_walk(tables, "sv", 10.0), "10 m · ca 1 minut");  // the plural form for one
    EXPECT_EQ(format_distance_and_walk(tables, "ar", 640.0), "640 م · حوالي 15 دقيقة سيرًا");
    EXPECT_EQ(format_distance_and_walk(tables, "ar", 300.0), "300 م · حوالي 6 دقائق سيرًا");  // few: 3–10
}

}  // namespace
}  // namespace lotsen
