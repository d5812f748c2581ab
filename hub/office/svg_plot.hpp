// svg_plot.hpp — the follow-up page's plots, drawn on the server as inline SVG: no script, no style
// attribute (the CSP allows neither), colours as presentation attributes from the office's palette.
// A plot is a horizontal bar chart of published counts; a suppressed count ("<5" or "x") is drawn as
// an empty dashed box carrying that mark, never as a bar whose length or label gives the number away.
// Every label goes through html(), which escapes for XML as well.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub::office {

/// One bar: its label, and the count when it is published (else `shown` says "<5" or "x").
struct PlotBar {
    std::string label;
    std::optional<std::int64_t> value;
    std::string shown;
};

/// An <svg> element (well-formed XML) with a <title> and <desc>; `id` must be unique on the page and
/// made of letters, digits and '-'. The bars keep their order. `description` is read by screen
/// readers (the table beside the plot holds the same numbers).
std::string bar_chart_svg(const std::string& id, const std::string& title, const std::string& description,
                          const std::vector<PlotBar>& bars);

}  // namespace lotsen::hub::office
