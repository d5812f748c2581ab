// keys.cpp — writing and reading the hub's key files (see keys.hpp). Files are created with
// O_CREAT|O_EXCL and mode 0600, so an existing file is never truncated, even when two keygens race.
// Readers never create a key: a publisher key made up on the spot would sign manifests no kiosk trusts.
#include "hub/keys.hpp"

#include "core/base/file.hpp"
#include "core/wire/protocol.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace lotsen::hub {

namespace {

std::string join(const std::string& directory, const char* name)
{
    if (directory.empty() || directory.back() == '/')
        return directory + name;
    return directory + "/" + name;
}

bool exists(const std::string& path)
{
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0;
}

// Creates `path` exclusively with `mode` and writes `bytes`; on failure removes what it created.
// Not write_file_atomically: its rename would replace a key that a second keygen created meanwhile,
// where O_EXCL refuses. generate_keys syncs the folder once all four files are written.
Result<void> write_new_file(const std::string& path, std::span<const std::uint8_t> bytes, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return Error{path + ": cannot create: " + errno_text()};
    // The umask may have taken bits away, never added them; fchmod makes the mode exact.
    Result<void> written = success();
    if (::fchmod(fd, mode) != 0)
        written = Error{path + ": cannot set its mode: " + errno_text()};
    if (written)
        written = write_all(fd, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path);
    if (written && ::fsync(fd) != 0)
        written = Error{path + ": fsync failed: " + errno_text()};
    if (::close(fd) != 0 && written)
        written = Error{path + ": close failed: " + errno_text()};
    if (!written)
        ::unlink(path.c_str());
    return written;
}

Result<void> write_text_file(const std::string& path, const std::string& text, mode_t mode)
{
    return write_new_file(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), mode);
}

// Reads a secret key file of exactly `key.size()` raw bytes that only its owner may read into `key`.
template <std::size_t N>
Result<void> read_secret_file(const std::string& path, std::array<std::uint8_t, N>& key, const char* what,
                              const char* kind, const char* hint)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{path + ": cannot open " + what + ": " + errno_text()};
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{path + ": is not a regular file"};
    }
    // keygen writes each secret key beside its public half (NAME.key, NAME.pub); the .pub is base64
    // text that anyone may read, so it is named for what it is before any rule about modes.
    const std::string_view name = std::string_view(path).substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    if (name.size() > 4 && name.substr(name.size() - 4) == ".pub") {
        ::close(fd);
        const std::string secret = path.substr(0, path.size() - 4) + ".key";
        return Error{path + ": this is a public key; " + what + " is the secret half beside it, " + secret + " ("
                     + hint + ")"};
    }
    if ((info.st_mode & 0077) != 0) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(info.st_mode & 0777));
        return Error{path + ": others may read this secret key (mode " + mode + "); run chmod 600 on it first"};
    }
    std::array<std::uint8_t, N + 1> buffer{};  // one more than a key, to notice a longer file
    std::size_t total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        total += static_cast<std::size_t>(n);
        if (total == buffer.size())
            break;
    }
    ::close(fd);
    if (total != N) {
        sodium_memzero(buffer.data(), buffer.size());
        return Error{path + ": is not " + kind + " (" + std::to_string(N) + " raw bytes, " + hint + ")"};
    }
    std::memcpy(key.data(), buffer.data(), N);
    sodium_memzero(buffer.data(), buffer.size());
    return success();
}

}  // namespace

