// multipart.hpp — the office's reader of multipart/form-data bodies (RFC 7578), the forms that carry a
// picture: the boundary from the Content-Type, each part's name, filename and Content-Type from its
// headers, its bytes. Everything here is untrusted: sizes are bounded, a malformed body is refused
// with what was wrong and where, and nothing is ever read past the body. Pure functions, fuzzed by
// tests/fuzz/fuzz_multipart.cpp.
#pragma once

#include "core/base/result.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::hub::office {

/// One part of a multipart body.
struct MultipartPart {
    std::string name;                     ///< Content-Disposition's name
    std::optional<std::string> filename;  ///< present for a file field ("" when no file was chosen)
    std::string content_type;             ///< as the browser declared it; never trusted for what a file is
    std::string body;
    bool complete = true;  ///< false: the body was cut short inside this part (the last one)
};

/// Bounds on what a body may hold (the body's own size is bounded by whoever read it).
struct MultipartLimits {
    std::size_t max_parts = 1000;         ///< an activity form has about 120 fields
    std::size_t max_header_bytes = 8192;  ///< one part's header block
};

/// The boundary of a `multipart/form-data; boundary=…` Content-Type (quoted or not, 1–70
/// characters); an error saying why for any other type or a missing or bad boundary.
Result<std::string> multipart_boundary(std::string_view content_type);

/// The parts of `body` in order, duplicates kept. `cut_short`: the reader stopped taking bytes at
/// its limit, so the last part may be unterminated — it is kept with complete = false instead of
/// refusing the body. Refused, saying what and at which byte: no opening boundary, a part without
/// its header end (CR LF CR LF), a header block over the limit, a part without a form-data
/// Content-Disposition or name, too many parts, an unterminated body that was not cut short.
Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary, bool cut_short = false,
                                                   const MultipartLimits& limits = {});

/// A file a form carried.
struct UploadedFile {
    std::string filename;
    std::string bytes;
    bool complete = true;  ///< false: larger than the office accepts, cut short
};

/// A posted form, url-encoded or multipart, as a page reads it: text fields (a name given twice
/// keeps its first value, as parse_form does) and files (a file field with no file chosen is left
/// out; a name given twice keeps its first file).
struct PostedForm {
    std::map<std::string, std::string> fields;
    std::map<std::string, UploadedFile> files;
    bool cut_short = false;  ///< the body was larger than the office takes
    std::string problem;     ///< a multipart body that could not be read: why ("" when it could)
};

/// Reads a POST body by its Content-Type: multipart/form-data through parse_multipart, anything else
/// as application/x-www-form-urlencoded (web.hpp's parse_form).
PostedForm read_posted_form(std::string_view content_type, std::string_view body, bool cut_short = false);

}  // namespace lotsen::hub::office
