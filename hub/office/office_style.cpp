// office_style.cpp — the stylesheet, made from the palette (see office_style.hpp). Nothing in it is
// fixed to a width: at 320 px and at 400 % zoom every block wraps, so no page scrolls sideways.
#include "hub/office/office_style.hpp"

#include <algorithm>
#include <cmath>

namespace lotsen::hub::office {

namespace {

double channel(std::string_view hex, std::size_t at)
{
    const double value = std::stoi(std::string(hex.substr(at, 2)), nullptr, 16) / 255.0;
    // sRGB to linear light (WCAG 2.1's relative luminance definition).
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(std::string_view hex)
{
    return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

std::string make_stylesheet(const Palette& p)
{
    auto c = [](std::string_view colour) { return std::string(colour); };
    return "/* Lotsen office: one stylesheet, no external resources. */\n"
           "*,*::before,*::after{box-sizing:border-box}\n"
           "html{font-size:100%;-webkit-text-size-adjust:100%}\n"
           "body{margin:0;font-family:system-ui,'Noto Sans',sans-serif;line-height:1.5;color:" + c(p.text)
           + ";background:" + c(p.page) + ";overflow-wrap:anywhere}\n"
           "a{color:" + c(p.link) + "}\n"
           ":focus-visible,:focus{outline:3px solid " + c(p.focus) + ";outline-offset:2px}\n"
           ".skip{position:absolute;left:-100vw;top:0}\n"
           ".skip:focus{left:0.5rem;top:0.5rem;background:" + c(p.page) + ";padding:0.5rem;z-index:1}\n"
           "header{background:" + c(p.panel) + ";border-bottom:1px solid " + c(p.border)
           + ";padding:0.5rem 1rem;display:flex;flex-wrap:wrap;gap:0.5rem 1.5rem;align-items:center}\n"
           "header .brand{font-weight:700;margin-right:auto}\n"
           "header form{display:flex;flex-wrap:wrap;gap:0.5rem;align-items:center;margin:0}\n"
           "main{padding:1rem;max-width:48rem}\n"
           "h1{font-size:1.6rem;line-height:1.25;margin:0.5rem 0 1rem}\n"
           "h2{font-size:1.25rem;margin:1.5rem 0 0.5rem}\n"
           ".muted{color:" + c(p.muted) + "}\n"
           "label{display:block;font-weight:600;margin:1rem 0 0.25rem}\n"
           "input[type=email],input[type=password],input[type=text],textarea,select{font:inherit;width:100%;max-width:30rem;"
           "padding:0.5rem;border:2px solid " + c(p.border) + ";border-radius:4px;color:" + c(p.text) + ";background:"
           + c(p.page) + "}\n"
           "header select{width:auto}\n"
           "textarea{min-height:5rem}\n"
           "button{font:inherit;font-weight:600;color:" + c(p.button_text) + ";background:" + c(p.button)
           + ";border:2px solid " + c(p.button) + ";border-radius:4px;padding:0.5rem 1.25rem;margin-top:1rem;cursor:pointer}\n"
           "main button{display:block}\n"
           "header button{margin:0;padding:0.25rem 0.75rem}\n"
           ".hint{margin:0 0 0.25rem}\n"
           ".code{white-space:nowrap}\n"
           "fieldset{border:1px solid " + c(p.border) + ";border-radius:4px;margin:1rem 0;padding:0.5rem 1rem}\n"
           "legend{font-weight:700;padding:0 0.25rem}\n"
           ".choice{display:flex;gap:0.5rem;align-items:center;margin:0.5rem 0}\n"
           ".choice label{display:inline;font-weight:400;margin:0}\n"
           ".choice input{width:1.25rem;height:1.25rem;margin:0}\n"
           ".notice{padding:0.75rem 1rem;border-radius:4px;margin:1rem 0}\n"
           ".error{color:" + c(p.error_text) + ";background:" + c(p.error_panel) + "}\n"
           ".ok{color:" + c(p.ok_text) + ";background:" + c(p.ok_panel) + "}\n"
           "ul.requests{list-style:none;padding:0;margin:0}\n"
           "ul.requests li{background:" + c(p.panel) + ";border-radius:4px;padding:0.75rem 1rem;margin:0 0 0.75rem}\n"
           "ul.requests .title{font-weight:700;font-size:1.1rem}\n"
           "dl{margin:0}\n"
           "dl div{display:flex;flex-wrap:wrap;gap:0 0.5rem;margin:0.25rem 0}\n"
           "dt{font-weight:600}\n"
           "dt::after{content:':'}\n"
           "dd{margin:0}\n"
           ".facts div{display:block;margin:0 0 0.75rem}\n"
           ".facts dt::after{content:''}\n"
           ".status-open{font-weight:700}\n"
           // The region's pages: navigation, wide tables that scroll inside their own box (the page
           // never scrolls sideways), plots that shrink with the window, kiosk cards.
           "nav.region ul{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:0.5rem 1.25rem}\n"
           "main.wide{max-width:72rem}\n"
           ".scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem}\n"
           "table{border-collapse:collapse}\n"
           "th,td{padding:0.25rem 0.5rem;border-bottom:1px solid " + c(p.border) + ";text-align:right;white-space:nowrap}\n"
           "th:first-child,td:first-child{text-align:left}\n"
           "th.sub{padding-left:1.5rem;font-weight:400}\n"
           "caption{text-align:left;font-weight:700;padding:0.25rem 0}\n"
           "svg.plot{display:block;max-width:100%;height:auto;margin:0.5rem 0 1rem}\n"
           "ul.kiosks{list-style:none;padding:0;margin:0}\n"
           "ul.kiosks li{background:" + c(p.panel) + ";border-radius:4px;padding:0.75rem 1rem;margin:0 0 0.75rem}\n"
           "ul.kiosks li.silent{border-left:6px solid " + c(p.error_text) + "}\n"
           ".warn{color:" + c(p.error_text) + ";font-weight:700}\n"
           "form.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}\n"
           "form.filters label{margin-top:0.5rem}\n"
           "form.inline button{display:inline-block}\n"
           "table.audit td,table.audit th{white-space:normal;text-align:left;min-width:6rem;overflow-wrap:break-word}\n"
           "table.audit td:last-child{min-width:14rem}\n"
           "figure{margin:0}\n"
           "figcaption{font-weight:600;margin:0.5rem 0 0}\n"
           ".key{font-family:monospace;overflow-wrap:anywhere}\n"
           "details{margin:0 0 0.5rem}\n"
           // The associations' forms: a field's error right under its label, the preview as a card.
           "input[type=number],input[type=date],input[type=tel],input[type=url]{font:inherit;width:100%;max-width:30rem;"
           "padding:0.5rem;border:2px solid " + c(p.border) + ";border-radius:4px;color:" + c(p.text) + ";background:"
           + c(p.page) + "}\n"
           ".field-error{color:" + c(p.error_text) + ";background:" + c(p.error_panel)
           + ";padding:0.25rem 0.5rem;border-radius:4px;margin:0 0 0.25rem;font-weight:600;max-width:30rem}\n"
           "[aria-invalid=true]{border-color:" + c(p.error_text) + "}\n"
           ".preview{background:" + c(p.panel) + ";border-radius:4px;border-left:6px solid " + c(p.link)
           + ";padding:0.75rem 1rem;margin:1rem 0}\n"
           ".preview h3{margin:0 0 0.5rem}\n"
           // Line breaks typed into a text stay, as the kiosk shows them (runs of spaces still fold).
           ".preview p,.preview dd,dl.texts dd{white-space:pre-line}\n"
           ".buttons{display:flex;flex-wrap:wrap;gap:0 1rem}\n"
           "ul.requests li form{margin:0}\n"
           // Pictures in the forms and on /approvals: never wider than the column, small beside each other.
           "img.picture{display:block;max-width:min(100%,16rem);height:auto;border:1px solid " + c(p.border) + ";margin:0.25rem 0}\n"
           ".pictures{display:flex;flex-wrap:wrap;gap:0.5rem 1.5rem;list-style:none;padding:0}\n"
           // A fieldset is as wide as its widest content by default; a file input's is wider than 320 px.
           "fieldset.picture-field{min-width:0}\n"
           "input[type=file]{font:inherit;width:100%;max-width:30rem}\n";
}

}  // namespace

const Palette& office_palette()
{
    static const Palette palette;
    return palette;
}

double contrast_ratio(std::string_view a, std::string_view b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const std::string& office_stylesheet()
{
    static const std::string sheet = make_stylesheet(office_palette());
    return sheet;
}

}  // namespace lotsen::hub::office
