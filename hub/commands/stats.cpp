// stats.cpp — `lotsen-hub stats`: the anonymous statistics of hub/stats.hpp, with every cell that
// could single out a visitor suppressed, as a table or as CSV.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/stats.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub stats --data-dir DIR [--csv] [--table ID] [--catalogue FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  Anonymous statistics: check-ins per association and activity per ISO week, check-ins per site per
  week, share of first visits, how visitors heard of the activity, mood, contact requests per
  association, their reply times and outcomes, and how fast they were answered.
  Every count under 5 is printed as "<5", and further cells are hidden where a total would let a
  "<5" be worked out (see docs in hub/stats.hpp). --csv prints table,row,column,value lines.
  --table ID prints one table (checkins_per_week, checkins_per_site, first_visits, how_heard, mood,
  contact_requests, contact_outcomes, reply_times): the office's CSV download of a table is the same bytes.
  What visitors miss ("I miss something" on the kiosks) follows, per site: wishes_interest,
  wishes_weekday, wishes_day_part, wishes_language (the office's /wishes page counts the same way).
  --from/--to bound the days (Swedish time, both inclusive); names come from the catalogue this hub published last, or --catalogue FILE.
)";

}  // namespace

int stats_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments =
        cli::parse_arguments(argc, argv, {"--data-dir", "--catalogue", "--from", "--to", "--table"}, {"--csv"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "stats takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "stats needs --data-dir DIR");
    StatsOptions options;
    for (const char* name : {"--from", "--to"}) {
        if (const auto text = arguments.value(name)) {
            const auto date = Date::parse(*text);
            if (!date)
                return cli::usage_error(k_help, std::string(name) + " needs a date YYYY-MM-DD");
            (std::string_view(name) == "--from" ? options.from : options.to) = *date;
        }
    }
    options.csv = arguments.has("--csv");
    options.table = arguments.value("--table").value_or("");
    std::optional<Catalogue> catalogue;
    if (!cli::load_optional_catalogue(arguments, catalogue))
        return 1;
    options.catalogue = catalogue ? &*catalogue : nullptr;
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    auto report = render_stats(*store.value(), options);
    if (!report)
        return cli::fail(report.error().text());
    std::fputs(report.value().c_str(), stdout);
    return 0;
}

}  // namespace lotsen::hub::commands
