// image_refs.cpp — see image_refs.hpp.
#include "core/image/image_refs.hpp"

#include "core/base/file.hpp"
#include "core/image/image_probe.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <unordered_set>

namespace lotsen {

namespace {

// Resolves one image; appends problems at `where` (the image's JSON path).
void resolve_one(ImageRef& image, const std::string& source_dir, const std::string& where,
                 std::vector<CatalogueProblem>& problems)
{
    if (image.file.empty())
        return;  // a published reference: nothing beside the source to check
    const std::string path = source_dir.empty() ? image.file : source_dir + "/" + image.file;
    auto bytes = read_image_file(path);
    if (!bytes) {
        problems.push_back({where + ".file", bytes.error().text()});
        return;
    }
    auto header = probe_image(bytes.value());
    if (!header) {
        problems.push_back({where + ".file", path + ": " + header.error().text()});
        return;
    }
    ImageRef found;
    found.file = image.file;
    found.sha256 = sha256_hex(bytes.value());
    found.bytes = static_cast<std::int64_t>(bytes.value().size());
    found.width = header.value().width;
    found.height = header.value().height;
    found.type = std::string(image_type_name(header.value().type));
    if (image.resolved()) {
        const auto differs = [&](const std::string& member, const std::string& written, const std::string& actual) {
            if (written != actual)
                problems.push_back({where + "." + member, "is " + written + ", but " + path + " has " + actual});
        };
        differs("sha256", image.sha256, found.sha256);
        differs("bytes", std::to_string(image.bytes), std::to_string(found.bytes));
        differs("width", std::to_string(image.width), std::to_string(found.width));
        differs("height", std::to_string(image.height), std::to_string(found.height));
        differs("type", image.type, found.type);
    }
    image = std::move(found);
}

}  // namespace

Result<std::string> read_image_file(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{path + ": " + errno_text()};
    struct stat info {};
    std::string bytes;
    std::string problem;
    if (::fstat(fd, &info) != 0)
        problem = errno_text();
    else if (!S_ISREG(info.st_mode))
        problem = "not a regular file";
    else if (info.st_size > k_max_image_bytes)
        problem = std::to_string(info.st_size) + " bytes, more than the limit of " + std::to_string(k_max_image_bytes) +
                  " for an image";
    else {
        // One byte more than the size: a file that grew meanwhile is still caught by the limit.
        bytes.resize(static_cast<std::size_t>(info.st_size) + 1);
        std::size_t have = 0;
        while (have < bytes.size()) {
            const ssize_t n = ::read(fd, bytes.data() + have, bytes.size() - have);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                problem = errno_text();
                break;
            }
            if (n == 0)
                break;
            have += static_cast<std::size_t>(n);
        }
        bytes.resize(have);
        if (problem.empty() && have > static_cast<std::size_t>(k_max_image_bytes))
            problem = "grew past the limit of " + std::to_string(k_max_image_bytes) + " bytes while it was read";
    }
    ::close(fd);
    if (!problem.empty())
        return Error{path + ": " + problem};
    return bytes;
}

std::string sha256_hex(std::string_view bytes)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(sizeof hash * 2);
    for (unsigned char byte : hash) {
        hex += k_digits[byte >> 4];
        hex += k_digits[byte & 0x0F];
    }
    return hex;
}

std::vector<CatalogueProblem> resolve_image_file(ImageRef& image, const std::string& source_dir, const std::string& where)
{
    std::vector<CatalogueProblem> problems;
    ImageRef resolved = image;
    resolve_one(resolved, source_dir, where, problems);
    if (problems.empty())
        image = std::move(resolved);
    return problems;
}

std::vector<CatalogueProblem> resolve_image_files(Catalogue& catalogue, const std::string& source_dir)
{
    std::vector<CatalogueProblem> problems;
    Catalogue resolved = catalogue;
    for (std::size_t i = 0; i < resolved.organisations.size(); ++i) {
        if (auto& logo = resolved.organisations[i].logo)
            resolve_one(*logo, source_dir, "$.organisations[" + std::to_string(i) + "].logo", problems);
    }
    for (std::size_t i = 0; i < resolved.activities.size(); ++i) {
        if (auto& image = resolved.activities[i].image)
            resolve_one(*image, source_dir, "$.activities[" + std::to_string(i) + "].image", problems);
    }
    if (problems.empty())
        catalogue = std::move(resolved);
    return problems;
}

std::vector<ImageRef> referenced_images(const Catalogue& catalogue)
{
    std::vector<ImageRef> images;
    std::unordered_set<std::string> seen;
    const auto add = [&](const std::optional<ImageRef>& image) {
        if (image && image->resolved() && seen.insert(image->sha256).second)
            images.push_back(*image);
    };
    for (const Organisation& organisation : catalogue.organisations)
        add(organisation.logo);
    for (const Activity& activity : catalogue.activities)
        add(activity.image);
    return images;
}

std::string image_file_name(const ImageRef& image)
{
    return image.sha256 + (image.type == "png" ? ".png" : ".jpg");
}

}  // namespace lotsen
