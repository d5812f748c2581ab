// image_cache.cpp — see image_cache.hpp.
#include "core/image/image_cache.hpp"

#include "core/base/file.hpp"
#include "core/image/image_refs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace lotsen {

namespace {

namespace fs = std::filesystem;

bool is_image_name(const std::string& name)
{
    if (name.size() != 64 + 4)
        return false;
    for (std::size_t i = 0; i < 64; ++i) {
        const char c = name[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    const std::string extension = name.substr(64);
    return extension == ".png" || extension == ".jpg";
}

}  // namespace

Result<ImageFolder> ImageFolder::open(const std::string& directory)
{
    std::error_code ec;
    fs::create_directories(directory, ec);
    if (ec)
        return Error{directory + ": cannot create: " + ec.message(), "images"};
    return ImageFolder(directory);
}

std::string ImageFolder::path_of(const ImageRef& image) const
{
    return m_directory + "/" + image_file_name(image);
}

bool ImageFolder::has(const ImageRef& image) const
{
    struct stat info {};
    return ::stat(path_of(image).c_str(), &info) == 0 && S_ISREG(info.st_mode) && info.st_size == image.bytes;
}

Result<void> ImageFolder::add(const ImageRef& image, const std::string& verified_file)
{
    const std::string target = path_of(image);
    if (::rename(verified_file.c_str(), target.c_str()) != 0)
        return Error{verified_file + " → " + target + ": " + errno_text(), "images"};
    // A file lost to a power cut is fetched again, so the folder is not synced here.
    touch(image);
    return success();
}

void ImageFolder::touch(const ImageRef& image) const
{
    ::utimensat(AT_FDCWD, path_of(image).c_str(), nullptr, 0);
}

std::uint64_t ImageFolder::used_bytes() const
{
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_directory, ec)) {
        std::error_code size_error;
        if (entry.is_regular_file(size_error))
            total += entry.file_size(size_error);
    }
    return total;
}

ImageFolder::Eviction ImageFolder::enforce_budget(std::uint64_t budget_bytes,
                                                  const std::unordered_set<std::string>& referenced) const
{
    struct Candidate {
        std::string name;
        std::uint64_t bytes = 0;
        bool referenced = false;
        struct timespec used {};
    };
    Eviction eviction;
    std::vector<Candidate> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_directory, ec)) {
        const std::string name = entry.path().filename().string();
        struct stat info {};
        if (::lstat(entry.path().c_str(), &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        if (!is_image_name(name)) {
            if (::unlink(entry.path().c_str()) == 0)
                eviction.removed.push_back(name);
            continue;
        }
        files.push_back({name, static_cast<std::uint64_t>(info.st_size), referenced.contains(name.substr(0, 64)),
                         info.st_mtim});
    }
    std::uint64_t total = 0;
    for (const Candidate& file : files)
        total += file.bytes;
    // Unreferenced before referenced; within each, least recently used first.
    std::sort(files.begin(), files.end(), [](const Candidate& a, const Candidate& b) {
        if (a.referenced != b.referenced)
            return !a.referenced;
        if (a.used.tv_sec != b.used.tv_sec)
            return a.used.tv_sec < b.used.tv_sec;
        if (a.used.tv_nsec != b.used.tv_nsec)
            return a.used.tv_nsec < b.used.tv_nsec;
        return a.name < b.name;
    });
    for (const Candidate& file : files) {
        if (total <= budget_bytes)
            break;
        if (::unlink((m_directory + "/" + file.name).c_str()) == 0) {
            total -= file.bytes;
            eviction.removed.push_back(file.name);
        }
    }
    eviction.bytes_after = total;
    return eviction;
}

}  // namespace lotsen
