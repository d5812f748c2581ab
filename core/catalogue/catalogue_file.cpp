// catalogue_file.cpp — loads a catalogue file: the size is checked before a byte is read, then the
// text goes to the JSON or the CSV reader by its name. Read failures become problems naming the path.
#include "core/catalogue/catalogue_file.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <exception>

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

}  // namespace

CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits,
                                         UnknownMembers unknown)
{
    const auto failure = [&path](std::string reason) {
        CatalogueParseResult result;
        result.problems.push_back(CatalogueProblem{path, std::move(reason)});
        return result;
    };
    try {
        const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (file.get() < 0)
            return failure("cannot open: " + errno_text());
        struct stat status {};
        if (::fstat(file.get(), &status) != 0)
            return failure("cannot read: " + errno_text());
        if (S_ISDIR(status.st_mode))
            return failure("cannot read: " + errno_text(EISDIR));
        // Check the size before reading a byte, so a huge file costs nothing. Pipes and the like
        // report no size; for them the limit is enforced while reading.
        const auto size = static_cast<std::size_t>(std::max<off_t>(status.st_size, 0));
        if (S_ISREG(status.st_mode) && size > limits.max_file_bytes)
            return failure(too_large(size, limits.max_file_bytes));

        std::string text;
        text.reserve(std::min(size, limits.max_file_bytes));
        std::array<char, 64 * 1024> buffer{};
        for (;;) {
            const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
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
        if (ends_with_csv(path))
            return parse_catalogue_csv(text, 1, limits);
        return parse_catalogue_json(text, limits, unknown);
    } catch (const std::exception& error) {
        return failure(std::string("cannot read: ") + error.what());
    }
}

}  // namespace lotsen
