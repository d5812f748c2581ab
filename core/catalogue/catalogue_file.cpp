// catalogue_file.cpp — loads a catalogue file: the size is checked before a byte is read, then the
// file goes to the JSON reader, which reads it a chunk at a time, or (by its name) whole to the CSV
// reader. Read failures become problems naming the path.
#include "core/catalogue/catalogue_file.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <exception>
#include <optional>
#include <utility>

namespace lotsen {

namespace {

bool ends_with_csv(const std::string& path)
{
    if (path.size() < 4)
        return false;
    std::string suffix = path.substr(path.size() - 4);
    for (char& c : suffix) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return suffix == ".csv";
}

/// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

std::string too_large(std::optional<std::size_t> size, std::size_t limit)
{
    if (!size)
        return "the file is larger than the limit of " + std::to_string(limit) + " bytes";
    return "the file is " + std::to_string(*size) + " bytes, more than the limit of " + std::to_string(limit) +
           " bytes";
}

// The file a chunk at a time, never more than `max_bytes` of it (a pipe has no size to check first).
class FileSource final : public CatalogueSource {
public:
    FileSource(int fd, std::string path, std::size_t max_bytes) : m_fd(fd), m_path(std::move(path)), m_max_bytes(max_bytes) {}

    Result<std::size_t> read(char* buffer, std::size_t size) override
    {
        for (;;) {
            const ssize_t got = ::read(m_fd, buffer, size);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                return Error{"cannot read: " + errno_text(), m_path};
            m_read += static_cast<std::size_t>(got);
            if (m_read > m_max_bytes) {
                m_too_large = true;
                return Error{too_large(std::nullopt, m_max_bytes), m_path};
            }
            return static_cast<std::size_t>(got);
        }
    }

    Result<void> rewind() override
    {
        if (::lseek(m_fd, 0, SEEK_SET) != 0)
            return Error{"cannot read it again: " + errno_text(), m_path};
        m_read = 0;
        return success();
    }

    /// True when reading stopped at the limit.
    bool too_large_seen() const { return m_too_large; }

private:
    int m_fd;
    std::string m_path;
    std::size_t m_max_bytes;
    std::size_t m_read = 0;
    bool m_too_large = false;
};

// An open catalogue file, or why it cannot be read.
struct OpenedFile {
    std::optional<FileDescriptor> file;
    std::string problem;  // empty when the file is open
};

OpenedFile open_checked(const std::string& path, const CatalogueLimits& limits)
{
    OpenedFile opened;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        opened.problem = "cannot open: " + errno_text();
        return opened;
    }
    opened.file.emplace(fd);
    struct stat status {};
    if (::fstat(fd, &status) != 0)
        opened.problem = "cannot read: " + errno_text();
    else if (S_ISDIR(status.st_mode))
        opened.problem = "cannot read: " + errno_text(EISDIR);
    // Check the size before reading a byte, so a huge file costs nothing. Pipes and the like report
    // no size; for them the limit is enforced while reading.
    else if (S_ISREG(status.st_mode) && static_cast<std::size_t>(std::max<off_t>(status.st_size, 0)) > limits.max_file_bytes)
        opened.problem = too_large(static_cast<std::size_t>(status.st_size), limits.max_file_bytes);
    return opened;
}

CatalogueStreamResult file_failure(const std::string& path, std::string reason)
{
    CatalogueStreamResult result;
    result.problems.push_back(CatalogueProblem{path, std::move(reason)});
    return result;
}

}  // namespace

CatalogueStreamResult stream_catalogue_file(const std::string& path, CatalogueSink& sink, const CatalogueLimits& limits,
                                            UnknownMembers unknown)
{
    try {
        if (ends_with_csv(path)) {
            // Spreadsheets are written by people and small; they are read whole, then handed on.
            CatalogueParseResult parsed = load_catalogue_file(path, limits, unknown);
            CatalogueStreamResult result;
            result.problems = std::move(parsed.problems);
            if (parsed.catalogue && result.problems.empty()) {
                if (Result<void> fed = feed_catalogue(*parsed.catalogue, sink); !fed)
                    result.sink_error = fed.error();
                result.version = parsed.catalogue->version;
                result.published = parsed.catalogue->published;
                result.activities = parsed.catalogue->activities.size();
            }
            return result;
        }
        OpenedFile opened = open_checked(path, limits);
        if (!opened.problem.empty())
            return file_failure(path, std::move(opened.problem));
        FileSource source(opened.file->get(), path, limits.max_file_bytes);
        CatalogueStreamResult result = stream_catalogue_json(source, sink, limits, unknown);
        if (source.too_large_seen())
            return file_failure(path, too_large(std::nullopt, limits.max_file_bytes));
        return result;
    } catch (const std::exception& error) {
        return file_failure(path, std::string("cannot read: ") + error.what());
    }
}

CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits,
                                         UnknownMembers unknown)
{
    const auto failure = [&path](std::string reason) {
        CatalogueParseResult result;
        result.problems.push_back(CatalogueProblem{path, std::move(reason)});
        return result;
    };
    try {
        OpenedFile opened = open_checked(path, limits);
        if (!opened.problem.empty())
            return failure(std::move(opened.problem));
        if (!ends_with_csv(path)) {
            FileSource source(opened.file->get(), path, limits.max_file_bytes);
            CatalogueParseResult result = read_catalogue_json(source, limits, unknown);
            if (source.too_large_seen())
                return failure(too_large(std::nullopt, limits.max_file_bytes));
            return result;
        }
        std::string text;
        std::array<char, 64 * 1024> buffer{};
        for (;;) {
            const ssize_t got = ::read(opened.file->get(), buffer.data(), buffer.size());
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return failure("cannot read: " + errno_text());
            }
            if (got == 0)
                break;
            text.append(buffer.data(), static_cast<std::size_t>(got));
            if (text.size() > limits.max_file_bytes)
                return failure(too_large(std::nullopt, limits.max_file_bytes));
        }
        return parse_catalogue_csv(text, 1, limits);
    } catch (const std::exception& error) {
        return failure(std::string("cannot read: ") + error.what());
    }
}

}  // namespace lotsen
