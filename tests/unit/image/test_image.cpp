// test_image.cpp — core/image: headers read and limits held before any decoder runs, PNG and JPEG
// decoded scaled to a box, garbage refused without a crash, the files a catalogue names resolved
// beside it, and the kiosk's image folder evicting unreferenced files first, then the least recently
// used.
#include "core/catalogue/catalogue_json.hpp"
#include "core/image/image_cache.hpp"
#include "core/image/image_decode.hpp"
#include "core/image/image_probe.hpp"
#include "core/image/image_refs.hpp"
#include "tests/common/files.hpp"
#include "tests/common/test_images.hpp"

#include <gtest/gtest.h>

#include <cstdio>  // jpeglib.h needs FILE first
#include <jpeglib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;

namespace {

// A real JPEG from libjpeg's encoder: `width` x `height`, one colour.
std::string make_jpeg(int width, int height, std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    jpeg_compress_struct info{};
    jpeg_error_mgr error{};
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 95, TRUE);
    jpeg_start_compress(&info, TRUE);
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
    for (int x = 0; x < width; ++x) {
        row[static_cast<std::size_t>(x) * 3] = r;
        row[static_cast<std::size_t>(x) * 3 + 1] = g;
        row[static_cast<std::size_t>(x) * 3 + 2] = b;
    }
    while (info.next_scanline < info.image_height) {
        JSAMPROW line = row.data();
        jpeg_write_scanlines(&info, &line, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string bytes(reinterpret_cast<const char*>(buffer), size);
    std::free(buffer);
    return bytes;
}

}  // namespace

TEST(ImageProbe, ReadsPngAndJpegHeaders)
{
    const auto png = probe_image(make_png(40, 30, 10, 20, 30));
    ASSERT_TRUE(png) << png.error().text();
    EXPECT_EQ(png.value(), (ImageHeader{ImageType::png, 40, 30}));
    const auto jpeg = probe_image(make_jpeg(64, 48, 200, 100, 50));
    ASSERT_TRUE(jpeg) << jpeg.error().text();
    EXPECT_EQ(jpeg.value(), (ImageHeader{ImageType::jpeg, 64, 48}));
}

TEST(ImageProbe, RefusesWhatIsNotAnImageOrIsTooLargeBeforeDecoding)
{
    EXPECT_EQ(probe_image("GIF89a....").error().text(), "not a PNG or JPEG file");
    EXPECT_EQ(probe_image("").error().text(), "not a PNG or JPEG file");
    EXPECT_EQ(probe_image(png_header_only(5000, 10)).error().text(),
              "a PNG of 5000 x 10 pixels, more than the limit of 4096 on a side");
    EXPECT_EQ(probe_image(png_header_only(0, 10)).error().text(), "an image of 0 x 10 pixels");
    // Bytes are counted first: a file over the limit is refused whatever it holds.
    std::string big = make_png(4, 4, 0, 0, 0);
    big.resize(static_cast<std::size_t>(k_max_image_bytes) + 1, '\0');
    EXPECT_EQ(probe_image(big).error().text(), "2097153 bytes, more than the limit of 2097152 for an image");
    // A JPEG whose frame header claims 60000 x 60000: refused from the header, nothing allocated.
    std::string jpeg = make_jpeg(16, 16, 1, 2, 3);
    const std::size_t sof = jpeg.find("\xFF\xC0", 2);
    ASSERT_NE(sof, std::string::npos);
    jpeg[sof + 5] = static_cast<char>(0xEA);
    jpeg[sof + 6] = static_cast<char>(0x60);
    EXPECT_NE(probe_image(jpeg).error().text().find("more than the limit of 4096 on a side"), std::string::npos);
    // Cut short anywhere: a message, never a crash.
    const std::string whole = make_jpeg(16, 16, 1, 2, 3);
    for (std::size_t cut = 0; cut < 40; ++cut)
        (void)probe_image(std::string_view(whole).substr(0, cut));
}

TEST(ImageDecode, ScalesToTheBoxKeepingProportionsAndColour)
{
    const auto png = decode_image(make_png(100, 50, 200, 40, 10), 20, 20);
    ASSERT_TRUE(png) << png.error().text();
    EXPECT_EQ(png.value().width, 20);
    EXPECT_EQ(png.value().height, 10);
    ASSERT_EQ(png.value().rgba.size(), 20u * 10u * 4u);
    const std::uint8_t* middle = &png.value().rgba[(5 * 20 + 10) * 4];
    EXPECT_EQ(middle[0], 200);
    EXPECT_EQ(middle[1], 40);
    EXPECT_EQ(middle[2], 10);
    EXPECT_EQ(middle[3], 255);

    const auto jpeg = decode_image(make_jpeg(256, 128, 30, 160, 220), 40, 40);
    ASSERT_TRUE(jpeg) << jpeg.error().text();
    EXPECT_EQ(jpeg.value().width, 40);
    EXPECT_EQ(jpeg.value().height, 20);
    const std::uint8_t* pixel = &jpeg.value().rgba[(10 * 40 + 20) * 4];
    EXPECT_NEAR(pixel[0], 30, 4);
    EXPECT_NEAR(pixel[1], 160, 4);
    EXPECT_NEAR(pixel[2], 220, 4);

    // Smaller than the box: never enlarged.
    const auto small = decode_image(make_png(8, 6, 1, 2, 3), 100, 100);
    ASSERT_TRUE(small);
    EXPECT_EQ(small.value().width, 8);
    EXPECT_EQ(small.value().height, 6);
}

TEST(ImageDecode, RefusesDamagedFilesWithAMessage)
{
    const std::string png = make_png(64, 64, 9, 9, 9);
    const auto cut = decode_image(std::string_view(png).substr(0, png.size() - 30), 32, 32);
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().text().rfind("PNG: ", 0), 0u) << cut.error().text();
    std::string jpeg = make_jpeg(64, 64, 9, 9, 9);
    const auto jpeg_cut = decode_image(std::string_view(jpeg).substr(0, 200), 32, 32);
    EXPECT_FALSE(jpeg_cut);
    EXPECT_FALSE(decode_image(png_header_only(4096, 4096), 32, 32));
    EXPECT_EQ(fit_inside(4000, 1000, 400, 400), (std::pair<int, int>{400, 100}));
    EXPECT_EQ(fit_inside(1000, 4000, 400, 400), (std::pair<int, int>{100, 400}));
    EXPECT_EQ(fit_inside(3000, 1, 30, 30), (std::pair<int, int>{30, 1}));
}

class ImageFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() /
                ("lotsen-images-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST(CatalogueImages, ReaderTakesAFileOrAWholeReferenceAndChecksEachMember)
{
    const std::string base = R"({"format": "lotsen-catalogue", "format_version": 1, "format_minor": 2, "version": 1,
      "organisations": [{"id": "o", "name": {"sv": "O"}, "municipality": "Laholm", "logo": LOGO}],
      "activities": [{"id": "a", "organisation": "o", "title": {"sv": "A"}, "interests": ["talk"],
        "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "11:00"}]},
        "place": {"address": "Torget 1", "town": "Laholm"}, "image": IMAGE}]})";
    const auto with = [&](const std::string& logo, const std::string& image) {
        std::string text = base;
        text.replace(text.find("LOGO"), 4, logo);
        text.replace(text.find("IMAGE"), 5, image);
        return parse_catalogue_json(text);
    };
    const std::string hash(64, 'a');
    const auto ok = with(R"({"file": "images/logo.png"})", R"({"sha256": ")" + hash +
                                                              R"(", "bytes": 1200, "width": 640, "height": 480, "type": "jpeg"})");
    ASSERT_TRUE(ok.ok()) << ok.summary();
    EXPECT_EQ(ok.catalogue->organisations[0].logo, (ImageRef{"images/logo.png", "", 0, 0, 0, ""}));
    EXPECT_EQ(ok.catalogue->activities[0].image, (ImageRef{"", hash, 1200, 640, 480, "jpeg"}));
    // Written back as read, with the minor that has images.
    EXPECT_EQ(catalogue_format_minor_needed(*ok.catalogue), 2);
    const auto again = parse_catalogue_json(catalogue_to_json(*ok.catalogue));
    ASSERT_TRUE(again.ok()) << again.summary();
    EXPECT_EQ(*again.catalogue, *ok.catalogue);

    const auto bad = with(R"({"file": "../secret.png"})", R"({"sha256": "xyz", "bytes": 3000000, "width": 5000,
        "height": 2, "type": "gif"})");
    EXPECT_EQ(bad.summary(),
              "$.organisations[0].logo.file: \"../secret.png\" is not a file name beside the catalogue (letters, digits, "
              "'.', '_', '-' and '/', at most 100 bytes, no part starting with '.')\n"
              "$.activities[0].image.sha256: \"xyz\" is not a SHA-256 of 64 lowercase hexadecimal digits\n"
              "$.activities[0].image.bytes: 3000000 is not between 1 and 2097152\n"
              "$.activities[0].image.width: 5000 is not between 1 and 4096\n"
              "$.activities[0].image.type: \"gif\" is not an image type (png, jpeg)");
    const auto partial = with(R"({})", R"({"sha256": ")" + hash + R"("})");
    EXPECT_EQ(partial.summary(),
              "$.organisations[0].logo: names no image: give \"file\" (a file beside the catalogue) or \"sha256\" with "
              "\"bytes\", \"width\", \"height\" and \"type\"\n"
              "$.activities[0].image.bytes: required field is missing\n"
              "$.activities[0].image.width: required field is missing\n"
              "$.activities[0].image.height: required field is missing\n"
              "$.activities[0].image.type: required field is missing");
}

