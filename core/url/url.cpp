// url.cpp — what an upstream URL must look like before anything is sent to it.
#include "core/url/url.hpp"

namespace lotsen {

Result<void> validate_upstream_url(std::string_view url)
{
    std::string_view rest;
    if (url.starts_with("https://"))
        rest = url.substr(8);
    else if (url.starts_with("http://"))
        rest = url.substr(7);
    else
        return Error{"expected a URL starting with https:// (or http://), such as \"https://hub.example.se\""};
    if (rest.empty() || rest.front() == '/' || rest.front() == ':')
        return Error{"the URL has no host name"};
    for (char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F)
            return Error{"the URL contains a space or a control character"};
    }
    if (url.find_first_of("?#") != std::string_view::npos)
        return Error{"the URL may not have a query or fragment; give the hub's base address"};
    return success();
}

}  // namespace lotsen
