// fuzz_hub_request.cpp — libFuzzer target for what the hub decides from a request's header block
// (hub/request_rules and the Range, entity-tag and file-name rules of hub/static_files), the part of
// request parsing that is the hub's own: libmicrohttpd splits the bytes into lines, the hub judges
// them. Each input is read as an HTTP header block ("Name: value" lines, CR LF or LF); the rules get
// the lines, and the Range, If-None-Match, If-Range, Content-* and Transfer-Encoding values, and a
// path from the first line. Invariants, not only "no crash":
// - a Range that interpret_range honours (partial or unsatisfiable) is readable, so it is never
//   answered 416 "unreadable"; a partial range lies inside the size;
// - a file name the rule accepts cannot leave files/ (no '/', no leading '.');
// - a body plan that reads the body names a length within the drain bound.
#include "tests/fuzz/fuzz_support.hpp"
#include "hub/request_rules.hpp"
#include "hub/static_files.hpp"

#include <optional>
#include <string>

using namespace lotsen;
using namespace lotsen::hub;

namespace {

constexpr std::size_t k_max_wire = 1 << 20;
constexpr std::size_t k_drain = 16;

std::optional<std::string> value_of(const HeaderLines& headers, std::string_view wanted)
{
    for (const auto& [name, value] : headers) {
        if (name.size() == wanted.size()
            && std::equal(name.begin(), name.end(), wanted.begin(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
            return std::string(value);
    }
    return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::as_text(data, size);
    HeaderLines headers;
    std::string_view path;
    bool first_line = true;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        start = end + 1;
        if (first_line) {
            first_line = false;
            path = line;  // e.g. "/v1/files/<name>"
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        headers.emplace_back(line.substr(0, colon), value);
    }

    const Refusal refusal = refuse_headers(headers, HeaderCaps{});
    fuzz::require(refusal.status == 0 || refusal.status == 400 || refusal.status == 431, "header refusals are 400 or 431");
    fuzz::require((refusal.status == 0) == refusal.message.empty(), "a refusal says why");

    const auto encoding = value_of(headers, "Content-Encoding");
    const auto transfer = value_of(headers, "Transfer-Encoding");
    const auto length = value_of(headers, "Content-Length");
    const BodyPlan plan = plan_events_body(encoding ? &*encoding : nullptr, transfer ? &*transfer : nullptr,
                                           length ? &*length : nullptr, k_max_wire, k_drain);
    if (plan.refusal.status == 0)
        fuzz::require(plan.wire_length <= k_drain * k_max_wire, "a body is read only within the drain bound");
    else
        fuzz::require(!plan.refusal.message.empty(), "a body refusal says why");

    if (const auto range = value_of(headers, "Range")) {
        const bool readable = is_readable_range(*range);
        for (const std::uint64_t total : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{5000}, std::uint64_t{1} << 40}) {
            const RangeAnswer answer = interpret_range(*range, total);
            if (answer.kind != RangeAnswer::Kind::whole)
                fuzz::require(readable, "a range interpret_range honours is readable");
            if (answer.kind == RangeAnswer::Kind::partial)
                fuzz::require(answer.length >= 1 && answer.first < total && answer.length <= total - answer.first,
                              "a partial range lies inside the representation");
        }
    }
    const std::string tag = entity_tag(protocol::Sha256{});
    if (const auto none_match = value_of(headers, "If-None-Match"))
        (void)if_none_match_matches(*none_match, tag);
    if (const auto if_range = value_of(headers, "If-Range"))
        (void)if_range_allows(*if_range, tag);

    constexpr std::string_view files = "/v1/files/";
    const std::string_view name = path.rfind(files, 0) == 0 ? path.substr(files.size()) : path;
    if (is_published_file_name(name))
        fuzz::require(name.find('/') == std::string_view::npos && !name.empty() && name.front() != '.',
                      "a published name stays inside files/");
    return 0;
}
