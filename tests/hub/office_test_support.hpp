// office_test_support.hpp — a browser's cookie jar over Office::handle, for the office's tests
// (test_office.cpp, test_region.cpp): GET and POST with the cookies the office set, and the CSRF
// value of a page's last form.
#pragma once

#include "hub/office/office.hpp"

#include <map>
#include <string>

namespace lotsen::hub::test {

using office::Office;
using office::WebRequest;
using office::WebResponse;

// A browser's cookie jar over Office::handle.
struct Browser {
    explicit Browser(Office* office_to_use) : office(office_to_use) {}

    Office* office = nullptr;
    std::map<std::string, std::string> cookies;
    std::string address = "192.0.2.10";

    std::string cookie_header() const
    {
        std::string header;
        for (const auto& [name, value] : cookies)
            header += (header.empty() ? "" : "; ") + name + "=" + value;
        return header;
    }

    WebResponse send(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::string& content_type = "", bool cut_short = false)
    {
        WebRequest request;
        request.method = method;
        const std::size_t question = target.find('?');
        request.path = target.substr(0, question);
        request.query = question == std::string::npos ? "" : target.substr(question + 1);
        request.cookie = cookie_header();
        request.accept_language = "en";
        request.body = body;
        request.content_type = content_type;
        request.body_cut_short = cut_short;
        request.client = address;
        WebResponse response = office->handle(request);
        for (const auto& [name, value] : response.headers) {
            if (name != "Set-Cookie")
                continue;
            const std::size_t equals = value.find('=');
            const std::string cookie = value.substr(0, equals);
            const std::string rest = value.substr(equals + 1);
            const std::string cookie_value = rest.substr(0, rest.find(';'));
            if (rest.find("Max-Age=0") != std::string::npos)
                cookies.erase(cookie);
            else
                cookies[cookie] = cookie_value;
        }
        return response;
    }

    WebResponse get(const std::string& target) { return send("GET", target); }
    WebResponse post(const std::string& target, const std::string& body, const std::string& content_type = "")
    {
        return send("POST", target, body, content_type);
    }

    // The csrf value of the last form on a page.
    static std::string csrf_of(const std::string& page)
    {
        const std::string marker = "name=\"csrf\" value=\"";
        const std::size_t at = page.rfind(marker);
        if (at == std::string::npos)
            return {};
        const std::size_t start = at + marker.size();
        return page.substr(start, page.find('"', start) - start);
    }
};

}  // namespace lotsen::hub::test
