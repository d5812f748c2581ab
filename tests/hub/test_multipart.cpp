// multipart/form-data as the office reads it (hub/office/multipart.hpp): what browsers send, and
// malformed, hostile and cut-short bodies — each refused with what was wrong, or read as far as it
// honestly can be.
#include "hub/office/multipart.hpp"

#include <gtest/gtest.h>

namespace lotsen::hub::office {
namespace {

const std::string k_boundary = "----WebKitFormBoundaryQ7mWx2bTz";

std::string part(const std::string& disposition, const std::string& content, const std::string& type = "")
{
    return "--" + k_boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n" +
           (type.empty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + content + "\r\n";
}

std::string closing()
{
    return "--" + k_boundary + "--\r\n";
}

TEST(Multipart, BoundaryComesFromTheContentType)
{
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + k_boundary).value(), k_boundary);
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c\"").value(), "a b:c");
    EXPECT_FALSE(multipart_boundary("multipart/form-data").ok());
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").ok());
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unclosed").ok());
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')).ok());
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=semi\x01colon").ok());
    EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc").ok());
    EXPECT_NE(multipart_boundary("text/plain").error().text().find("not multipart/form-data"), std::string::npos);
}

TEST(Multipart, ReadsFieldsAndAFileAsABrowserSendsThem)
{
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "\r\n--not-the-boundary\r\n" + std::string("\0\r\n", 3);
    const std::string body = "preamble to ignore\r\n" + part("name=\"csrf\"", "tok") + part("name=\"title_sv\"", "Stick\r\ncafé") +
                             part("name=\"image_file\"; filename=\"bild.png\"", png, "image/png") + part("name=\"empty\"", "") +
                             closing() + "epilogue";
    auto parts = parse_multipart(body, k_boundary);
    ASSERT_TRUE(parts.ok()) << parts.error().text();
    ASSERT_EQ(parts.value().size(), 4u);
    EXPECT_EQ(parts.value()[0].name, "csrf");
    EXPECT_EQ(parts.value()[0].body, "tok");
    EXPECT_FALSE(parts.value()[0].filename);
    EXPECT_EQ(parts.value()[1].body, "Stick\r\ncafé");
    EXPECT_EQ(parts.value()[2].filename.value_or(""), "bild.png");
    EXPECT_EQ(parts.value()[2].content_type, "image/png");
    EXPECT_EQ(parts.value()[2].body, png);  // binary, CR LF and a boundary-like line inside kept exactly
    EXPECT_EQ(parts.value()[3].body, "");
}

TEST(Multipart, ALookalikeOfTheBoundaryInsideContentIsContent)
{
    // "\r\n--BOUNDARYx" is not a boundary line: the boundary must be followed by CR LF or "--".
    const std::string tricky = "a\r\n--" + k_boundary + "x\r\nb";
    auto parts = parse_multipart(part("name=\"t\"", tricky) + closing(), k_boundary);
    ASSERT_TRUE(parts.ok()) << parts.error().text();
    ASSERT_EQ(parts.value().size(), 1u);
    EXPECT_EQ(parts.value()[0].body, tricky);
}

TEST(Multipart, QuotedNamesKeepTheirEscapesAndSemicolons)
{
    auto parts = parse_multipart(part("name=\"a;b\\\"c\"; filename=\"x\\\\y.jpg\"", "1") + closing(), k_boundary);
    ASSERT_TRUE(parts.ok()) << parts.error().text();
    EXPECT_EQ(parts.value()[0].name, "a;b\"c");
    EXPECT_EQ(parts.value()[0].filename.value_or(""), "x\\y.jpg");
}

