// catalogue_json_reader.hpp — inside the JSON catalogue reader (not for other modules): the
// CatalogueReader that checks each part of a catalogue as the streaming read (catalogue_json_stream.cpp)
// meets it, builds the model and reports every rule it breaks (or, reading a published file
// tolerantly, lists the members it does not know). It is the only copy of the catalogue rules; its
// definitions are split over catalogue_json_reader.cpp (values, the document's top level, interests,
// organisations) and catalogue_json_activity.cpp (activities).
#pragma once

#include "core/base/format_growth.hpp"
#include "core/catalogue/catalogue_json_tree.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lotsen::catalogue_json_detail {

// Limits of the format itself (docs/catalogue.md), beside the configurable CatalogueLimits.
constexpr std::size_t k_max_town_bytes = 100;    // town and municipality
constexpr std::size_t k_max_phone_bytes = 30;
constexpr std::size_t k_max_email_bytes = 254;   // RFC 5321's limit on a forward path
constexpr std::size_t k_max_web_bytes = 300;
constexpr std::int64_t k_max_reply_days = 60;
// A measured reply: a request may be answered long after it arrived, but not after a year.
constexpr std::int64_t k_max_measured_reply_minutes = 366 * 24 * 60;
constexpr std::int64_t k_max_measured_requests = 1'000'000;
constexpr std::int64_t k_max_measured_window_days = 366;
constexpr std::int64_t k_max_cost_sek = 100'000;
constexpr std::int64_t k_max_age = 120;
constexpr std::int64_t k_max_every_weeks = 8;
constexpr int k_max_rule_years = 3;
constexpr std::int64_t k_int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_int64_max = std::numeric_limits<std::int64_t>::max();

/// "a, b, c".
std::string join(const std::vector<std::string>& items);

/// The latest valid `until` for a rule starting on `from`: the same day three years on (29 February
/// becomes 28 February).
Date latest_until(const Date& from);

/// A member looked up in an object: its value (null when absent) and its path.
struct Member {
    const Json* value = nullptr;
    JsonPath path;
    explicit operator bool() const { return value != nullptr; }
};

/// Which text limit applies: a name or title (one line), or a description (may hold newlines).
enum class TextKind { short_text, long_text };

/// CatalogueReader::member's `required`, named at the call.
constexpr bool k_required = true;
constexpr bool k_optional = false;

/// A member name longer than this is quoted and cut in the list of ignored members, so a published
/// file cannot make the kiosk's log line long.
constexpr std::size_t k_max_ignored_name_bytes = 64;

/// Checks the parts of a catalogue one at a time, as the streaming read hands them over (the top
/// level's scalars, each interest, organisation and activity), builds the model and reports every
/// rule they break into the list report_into() names. Members it does not know are problems, or
/// with UnknownMembers::ignore skipped whole and recorded in `ignored`.
class CatalogueReader {
public:
    CatalogueReader(const CatalogueLimits& limits, CatalogueProblemList& problems, UnknownMembers unknown,
                    IgnoredMembers& ignored)
        : m_limits(limits), m_problems(&problems), m_unknown(unknown), m_ignored(ignored)
    {
    }

    /// Problems go to `problems` from now on: the streaming read keeps one list per part of the
    /// document, so problems come out in the order they always did whatever the order of the file.
    void report_into(CatalogueProblemList& problems) { m_problems = &problems; }
    /// Where problems go now.
    CatalogueProblemList& problems() { return *m_problems; }

    // The top level.
    /// A top-level member this reader does not know: a problem, or skipped and listed.
    void unknown_root_member(std::string_view name);
    /// The document when it is not an object (containers stand in empty: only their kind is told).
    void root_not_object(const Json& value);
    /// When "format_version" in `header` names a newer major: says so and returns true; nothing
    /// else about such a file is reported.
    bool refuse_newer_major(const Json& header);
    /// "format", "format_version", "format_minor", "version" and "published" (missing or wrong)
    /// from `header`, an object of the top level's scalar members.
    void read_header(const Json& header, Catalogue& catalogue);
    /// A required top-level member that is not there.
    void required_missing(const JsonPath& path) { problem(path, "required field is missing"); }
    /// A top-level list's value when it is not an array (false, with the problem).
    bool check_list_kind(const Json& value, const JsonPath& path);
    /// A top-level list's length against its limits.
    void check_list_size(const JsonPath& path, std::size_t size, std::size_t max_items, std::string_view noun,
                         std::size_t min_items = 0);

