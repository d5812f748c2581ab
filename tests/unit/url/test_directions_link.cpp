// test_directions_link.cpp — the directions link ([kiosk] directions): the geo: URI, a map-link
// template filled in, and what the config check refuses.
#include "core/url/directions_link.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

TEST(DirectionsLink, GeoUriOfTheRfc5870Form)
{
    EXPECT_EQ(directions_link("geo", 56.6718, 12.8598), "geo:56.671800,12.859800");
    EXPECT_EQ(directions_link("geo", -33.8688, -151.2093), "geo:-33.868800,-151.209300");
}

TEST(DirectionsLink, TemplateGetsTheCoordinatesWhereverItNamesThem)
{
    EXPECT_EQ(directions_link("https://www.openstreetmap.org/directions?to={lat}%2C{lon}#map=17/{lat}/{lon}", 56.6718, 12.8598),
              "https://www.openstreetmap.org/directions?to=56.671800%2C12.859800#map=17/56.671800/12.859800");
}

TEST(DirectionsLink, ConfigCheck)
{
    EXPECT_TRUE(validate_directions("geo").ok());
    EXPECT_TRUE(validate_directions("https://maps.example.se/?to={lat},{lon}").ok());
    EXPECT_TRUE(validate_directions("http://maps.example.se/{lon}/{lat}").ok());
    for (const char* bad : {"", "GEO", "geo:{lat},{lon}", "maps.example.se/?to={lat},{lon}", "https://maps.example.se/?to={lat}",
                            "https://maps.example.se/?to={lon}", "https:///?to={lat},{lon}", "https://{lat},{lon}",
                            "https://maps.example.se/?to={lat}, {lon}", "javascript:{lat}{lon}"}) {
        EXPECT_FALSE(validate_directions(bad).ok()) << bad;
    }
    EXPECT_NE(validate_directions("https://maps.example.se/").error().message.find("{lat} and {lon}"), std::string::npos);
}

}  // namespace
}  // namespace lotsen