TEST(Multipart, MalformedBodiesAreRefusedSayingWhatAndWhere)
{
    const auto refused = [](const std::string& body) {
        auto parts = parse_multipart(body, k_boundary);
        return parts.ok() ? std::string() : parts.error().text();
    };
    EXPECT_NE(refused("no boundary at all").find("no opening boundary"), std::string::npos);
    EXPECT_NE(refused("").find("no opening boundary"), std::string::npos);
    // Unterminated: the last part never reaches a boundary.
    EXPECT_NE(refused("--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc").find("not ended by a boundary"),
              std::string::npos);
    // Headers never end.
    EXPECT_NE(refused("--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n").find("not ended by an empty line"),
              std::string::npos);
    // Huge headers: refused at the limit, whatever follows.
    const std::string huge = "--" + k_boundary + "\r\nX-Pad: " + std::string(20000, 'x') + "\r\n\r\n\r\n" + closing();
    EXPECT_NE(refused(huge).find("longer than 8192 bytes"), std::string::npos);
    // LF-only lines are not CR LF: the boundary line is not ended properly.
    EXPECT_NE(refused("--" + k_boundary + "\nContent-Disposition: form-data; name=\"a\"\n\nx\n--" + k_boundary + "--\n")
                  .find("not ended by CR LF"),
              std::string::npos);
    // A part without a name, or not form-data, or with a broken header line.
    EXPECT_NE(refused(part("filename=\"x\"", "1") + closing()).find("without a name"), std::string::npos);
    EXPECT_NE(refused("--" + k_boundary + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n" + closing()).find("form-data"),
              std::string::npos);
    EXPECT_NE(refused("--" + k_boundary + "\r\nno colon here\r\n\r\n1\r\n" + closing()).find("without a name and ':'"), std::string::npos);
    EXPECT_NE(refused("--" + k_boundary + "\r\n\r\n1\r\n" + closing()).find("no Content-Disposition"), std::string::npos);
    EXPECT_NE(refused("--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n" + closing()).find("form-data"),
              std::string::npos);
    // Every refusal names the byte it is at.
    EXPECT_NE(refused(part("filename=\"x\"", "1") + closing()).find("at byte"), std::string::npos);
}

TEST(Multipart, TooManyPartsAreRefused)
{
    std::string body;
    for (int i = 0; i < 20; ++i)
        body += part("name=\"f" + std::to_string(i) + "\"", "v");
    MultipartLimits limits;
    limits.max_parts = 10;
    auto parts = parse_multipart(body + closing(), k_boundary, false, limits);
    ASSERT_FALSE(parts.ok());
    EXPECT_NE(parts.error().text().find("more than 10 parts"), std::string::npos);
}

TEST(Multipart, ABodyCutShortKeepsEverythingBeforeTheCut)
{
    const std::string full = part("name=\"csrf\"", "tok") + part("name=\"title_sv\"", "Schack") +
                             part("name=\"logo_file\"; filename=\"stor.jpg\"", std::string(5000, 'j'), "image/jpeg") + closing();
    const std::string cut = full.substr(0, full.find("jjjj") + 100);
    EXPECT_FALSE(parse_multipart(cut, k_boundary).ok());  // not told it was cut: refused
    auto parts = parse_multipart(cut, k_boundary, true);
    ASSERT_TRUE(parts.ok()) << parts.error().text();
    ASSERT_EQ(parts.value().size(), 3u);
    EXPECT_TRUE(parts.value()[1].complete);
    EXPECT_FALSE(parts.value()[2].complete);
    EXPECT_EQ(parts.value()[2].body.size(), 100u);
    // Cut inside a part's headers: that part never started.
    auto in_headers = parse_multipart(full.substr(0, full.find("filename")), k_boundary, true);
    ASSERT_TRUE(in_headers.ok()) << in_headers.error().text();
    EXPECT_EQ(in_headers.value().size(), 2u);
}

TEST(Multipart, APostedFormKeepsTheFirstOfDuplicatesAndLeavesOutAnEmptyFileField)
{
    const std::string type = "multipart/form-data; boundary=" + k_boundary;
    const std::string body = part("name=\"csrf\"", "first") + part("name=\"csrf\"", "second") +
                             part("name=\"image_file\"; filename=\"\"", "", "application/octet-stream") +
                             part("name=\"logo_file\"; filename=\"a.png\"", "A", "image/png") +
                             part("name=\"logo_file\"; filename=\"b.png\"", "B", "image/png") +
                             part("name=\"about\"", "one\r\ntwo") + closing();
    const PostedForm form = read_posted_form(type, body);
    EXPECT_EQ(form.problem, "");
    EXPECT_EQ(form.fields.at("csrf"), "first");
    EXPECT_EQ(form.fields.at("about"), "one\ntwo");  // a textarea's CR LF, as the catalogue keeps it
    EXPECT_EQ(form.files.count("image_file"), 0u);
    EXPECT_EQ(form.files.at("logo_file").filename, "a.png");
    EXPECT_EQ(form.files.at("logo_file").bytes, "A");

    // The same form url-encoded still reads; a broken multipart body says why.
    EXPECT_EQ(read_posted_form("application/x-www-form-urlencoded", "csrf=x&csrf=y").fields.at("csrf"), "x");
    EXPECT_EQ(read_posted_form("", "a=1").fields.at("a"), "1");
    EXPECT_NE(read_posted_form("multipart/form-data", "x").problem.find("no boundary"), std::string::npos);
    EXPECT_NE(read_posted_form(type, "garbage").problem.find("no opening boundary"), std::string::npos);
    EXPECT_TRUE(read_posted_form(type, "garbage").fields.empty());
}

}  // namespace
}  // namespace lotsen::hub::office