    // Interests: each item below the limit is read; past it only its id is known.
    void read_interest_item(const Json& item, const JsonPath& list, std::size_t index, Catalogue& catalogue);
    void register_interest_beyond_limit(const Json& item);
    /// The interests list is read whole: `declared` says it was an array (an empty one knows nothing).
    void interests_read(bool declared, bool empty);
    /// The file declares no interests: the default vocabulary.
    void default_vocabulary();

    // Organisations.
    Organisation read_organisation_item(const Json& item, const JsonPath& list, std::size_t index);
    void register_organisation_beyond_limit(const Json& item, std::size_t index);
    /// The organisations array is read whole: activities' references are checked against it.
    void organisations_read() { m_organisations_known = true; }

    // Activities (catalogue_json_activity.cpp).
    Activity read_activity_item(const Json& item, const JsonPath& list, std::size_t index);

private:
    void problem(const JsonPath& where, std::string reason) { m_problems->add(where.str(), std::move(reason)); }

    bool check_object(const Json& value, const JsonPath& path, std::initializer_list<std::string_view> known);
    void unknown_member(const JsonPath& path, const std::string& name, std::initializer_list<std::string_view> known);
    void ignore_member(const JsonPath& path, std::string_view name);
    Member member(const Json& object, const JsonPath& parent, std::string_view name, bool required);
    const Json* check_array(const Json& value, const JsonPath& path, std::size_t max_items,
                            std::string_view noun, std::size_t min_items = 0);

    std::optional<std::string> read_string(const Json& value, const JsonPath& path);
    std::optional<std::string> read_plain_string(const Json& value, const JsonPath& path, std::size_t max_bytes);
    std::optional<std::int64_t> read_integer(const Json& value, const JsonPath& path, std::int64_t low,
                                             std::int64_t high);
    std::optional<double> read_number(const Json& value, const JsonPath& path, double low, double high);
    std::optional<bool> read_boolean(const Json& value, const JsonPath& path);
    std::optional<std::string> read_id(const Json& value, const JsonPath& path);
    std::optional<Date> read_date(const Json& value, const JsonPath& path);
    std::optional<TimeOfDay> read_time(const Json& value, const JsonPath& path);
    LocalizedText read_text(const Json& value, const JsonPath& path, TextKind kind);
    template <typename Check>
    std::vector<std::string> read_string_list(const Json& value, const JsonPath& path, Check check,
                                              std::size_t min_items = 0);
    void check_unique_id(std::unordered_map<std::string, std::size_t>& seen, const std::string& id,
                         const JsonPath& array_path, std::size_t index);
    /// The id of an item past a count limit, when it has one that is a string.
    static std::optional<std::string> id_of(const Json& item);

    Interest read_interest(const Json& value, const JsonPath& path);
    Organisation read_organisation(const Json& value, const JsonPath& path);
    PublicContact read_contact(const Json& value, const JsonPath& path);
    Activity read_activity(const Json& value, const JsonPath& path);
    Schedule read_schedule(const Json& value, const JsonPath& path);
    WeeklyRule read_weekly_rule(const Json& value, const JsonPath& path);
    SingleDate read_single_date(const Json& value, const JsonPath& path);
    Place read_place(const Json& value, const JsonPath& path);
    Cost read_cost(const Json& value, const JsonPath& path);
    Audience read_audience(const Json& value, const JsonPath& path);
    std::optional<ImageRef> read_image(const Json& value, const JsonPath& path);
    std::optional<MeasuredReply> read_measured_reply(const Json& value, const JsonPath& path);

    const CatalogueLimits& m_limits;
    CatalogueProblemList* m_problems;
    UnknownMembers m_unknown;
    IgnoredMembers& m_ignored;
    std::unordered_map<std::string, std::size_t> m_organisation_index;  // id → position
    bool m_organisations_known = false;  // false: the array was unreadable, so skip reference checks
    std::unordered_set<std::string> m_vocabulary;
    std::string m_vocabulary_hint;       // ", one of …" when the vocabulary is short enough to list
    bool m_vocabulary_known = false;
    std::unordered_map<std::string, std::size_t> m_interest_ids;  // id → position
    std::unordered_map<std::string, std::size_t> m_activity_ids;   // id → position
};

}  // namespace lotsen::catalogue_json_detail