Result<GeneratedKeys> generate_keys(const std::string& directory)
{
    if (sodium_init() < 0)
        return Error{"keygen: libsodium could not be initialised"};
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
        // Made here, private (0700), as an operator naming a new folder for the keys expects.
        if (errno != ENOENT || ::mkdir(directory.c_str(), 0700) != 0)
            return Error{"keygen: cannot create the directory " + directory + ": " + errno_text()};
    } else if (!S_ISDIR(info.st_mode)) {
        return Error{"keygen: " + directory + " is not a directory"};
    }
    const std::string seal_secret = join(directory, k_seal_secret_file);
    const std::string seal_public = join(directory, k_seal_public_file);
    const std::string publisher_secret = join(directory, k_publisher_secret_file);
    const std::string publisher_public = join(directory, k_publisher_public_file);
    for (const std::string* path : {&seal_secret, &seal_public, &publisher_secret, &publisher_public}) {
        if (exists(*path))
            return Error{"keygen: " + *path + " already exists; keys are never overwritten (nothing was written)"};
    }

    SealKeyPair seal;
    crypto_box_keypair(seal.public_key.data(), seal.secret_key.data());
    protocol::SigningKeyPair publisher = protocol::generate_signing_key_pair();
    GeneratedKeys keys;
    keys.seal_public_base64 = protocol::to_base64(seal.public_key);
    keys.publisher_public_base64 = protocol::to_base64(publisher.public_key);

    std::vector<const std::string*> written;
    auto write_all_four = [&]() -> Result<void> {
        LOTSEN_TRY(write_new_file(seal_secret, seal.secret_key, 0600));
        written.push_back(&seal_secret);
        LOTSEN_TRY(write_text_file(seal_public, keys.seal_public_base64 + "\n", 0644));
        written.push_back(&seal_public);
        LOTSEN_TRY(write_new_file(publisher_secret, publisher.secret_key, 0600));
        written.push_back(&publisher_secret);
        LOTSEN_TRY(write_text_file(publisher_public, keys.publisher_public_base64 + "\n", 0644));
        written.push_back(&publisher_public);
        // New names survive a power cut only once the folder holding them is on disk.
        return fsync_directory(directory);
    };
    auto result = write_all_four();
    sodium_memzero(seal.secret_key.data(), seal.secret_key.size());
    sodium_memzero(publisher.secret_key.data(), publisher.secret_key.size());
    if (!result) {
        // A half-written set is worse than none: the next keygen would refuse to complete it.
        for (const std::string* path : written)
            ::unlink(path->c_str());
        return Error{"keygen: " + result.error().text()};
    }
    return keys;
}

Result<SealKeyPair> load_seal_key(const std::string& path)
{
    if (sodium_init() < 0)
        return Error{"libsodium could not be initialised"};
    SealKeyPair keys;
    LOTSEN_TRY(read_secret_file(path, keys.secret_key, "the hub's secret sealing key",
                                "a hub sealing key", "as lotsen-hub keygen writes hub-seal.key"));
    crypto_scalarmult_base(keys.public_key.data(), keys.secret_key.data());
    return keys;
}

Result<protocol::SigningKeyPair> load_publisher_key(const std::string& path)
{
    if (sodium_init() < 0)
        return Error{"libsodium could not be initialised"};
    protocol::SigningKeyPair keys;
    LOTSEN_TRY(read_secret_file(path, keys.secret_key, "the publisher key", "a publisher key",
                                "as lotsen-hub keygen writes publisher.key"));
    // libsodium's secret key is seed + public key; a key whose halves disagree would sign manifests
    // no kiosk can verify with the published publisher.pub.
    protocol::SigningPublicKey derived{};
    protocol::SigningSecretKey again{};
    crypto_sign_seed_keypair(derived.data(), again.data(), keys.secret_key.data());
    sodium_memzero(again.data(), again.size());
    std::copy(keys.secret_key.begin() + 32, keys.secret_key.end(), keys.public_key.begin());
    if (sodium_memcmp(derived.data(), keys.public_key.data(), derived.size()) != 0) {
        sodium_memzero(keys.secret_key.data(), keys.secret_key.size());
        return Error{path + ": is damaged (its public half does not belong to its secret half); it was left as it is"};
    }
    return keys;
}

Result<protocol::SigningPublicKey> load_publisher_public_key(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{path + ": cannot open the publisher public key: " + errno_text()};
    std::array<char, 256> buffer{};
    std::size_t total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        total += static_cast<std::size_t>(n);
        if (total == buffer.size())
            break;
    }
    ::close(fd);
    std::string_view text(buffer.data(), total);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    const auto bytes = LOTSEN_TRY(protocol::from_base64(text, path + " (publisher public key)", 32));
    protocol::SigningPublicKey key{};
    std::copy(bytes.begin(), bytes.end(), key.begin());
    return key;
}

Result<TimeKey> load_or_create_time_key(const std::string& data_dir)
{
    if (sodium_init() < 0)
        return Error{"libsodium could not be initialised"};
    const std::string secret = join(data_dir, k_time_secret_file);
    const std::string public_path = join(data_dir, k_time_public_file);
    TimeKey key;
    key.created = !exists(secret);
    auto loaded = protocol::load_or_create_key_pair(secret);
    if (!loaded)
        return Error{"the hub's time key: " + loaded.error().text()};
    key.keys = loaded.value();
    key.public_base64 = protocol::to_base64(key.keys.public_key);
    // The .pub is only a copy for the operator; the secret file holds the public half too.
    std::string kept;
    if (FILE* file = std::fopen(public_path.c_str(), "r")) {
        char line[128] = {};
        if (std::fgets(line, sizeof line, file) != nullptr)
            kept = line;
        std::fclose(file);
    }
    if (kept != key.public_base64 + "\n")
        LOTSEN_TRY(write_file_atomically(public_path, key.public_base64 + "\n", 0644));
    return key;
}

}  // namespace lotsen::hub
