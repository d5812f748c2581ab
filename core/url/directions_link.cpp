// directions_link.cpp — builds and checks the directions link.
#include "core/url/directions_link.hpp"

#include <cstdio>

namespace lotsen {

namespace {

std::string degrees(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);  // "C" locale digits: the kiosk never calls setlocale
    return text;
}

void replace_all(std::string& text, std::string_view name, std::string_view value)
{
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
        text.replace(at, name.size(), value);
}

}  // namespace

Result<void> validate_directions(std::string_view directions)
{
    if (directions == k_directions_geo)
        return success();
    std::string_view rest;
    if (directions.starts_with("https://"))
        rest = directions.substr(8);
    else if (directions.starts_with("http://"))
        rest = directions.substr(7);
    else
        return Error{"expected \"geo\" or a map link starting with https:// holding {lat} and {lon}"};
    if (rest.empty() || rest.front() == '/' || rest.front() == ':' || rest.front() == '{')
        return Error{"the map link has no host name"};
    for (char c : directions) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F)
            return Error{"the map link contains a space or a control character"};
    }
    if (directions.find("{lat}") == std::string_view::npos || directions.find("{lon}") == std::string_view::npos)
        return Error{"the map link must hold both {lat} and {lon}, where the place's coordinates go"};
    return success();
}

std::string directions_link(std::string_view directions, double latitude, double longitude)
{
    if (directions == k_directions_geo)
        return "geo:" + degrees(latitude) + "," + degrees(longitude);
    std::string link(directions);
    replace_all(link, "{lat}", degrees(latitude));
    replace_all(link, "{lon}", degrees(longitude));
    return link;
}

}  // namespace lotsen