TEST_F(ImageFiles, ResolvingFillsInHashesAndSizesOrNamesEveryProblem)
{
    const std::string png = make_png(30, 20, 5, 6, 7);
    write_file(m_dir / "logo.png", png);
    write_file(m_dir / "notes.txt", "not a picture");
    Catalogue catalogue;
    Organisation organisation;
    organisation.logo = ImageRef{"logo.png", {}, 0, 0, 0, {}};
    catalogue.organisations.push_back(organisation);
    Activity walk;
    walk.image = ImageRef{"notes.txt", {}, 0, 0, 0, {}};
    Activity choir;
    choir.image = ImageRef{"missing.png", {}, 0, 0, 0, {}};
    catalogue.activities = {walk, choir};
    Catalogue broken = catalogue;
    const auto problems = resolve_image_files(broken, m_dir.string());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].to_string(), "$.activities[0].image.file: " + (m_dir / "notes.txt").string() + ": not a PNG or JPEG file");
    EXPECT_EQ(problems[1].to_string(),
              "$.activities[1].image.file: " + (m_dir / "missing.png").string() + ": No such file or directory");
    EXPECT_EQ(broken, catalogue);  // unchanged when anything is wrong

    catalogue.activities.clear();
    ASSERT_TRUE(resolve_image_files(catalogue, m_dir.string()).empty());
    EXPECT_EQ(catalogue.organisations[0].logo, (ImageRef{"logo.png", sha256_hex(png), static_cast<std::int64_t>(png.size()), 30, 20, "png"}));
    EXPECT_EQ(referenced_images(catalogue).size(), 1u);

    // Written sizes that do not match the file are named.
    catalogue.organisations[0].logo->width = 31;
    const auto mismatch = resolve_image_files(catalogue, m_dir.string());
    ASSERT_EQ(mismatch.size(), 1u);
    EXPECT_EQ(mismatch[0].to_string(), "$.organisations[0].logo.width: is 31, but " + (m_dir / "logo.png").string() + " has 30");
}

TEST_F(ImageFiles, FolderEvictsUnreferencedFirstThenLeastRecentlyUsed)
{
    auto folder = ImageFolder::open((m_dir / "images").string());
    ASSERT_TRUE(folder) << folder.error().text();
    std::vector<ImageRef> images;
    for (int i = 0; i < 4; ++i) {
        const std::string png = make_png(10, 10, 1, 2, 3, static_cast<std::uint8_t>(i));
        ImageRef image{"", sha256_hex(png), static_cast<std::int64_t>(png.size()), 10, 10, "png"};
        write_file(m_dir / "incoming", png);
        ASSERT_TRUE(folder.value().add(image, (m_dir / "incoming").string()));
        EXPECT_TRUE(folder.value().has(image));
        // Last used i minutes after an hour ago: image 0 the longest ago.
        const struct timespec times[2] = {{0, UTIME_OMIT}, {::time(nullptr) - 3600 + i * 60, 0}};
        ::utimensat(AT_FDCWD, folder.value().path_of(image).c_str(), times, 0);
        images.push_back(image);
    }
    write_file(m_dir / "images" / "half-written", "x");
    const std::uint64_t each = static_cast<std::uint64_t>(images[0].bytes);
    // Images 1, 2 and 3 are referenced; 0 is not. Room for two: 0 goes first although 1 is older than
    // 3, then 1 as the least recently used of the referenced.
    const auto eviction =
        folder.value().enforce_budget(2 * each + 2, {images[1].sha256, images[2].sha256, images[3].sha256});
    EXPECT_EQ(eviction.removed, (std::vector<std::string>{"half-written", image_file_name(images[0]),
                                                          image_file_name(images[1])}));
    EXPECT_EQ(eviction.bytes_after, 2 * each);
    EXPECT_TRUE(folder.value().has(images[2]));
    EXPECT_TRUE(folder.value().has(images[3]));
}
