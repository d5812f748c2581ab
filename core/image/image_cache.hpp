// image_cache.hpp — the kiosk's folder of catalogue images (DATA_DIR/images): verified files named
// by their SHA-256, kept within a disk budget. What the current catalogue no longer references goes
// first, then the least recently used (a file's modification time is its last use: the decoder
// touches it). Plain files only; the update thread writes here, the decoder thread reads.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace lotsen {

/// DATA_DIR/images for `data_dir`.
inline std::string images_dir(const std::string& data_dir)
{
    return data_dir + "/images";
}

/// DATA_DIR/images and what is in it.
class ImageFolder {
public:
    /// The folder `directory` (created when missing).
    static Result<ImageFolder> open(const std::string& directory);

    /// Where `image` is kept (whether or not it is there).
    std::string path_of(const ImageRef& image) const;
    /// True when the file is there with the referenced size (its hash was checked when it came).
    bool has(const ImageRef& image) const;
    /// Moves `verified_file` (same file system, its hash already checked) in as `image`.
    Result<void> add(const ImageRef& image, const std::string& verified_file);
    /// Marks `image` as used now (its modification time), so budget eviction takes it last.
    void touch(const ImageRef& image) const;

    /// Bytes of every image file in the folder.
    std::uint64_t used_bytes() const;

    /// What enforce_budget removed.
    struct Eviction {
        std::vector<std::string> removed;  ///< file names, in the order removed
        std::uint64_t bytes_after = 0;     ///< bytes left in the folder
    };
    /// Removes files until the folder holds at most `budget_bytes`: first those whose SHA-256 is not
    /// in `referenced`, oldest first, then referenced ones, least recently used first. Files not
    /// named like an image ("<64 hex>.png|.jpg"), e.g. a half-written one, are removed whatever the
    /// budget.
    Eviction enforce_budget(std::uint64_t budget_bytes, const std::unordered_set<std::string>& referenced) const;

    const std::string& directory() const { return m_directory; }

private:
    explicit ImageFolder(std::string directory) : m_directory(std::move(directory)) {}
    std::string m_directory;
};

}  // namespace lotsen
