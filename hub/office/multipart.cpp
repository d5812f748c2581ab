// multipart.cpp — multipart/form-data (multipart.hpp). A body is `--B CRLF headers CRLF CRLF content`
// repeated, each content ended by `CRLF --B`, the last boundary followed by `--`. Only CR LF ends a
// line here, as every browser writes it; a lone LF is part of a header value or of the content.
#include "hub/office/multipart.hpp"

#include "hub/office/web.hpp"

#include <algorithm>

namespace lotsen::hub::office {

namespace {

constexpr std::size_t k_max_boundary = 70;  // RFC 2046

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_word(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// The media type and parameters of a header value: `type; a=1; b="two"`. A parameter named twice
// keeps its first value; a quoted value's backslash escapes the next character.
struct HeaderValue {
    std::string type;
    std::map<std::string, std::string> parameters;  // names lowercased
    bool well_formed = true;
};

HeaderValue parse_header_value(std::string_view value)
{
    HeaderValue out;
    const std::size_t semicolon = value.find(';');
    out.type = std::string(trim(value.substr(0, semicolon)));
    std::transform(out.type.begin(), out.type.end(), out.type.begin(), lower);
    std::size_t at = semicolon == std::string_view::npos ? value.size() : semicolon + 1;
    while (at < value.size()) {
        while (at < value.size() && (value[at] == ' ' || value[at] == '\t' || value[at] == ';'))
            ++at;
        if (at >= value.size())
            break;
        const std::size_t equals = value.find('=', at);
        if (equals == std::string_view::npos) {
            out.well_formed = false;
            break;
        }
        std::string name(trim(value.substr(at, equals - at)));
        std::transform(name.begin(), name.end(), name.begin(), lower);
        at = equals + 1;
        while (at < value.size() && (value[at] == ' ' || value[at] == '\t'))
            ++at;
        std::string parameter;
        if (at < value.size() && value[at] == '"') {
            ++at;
            bool closed = false;
            while (at < value.size()) {
                const char c = value[at++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && at < value.size())
                    parameter += value[at++];
                else
                    parameter += c;
            }
            if (!closed) {
                out.well_formed = false;
                break;
            }
        } else {
            const std::size_t end = std::min(value.find(';', at), value.size());
            parameter = std::string(trim(value.substr(at, end - at)));
            at = end;
        }
        out.parameters.emplace(std::move(name), std::move(parameter));
    }
    return out;
}

bool boundary_character(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

std::string at_byte(std::size_t offset)
{
    return " (at byte " + std::to_string(offset) + " of the body)";
}

// Reads one part's header block into `part`; "" or what was wrong.
std::string read_headers(std::string_view block, MultipartPart& part)
{
    bool disposition = false;
    std::size_t start = 0;
    while (start < block.size()) {
        const std::size_t end = std::min(block.find("\r\n", start), block.size());
        const std::string_view line = block.substr(start, end - start);
        start = end + 2;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return "a header line without a name and ':'";
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (same_word(name, "Content-Disposition")) {
            if (disposition)
                return "Content-Disposition given twice";
            disposition = true;
            const HeaderValue read = parse_header_value(value);
            if (!read.well_formed || read.type != "form-data")
                return "a Content-Disposition other than form-data with parameters";
            const auto named = read.parameters.find("name");
            if (named == read.parameters.end())
                return "a Content-Disposition without a name";
            part.name = named->second;
            if (const auto file = read.parameters.find("filename"); file != read.parameters.end())
                part.filename = file->second;
        } else if (same_word(name, "Content-Type")) {
            part.content_type = std::string(value);
        }
        // Other headers (Content-Transfer-Encoding is deprecated for forms) are ignored.
    }
    return disposition ? std::string() : std::string("no Content-Disposition");
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type)
{
    const HeaderValue read = parse_header_value(content_type);
    if (read.type != "multipart/form-data")
        return Error{"the body is not multipart/form-data"};
    if (!read.well_formed)
        return Error{"the Content-Type's parameters cannot be read"};
    const auto found = read.parameters.find("boundary");
    if (found == read.parameters.end())
        return Error{"the multipart/form-data Content-Type names no boundary"};
    const std::string& boundary = found->second;
    if (boundary.empty() || boundary.size() > k_max_boundary || boundary.back() == ' ' ||
        !std::all_of(boundary.begin(), boundary.end(), boundary_character))
        return Error{"the multipart boundary is not 1 to 70 of the characters RFC 2046 allows"};
    return boundary;
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary, bool cut_short,
                                                   const MultipartLimits& limits)
{
    const std::string dashes = "--" + std::string(boundary);
    const std::string delimiter = "\r\n" + dashes;
    std::vector<MultipartPart> parts;
    if (boundary.empty())
        return Error{"the multipart boundary is empty"};

    // The first boundary starts the body or follows a preamble (which is ignored).
    std::size_t at = 0;
    if (body.substr(0, dashes.size()) != dashes) {
        const std::size_t found = body.find(delimiter);
        if (found == std::string_view::npos)
            return Error{"the body has no opening boundary line"};
        at = found + 2;
    }
    for (;;) {
        std::size_t after = at + dashes.size();
        if (body.substr(after, 2) == "--")
            return parts;  // the closing boundary; an epilogue after it is ignored
        while (after < body.size() && (body[after] == ' ' || body[after] == '\t'))
            ++after;  // transport padding
        if (after >= body.size() && cut_short)
            return parts;
        if (body.substr(after, 2) != "\r\n")
            return Error{"a boundary line is not ended by CR LF" + at_byte(after)};
        const std::size_t headers_start = after + 2;
        if (parts.size() >= limits.max_parts)
            return Error{"the body has more than " + std::to_string(limits.max_parts) + " parts"};
        MultipartPart part;
        std::size_t content_start = 0;
        std::size_t headers_bytes = 0;
        if (body.substr(headers_start, 2) == "\r\n") {
            content_start = headers_start + 2;  // no headers at all: refused below for its missing name
        } else {
            const std::string_view window = body.substr(headers_start, limits.max_header_bytes + 4);
            const std::size_t end = window.find("\r\n\r\n");
            if (end == std::string_view::npos) {
                if (window.size() > limits.max_header_bytes)
                    return Error{"a part's headers are longer than " + std::to_string(limits.max_header_bytes) + " bytes" +
                                 at_byte(headers_start)};
                if (cut_short)
                    return parts;  // the body ended inside the headers: the part never started
                return Error{"a part's headers are not ended by an empty line (CR LF CR LF)" + at_byte(headers_start)};
            }
            content_start = headers_start + end + 4;
            headers_bytes = end;
        }
        const std::string problem = read_headers(body.substr(headers_start, headers_bytes), part);
        if (!problem.empty())
            return Error{"part " + std::to_string(parts.size() + 1) + ": " + problem + at_byte(headers_start)};

        // The content ends at the next delimiter that is a whole boundary line: followed by "--",
        // or padding and CR LF. The same characters followed by anything else are content.
        std::size_t search = content_start;
        std::size_t next = std::string_view::npos;
        while ((next = body.find(delimiter, search)) != std::string_view::npos) {
            std::size_t tail = next + delimiter.size();
            if (body.substr(tail, 2) == "--")
                break;
            while (tail < body.size() && (body[tail] == ' ' || body[tail] == '\t'))
                ++tail;
            if (body.substr(tail, 2) == "\r\n" || (tail >= body.size() && cut_short))
                break;
            search = next + 1;
        }
        if (next == std::string_view::npos) {
            if (!cut_short)
                return Error{"part " + std::to_string(parts.size() + 1) + " (\"" + part.name +
                             "\") is not ended by a boundary: the body is incomplete" + at_byte(content_start)};
            part.body = std::string(body.substr(content_start));
            part.complete = false;
            parts.push_back(std::move(part));
            return parts;
        }
        part.body = std::string(body.substr(content_start, next - content_start));
        parts.push_back(std::move(part));
        at = next + 2;
    }
}

PostedForm read_posted_form(std::string_view content_type, std::string_view body, bool cut_short)
{
    PostedForm form;
    form.cut_short = cut_short;
    if (!same_word(parse_header_value(content_type).type, "multipart/form-data")) {
        form.fields = parse_form(body);
        return form;
    }
    auto boundary = multipart_boundary(content_type);
    if (!boundary) {
        form.problem = boundary.error().text();
        return form;
    }
    auto parts = parse_multipart(body, boundary.value(), cut_short);
    if (!parts) {
        form.problem = parts.error().text();
        return form;
    }
    for (MultipartPart& part : parts.value()) {
        if (!part.filename) {
            if (part.complete)  // a text field cut short is not what was typed: left out
                form.fields.emplace(part.name, form_line_breaks(std::move(part.body)));
            continue;
        }
        if (part.filename->empty() && part.body.empty())
            continue;  // a file field with no file chosen
        form.files.emplace(part.name, UploadedFile{std::move(*part.filename), std::move(part.body), part.complete});
    }
    return form;
}

}  // namespace lotsen::hub::office
