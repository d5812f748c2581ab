// fuzz_multipart.cpp — libFuzzer target for the office's multipart/form-data reader
// (hub/office/multipart.hpp), what a browser's form with a picture sends. The input's first line is
// the Content-Type, the rest the body. Invariants, not only "no crash":
// - a body that reads, reads the same with cut_short (a whole body is never refused for being cut);
// - every part's bytes lie inside the body, and there are no more parts than the limit;
// - read_posted_form either reads or says why, never both.
#include "tests/fuzz/fuzz_support.hpp"
#include "hub/office/multipart.hpp"

#include <string>

using namespace lotsen;
using namespace lotsen::hub::office;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::as_text(data, size);
    const std::size_t newline = text.find('\n');
    const std::string_view content_type = text.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);

    MultipartLimits limits;
    limits.max_parts = 64;
    limits.max_header_bytes = 512;
    const auto boundary = multipart_boundary(content_type);
    const std::string used = boundary ? boundary.value() : std::string("b");
    const auto whole = parse_multipart(body, used, false, limits);
    const auto cut = parse_multipart(body, used, true, limits);
    if (whole) {
        fuzz::require(whole.value().size() <= limits.max_parts, "no more parts than the limit");
        fuzz::require(cut.ok() && cut.value().size() == whole.value().size(), "a whole body reads the same when said to be cut");
        for (const MultipartPart& part : whole.value()) {
            fuzz::require(part.complete, "a whole body has only complete parts");
            fuzz::require(part.body.size() <= body.size(), "a part lies inside the body");
        }
    } else {
        fuzz::require(!whole.error().text().empty(), "a refusal says why");
    }
    const PostedForm form = read_posted_form(content_type, body);
    fuzz::require(form.problem.empty() || (form.fields.empty() && form.files.empty()), "a form reads or says why");
    return 0;
}
