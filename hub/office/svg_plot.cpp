// svg_plot.cpp — horizontal bar charts as SVG (see svg_plot.hpp).
#include "hub/office/svg_plot.hpp"

#include "hub/office/office_style.hpp"
#include "hub/office/web.hpp"

#include <algorithm>

namespace lotsen::hub::office {

namespace {

// Each bar has its label on a line of its own above it, so the plot stays narrow enough to read on a
// phone (a 320 px window shows it at about 0.7 of its size) without scrolling sideways.
constexpr int k_width = 420;
constexpr int k_bar_max = 330;  ///< the longest bar; its number follows it
constexpr int k_row = 52;
constexpr int k_top = 4;
constexpr std::size_t k_label_chars = 40;

// A label cut to k_label_chars code points, with "…" when cut (the table shows it whole).
std::string short_label(const std::string& label)
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        if ((static_cast<unsigned char>(label[i]) & 0xc0) != 0x80 && chars++ == k_label_chars)
            return label.substr(0, i) + "…";
    }
    return label;
}

std::string attribute(std::string_view palette_colour)
{
    return html(palette_colour);
}

}  // namespace

std::string bar_chart_svg(const std::string& id, const std::string& title, const std::string& description,
                          const std::vector<PlotBar>& bars)
{
    const Palette& p = office_palette();
    std::int64_t largest = 0;
    for (const PlotBar& bar : bars) {
        if (bar.value)
            largest = std::max(largest, *bar.value);
    }
    const int height = k_top * 2 + static_cast<int>(bars.size()) * k_row;  // a row: label, then bar and number
    const std::string safe_id = html(id);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 " + std::to_string(k_width) + " "
                      + std::to_string(height) + "\" width=\"" + std::to_string(k_width) + "\" height=\"" + std::to_string(height)
                      + "\" role=\"img\" aria-labelledby=\"" + safe_id + "-title " + safe_id + "-desc\" font-family=\"sans-serif\" "
                      "font-size=\"18\">\n<title id=\"" + safe_id + "-title\">" + html(title) + "</title>\n<desc id=\""
                      + safe_id + "-desc\">" + html(description) + "</desc>\n";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const PlotBar& bar = bars[i];
        const int y = k_top + static_cast<int>(i) * k_row;
        const std::string bar_top = std::to_string(y + 26);
        const std::string baseline = std::to_string(y + 41);
        out += "<text x=\"0\" y=\"" + std::to_string(y + 18) + "\" fill=\"" + attribute(p.text) + "\">" + html(short_label(bar.label))
               + "</text>\n";
        if (bar.value) {
            // Whole pixels; a published count above zero is at least 2 px long, so it shows.
            int length = largest > 0 ? static_cast<int>(static_cast<double>(*bar.value) * k_bar_max / static_cast<double>(largest)) : 0;
            if (*bar.value > 0)
                length = std::max(length, 2);
            out += "<rect class=\"bar\" x=\"0\" y=\"" + bar_top + "\" width=\"" + std::to_string(length)
                   + "\" height=\"18\" fill=\"" + attribute(p.button) + "\"/>\n";
            out += "<text x=\"" + std::to_string(length + 6) + "\" y=\"" + baseline + "\" fill=\"" + attribute(p.text) + "\">"
                   + std::to_string(*bar.value) + "</text>\n";
        } else {
            // Suppressed: an empty dashed box of one fixed size and the mark, nothing proportional.
            out += "<rect class=\"suppressed\" x=\"1\" y=\"" + bar_top + "\" width=\"24\" height=\"18\" fill=\"none\" stroke=\""
                   + attribute(p.border) + "\" stroke-dasharray=\"3 3\"/>\n";
            out += "<text x=\"31\" y=\"" + baseline + "\" fill=\"" + attribute(p.muted) + "\">" + html(bar.shown) + "</text>\n";
        }
    }
    out += "</svg>\n";
    return out;
}

}  // namespace lotsen::hub::office
