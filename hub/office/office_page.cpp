// office_page.cpp — the page frame and small builders shared by the office's pages (office_page.hpp).
#include "hub/office/office_page.hpp"

#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"

namespace lotsen::hub::office {

std::string t(const std::string& language, std::string_view key)
{
    return html(text(language, key));
}

WebResponse redirect(const std::string& location)
{
    WebResponse response;
    response.status = 303;
    response.headers.emplace_back("Location", location);
    response.body = "<!doctype html><title>303</title><a href=\"" + html(location) + "\">" + html(location) + "</a>\n";
    return response;
}


std::string page(const Frame& frame, const std::string& main, bool wide)
{
    const std::string& l = frame.language;
    std::string out = "<!doctype html>\n<html lang=\"" + html(l) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
                      + html(frame.title) + " – " + t(l, "office") + "</title>\n"
                      "<link rel=\"stylesheet\" href=\"/office.css\">\n</head>\n<body>\n"
                      "<a class=\"skip\" href=\"#main\">" + t(l, "skip") + "</a>\n<header>\n<span class=\"brand\">"
                      + t(l, "office") + "</span>\n";
    if (frame.user != nullptr) {
        out += "<span>" + t(l, "signed_in_as") + " " + html(frame.user->display_name) + "</span>\n";
        out += "<form method=\"post\" action=\"/language\"><input type=\"hidden\" name=\"csrf\" value=\"" + html(frame.csrf)
               + "\"><label for=\"language\" class=\"inline\">" + t(l, "language") + "</label>"
               "<select id=\"language\" name=\"language\">"
               "<option value=\"sv\"" + (l == "sv" ? " selected" : "") + " lang=\"sv\">Svenska</option>"
               "<option value=\"en\"" + (l == "en" ? " selected" : "") + " lang=\"en\">English</option></select>"
               "<button type=\"submit\">" + t(l, "language_change") + "</button></form>\n";
        out += "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" + html(frame.csrf)
               + "\"><button type=\"submit\">" + t(l, "logout") + "</button></form>\n";
    }
    out += std::string("</header>\n<main id=\"main\" tabindex=\"-1\"") + (wide ? " class=\"wide\"" : "") + ">\n";
    if (frame.user != nullptr && frame.user->role == Role::region) {
        out += "<nav class=\"region\" aria-label=\"" + t(l, "nav_label") + "\"><ul><li><a href=\"/inbox\">" + t(l, "nav_inbox")
               + "</a></li><li><a href=\"/fleet\">" + t(l, "nav_fleet") + "</a></li><li><a href=\"/stats\">" + t(l, "nav_stats")
               + "</a></li><li><a href=\"/wishes\">" + t(l, "nav_wishes") + "</a></li><li><a href=\"/audit\">"
               + t(l, "nav_audit") + "</a></li><li><a href=\"/approvals\">" + t(l, "nav_approvals")
               + "</a></li><li><a href=\"/freshness\">" + t(l, "nav_freshness") + "</a></li></ul></nav>\n";
    }
    if (frame.user != nullptr && frame.user->role == Role::association) {
        // An association's own pages: its requests, its profile and activities (the forms), how fresh
        // its listings are (freshness_page.cpp), what visitors miss (wishes_page.cpp).
        out += "<nav class=\"region\" aria-label=\"" + t(l, "nav_association_label") + "\"><ul><li><a href=\"/inbox\">" + t(l, "nav_inbox")
               + "</a></li><li><a href=\"/profile\">" + t(l, "nav_profile") + "</a></li><li><a href=\"/activities\">"
               + t(l, "nav_activities") + "</a></li><li><a href=\"/freshness\">" + t(l, "nav_freshness")
               + "</a></li><li><a href=\"/wishes\">" + t(l, "nav_wishes") + "</a></li></ul></nav>\n";
    }
    out += main + "</main>\n</body>\n</html>\n";
    return out;
}

WebResponse html_response(int status, std::string body)
{
    WebResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

std::string notice(const std::string& language, std::string_view key, bool error)
{
    return std::string("<p class=\"notice ") + (error ? "error\" role=\"alert\">" : "ok\" role=\"status\">")
           + t(language, key) + "</p>\n";
}

}  // namespace lotsen::hub::office
