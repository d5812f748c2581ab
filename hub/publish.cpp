// publish.cpp — see publish.hpp. The order of one publish: take the publish lock (two publishes at
// once would both take sequence N+1), read and verify the current manifest, validate the new content
// (nothing is written before this passes), write it under a temporary name in files/, build and sign
// the new manifest and verify it as a kiosk would, and only then rename the file and then the
// manifest into place. Temporary names in files/ start with '.', which the file-name rule never
// serves; the manifest is replaced through write_file_atomically (manifest.json.tmp).
#include "hub/publish.hpp"

#include "hub/reply_times.hpp"
#include "hub/freshness.hpp"
#include "core/base/json_parse.hpp"
#include "core/catalogue/freshness.hpp"

#include "core/base/file.hpp"
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/image/image_refs.hpp"
#include "core/settings/config.hpp"
#include "core/release/release_bundle.hpp"
#include "hub/static_files.hpp"
#include "core/base/text_checks.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen::hub {

namespace {

using manifest::Entry;
using manifest::Kind;
using manifest::Manifest;

// Must equal core/manifest.cpp's: used only to read a manifest another key signed (see
// parse_foreign_manifest); the key-rotation test fails if the two ever differ.
constexpr std::string_view k_signing_prefix = "LOTSEN-MANIFEST-V1\n";
constexpr std::size_t k_max_name_bytes = 64;  // manifest.cpp refuses longer entry names
constexpr std::size_t k_max_config_bytes = 1 << 20;
constexpr const char* k_temp_prefix = ".publish-";
constexpr std::int64_t k_temp_max_age_seconds = 86400;
constexpr const char* k_nothing_written = "nothing was published; the manifest is unchanged";

std::string join(const std::string& directory, std::string_view name)
{
    if (directory.empty() || directory.back() == '/')
        return directory + std::string(name);
    return directory + "/" + std::string(name);
}

std::string format_utc(UnixSeconds when)
{
    const std::time_t t = static_cast<std::time_t>(when);
    std::tm parts{};
    if (::gmtime_r(&t, &parts) == nullptr)
        return std::to_string(when);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
    return text;
}

std::string_view extension_for(Kind kind)
{
    switch (kind) {
    case Kind::catalogue: return "json";
    case Kind::config: return "toml";
    case Kind::release: return "tgz";
    }
    return "bin";
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix)
{
    if (text.size() < suffix.size())
        return false;
    const std::string_view tail = text.substr(text.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(),
                      [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b; });
}

// An owned descriptor.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd = -1) : m_fd(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }

    int get() const { return m_fd; }
    /// Gives up ownership: the caller closes it.
    int release() { return std::exchange(m_fd, -1); }
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

Result<void> ensure_directory(const std::string& path, mode_t mode)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {  // a link to a web server's directory is fine
        if (!S_ISDIR(info.st_mode))
            return Error{path + ": exists but is not a directory; " + k_nothing_written};
        return success();
    }
    if (errno != ENOENT || ::mkdir(path.c_str(), mode) != 0)
        return Error{path + ": cannot create the directory: " + errno_text() + "; " + k_nothing_written};
    // Public content (signed, never secret): readable by a web server even under the hub's umask.
    ::chmod(path.c_str(), mode);
    return success();
}

// A whole file of at most `max_bytes`, read once: what is validated is exactly what gets published.
Result<std::string> read_whole_file(const std::string& path, std::size_t max_bytes)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        return Error{path + ": cannot open: " + errno_text() + "; " + k_nothing_written};
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return Error{path + ": is not a regular file; " + k_nothing_written};
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{path + ": cannot read: " + errno_text() + "; " + k_nothing_written};
        if (n == 0)
            break;
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes)
            return Error{path + ": larger than the " + std::to_string(max_bytes) + " bytes allowed; " + k_nothing_written};
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    return bytes;
}

// A file being written in `directory` under a temporary name; removed unless install() renamed it.
class TempFile {
public:
    static Result<TempFile> create(const std::string& directory)
    {
        std::string pattern = join(directory, std::string(k_temp_prefix) + "XXXXXX");
        const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd < 0)
            return Error{directory + ": cannot create a file: " + errno_text() + "; " + k_nothing_written};
        TempFile file;
        file.m_path = pattern;
        file.m_directory = directory;
        file.m_fd = FileDescriptor(fd);
        // Published files are public: a web server running as another user must read them.
        ::fchmod(fd, 0644);
        return file;
    }

    TempFile() = default;
    TempFile(TempFile&& other) noexcept
        : m_path(std::exchange(other.m_path, {})), m_directory(std::move(other.m_directory)), m_fd(std::move(other.m_fd))
    {
    }
    TempFile& operator=(TempFile&&) = delete;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile()
    {
        m_fd.reset();
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }

    const std::string& path() const { return m_path; }

    /// Appends `bytes` to the file.
    Result<void> write(std::string_view bytes) { return write_all(m_fd.get(), bytes, m_path); }

    /// fsync, close, rename to `final_name` in the same directory, fsync the directory.
    Result<void> install(std::string_view final_name)
    {
        // commit_temporary_file closes the descriptor and, on failure, removes the file itself.
        const std::string temporary = std::exchange(m_path, {});
        return commit_temporary_file(m_fd.release(), temporary, join(m_directory, final_name));
    }

private:
    std::string m_path;
    std::string m_directory;
    FileDescriptor m_fd;
};

// Held for the whole publish: an exclusive flock on the data directory itself (so no lock file is
// ever written, and a refusal leaves no trace). Released when the process ends, even by a crash.
class PublishLock {
public:
    static Result<PublishLock> take(const std::string& data_dir)
    {
        FileDescriptor fd(::open(data_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (fd.get() < 0)
            return Error{data_dir + ": cannot open the hub data directory: " + errno_text() +
                         " (publish needs an existing directory; create it first)"};
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
            return Error{data_dir + ": another publish is running here; " + k_nothing_written};
        PublishLock lock;
        lock.m_fd = std::move(fd);
        return lock;
    }

private:
    FileDescriptor m_fd;
};

// Reads a manifest whose signature is not `publisher`'s (key rotation): its payload is signed again
// with our key so that core's strict parser can read it. The contents are still checked; only the
// origin is taken on the operator's word (--force-new-key).
Result<Manifest> parse_foreign_manifest(std::string_view file, const protocol::SigningKeyPair& publisher)
{
    const nlohmann::json outer = parse_json_or_null(file);
    if (!outer.is_object() || !outer.contains("payload") || !outer["payload"].is_string())
        return Error{"is not a manifest file (no \"payload\" string)"};
    const auto payload = LOTSEN_TRY(protocol::from_base64(outer["payload"].get<std::string>(), "manifest.payload"));
    std::string message(k_signing_prefix);
    message.append(payload.begin(), payload.end());
    protocol::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         publisher.secret_key.data());
    const nlohmann::json resigned = {{"payload", outer["payload"]}, {"signature", protocol::to_base64(signature)}};
    return manifest::verify(resigned.dump(), publisher.public_key);
}

struct Previous {
    std::optional<Manifest> manifest;
    bool other_key = false;
};

Result<std::optional<std::string>> read_manifest_file(const std::string& published)
{
    const std::string path = join(published, k_manifest_file);
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT)
            return std::optional<std::string>{};
        return Error{path + ": cannot read: " + errno_text()};
    }
    return std::optional<std::string>(LOTSEN_TRY(read_whole_file(path, manifest::k_max_manifest_bytes)));
}

Result<Previous> load_previous(const std::string& published, const protocol::SigningKeyPair& publisher, bool force_new_key)
{
    const std::optional<std::string> file = LOTSEN_TRY(read_manifest_file(published));
    Previous previous;
    if (!file)
        return previous;
    const std::string path = join(published, k_manifest_file);
    auto verified = manifest::verify(*file, publisher.public_key);
    if (verified) {
        previous.manifest = std::move(verified.value());
        return previous;
    }
    auto foreign = parse_foreign_manifest(*file, publisher);
    if (!foreign) {
        return Error{path + ": the current manifest is damaged (" + verified.error().text() + "; " +
                     foreign.error().text() + "); " + k_nothing_written +
                     ". Restore it from a copy: publishing without it would restart the sequence, which kiosks refuse"};
    }
    if (!force_new_key) {
        return Error{path + ": the current manifest was not signed by this publisher key (another key, or it was "
                            "altered); " + k_nothing_written +
                     ". If the fleet's publisher key is being replaced on purpose, repeat with --force-new-key "
                     "(docs/updates.md, \"Replacing the publisher key\")"};
    }
    previous.manifest = std::move(foreign.value());
    previous.other_key = true;
    return previous;
}

Result<void> check_options(const PublishOptions& options)
{
    if (options.expires_days < 1 || options.expires_days > k_max_expires_days)
        return Error{"--expires-days must be from 1 to " + std::to_string(k_max_expires_days) + "; " + k_nothing_written};
    if (options.name) {
        if (options.name->size() > k_max_name_bytes || find_invalid_utf8(*options.name) != std::string::npos)
            return Error{"--name must be UTF-8 of at most " + std::to_string(k_max_name_bytes) + " bytes; " + k_nothing_written};
    }
    struct stat info {};
    if (::stat(options.data_dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
        return Error{options.data_dir + ": no such hub data directory (create it first: a mistyped path would start "
                                        "a new manifest sequence that kiosks refuse); " + k_nothing_written};
    return success();
}

// The new content, validated, with what its manifest entry needs.
struct Prepared {
    std::string bytes;                  // catalogue and config: the file as published
    std::optional<TempFile> temp;       // release: already copied into files/ under a temporary name
    protocol::Sha256 sha256{};
    std::uint64_t size = 0;
    std::int64_t version = 0;
    std::string name;
    std::int64_t format = 1;            // the file's format major, for the manifest entry
    std::vector<std::pair<ImageRef, std::string>> images;  // catalogue: each image and its file beside the source
    std::optional<Catalogue> catalogue;      // catalogue: every listing, withheld ones too (format 1), for sources/
    std::vector<AssociationChange> changes;  // catalogue: per association
    std::vector<std::string> notes;
    WithheldListings withheld;               // catalogue: the listings the published catalogue leaves out
    int withhold_after_days = k_default_withhold_after_days;
    std::string freshness;                   // catalogue: render_withheld's lines
};

// A catalogue's format major as its "format_version" says (the reader has checked it already).
std::int64_t catalogue_format_major(std::string_view json)
{
    const nlohmann::json root = parse_json_or_null(json);
    if (root.is_object()) {
        if (const auto it = root.find("format_version"); it != root.end() && it->is_number_integer())
            return it->get<std::int64_t>();
    }
    return 1;
}

// A config's format major: its top-level `format_version` key, 1 when absent (every config so far).
std::int64_t config_format_major(const std::string& toml_text, const std::string& source)
{
    try {
        const toml::table root = toml::parse(toml_text, source);
        if (const auto value = root["format_version"].value<std::int64_t>())
            return *value;
    } catch (const toml::parse_error&) {
        // Not reached: the config was parsed before. Read as the only format there is.
    }
    return 1;
}

std::string problem_list(const std::string& source, const CatalogueParseResult& parsed)
{
    // The same lines `lotsen-hub validate` prints.
    const std::string summary = parsed.problems.empty() ? std::string("(the file could not be read as a catalogue)")
                                                        : parsed.summary();
    return source + ": " + std::to_string(parsed.problems.size()) + " problem(s):\n" + summary + "\n" + k_nothing_written;
}

// Checks the image files a catalogue names beside `source` and fills in their hashes and sizes
// (core/image/image_refs.hpp). True when the catalogue names any image.
Result<bool> resolve_images(const std::string& source, Catalogue& catalogue, Prepared& prepared)
{
    const std::string source_dir = parent_of(source);
    const std::vector<CatalogueProblem> problems = resolve_image_files(catalogue, source_dir);
    if (!problems.empty()) {
        CatalogueParseResult listed;
        listed.problems = problems;
        return Error{problem_list(source, listed)};
    }
    bool any = false;
    const auto take = [&](std::optional<ImageRef>& image) {
        if (!image)
            return;
        any = true;
        if (!image->file.empty())
            prepared.images.emplace_back(*image, source_dir + "/" + image->file);
        image->file.clear();  // a published catalogue carries only what a kiosk checks
    };
    for (Organisation& organisation : catalogue.organisations)
        take(organisation.logo);
    for (Activity& activity : catalogue.activities)
        take(activity.image);
    return any;
}

// The published catalogue parts are merged into: the listed entry of format 1 (the main one, or the
// one beside a newer major). nullopt when none is listed; an error when it cannot be read.
Result<std::optional<Catalogue>> published_format_one(const std::optional<Manifest>& manifest, const std::string& files_dir)
{
    if (!manifest)
        return std::optional<Catalogue>{};
    for (const std::optional<Entry>* entry : {&manifest->entry(Kind::catalogue), &manifest->previous_major.entry(Kind::catalogue)}) {
        if (!*entry || (*entry)->format != 1)
            continue;
        const std::string path = join(files_dir, (*entry)->file);
        const std::string text = LOTSEN_TRY(read_whole_file(path, CatalogueLimits{}.max_file_bytes));
        CatalogueParseResult parsed = parse_catalogue_json(text, {}, UnknownMembers::ignore);
        if (!parsed.ok())
            return Error{path + ": the published catalogue does not read (" + parsed.summary() + "); " + k_nothing_written};
        return std::optional<Catalogue>(std::move(*parsed.catalogue));
    }
    return std::optional<Catalogue>{};
}

std::string file_name_of(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The part a spreadsheet (or a JSON file with --association) sets, checked against the other parts:
// an id another association has is refused at its row (or JSON path).
Result<CataloguePart> part_of(const std::string& source, Catalogue& catalogue, const std::optional<std::string>& association,
                              const std::vector<std::size_t>& rows, const Catalogue& base, const std::string& note)
{
    const std::string prefix = source + ": " + (note.empty() ? "" : note + "\n");
    if (catalogue.organisations.empty())
        return Error{prefix + "has no rows, so it names no association; " + k_nothing_written +
                     ". To remove an association, publish the region's whole catalogue without it with "
                     "--allow-removing-association ID"};
    if (catalogue.organisations.size() != 1 || (association && catalogue.organisations[0].id != *association)) {
        std::string names;
        for (const Organisation& organisation : catalogue.organisations)
            names += (names.empty() ? "" : ", ") + quote_for_message(organisation.id);
        return Error{prefix + "holds the organisations " + names + ", but a part is one association's" +
                     (association ? " (--association " + quote_for_message(*association) + ")" : std::string()) + "; " +
                     k_nothing_written};
    }
    CataloguePart part{catalogue.organisations[0], catalogue.activities};
    const std::vector<ForeignId> foreign = foreign_ids(base, part);
    if (!foreign.empty()) {
        std::string lines;
        for (const ForeignId& clash : foreign) {
            const std::string where = clash.activity < rows.size()
                                          ? "row " + std::to_string(rows[clash.activity]) + ", column 'id'"
                                          : "$.activities[" + std::to_string(clash.activity) + "].id";
            lines += where + ": " + quote_for_message(part.activities[clash.activity].id) +
                     " is already the id of an activity of association " + quote_for_message(clash.owner) +
                     "; activity ids are unique in the region, so start yours with your association's id, like " +
                     quote_for_message(part.organisation.id + "-" + part.activities[clash.activity].id) + "\n";
        }
        return Error{prefix + std::to_string(foreign.size()) + " problem(s):\n" + lines + k_nothing_written};
    }
    return part;
}

// The date a catalogue published before format 1.4 counts its undated listings as checked: the day it
// was published (the listed format-1 entry's publication).
Date listed_catalogue_date(const std::optional<Manifest>& manifest, UnixSeconds now)
{
    if (manifest) {
        for (const std::optional<Entry>* entry : {&manifest->entry(Kind::catalogue), &manifest->previous_major.entry(Kind::catalogue)}) {
            if (*entry && (*entry)->format == 1)
                return stockholm::to_local((*entry)->published_at).date;
        }
    }
    return stockholm::to_local(now).date;
}

// What the last publication withheld, when sources/ is of the published version.
WithheldListings withheld_before(const std::optional<SourcesIndex>& index, const std::optional<Catalogue>& listed)
{
    WithheldListings before;
    if (!index || !listed || index->catalogue_version != listed->version)
        return before;
    for (const auto& [id, part] : index->parts) {
        if (!part.withheld.empty())
            before[id] = part.withheld;
    }
    return before;
}

int withhold_limit(const PublishOptions& options, const std::optional<SourcesIndex>& index)
{
    if (options.withhold_after_days)
        return *options.withhold_after_days;
    return index && index->withhold_after_days > 0 ? index->withhold_after_days : k_default_withhold_after_days;
}

// A listing cannot have been checked after the publication: refused with its path.
Result<void> refuse_future_checks(const std::string& source, const Catalogue& catalogue, const Date& today)
{
    std::string lines;
    std::size_t count = 0;
    for (std::size_t i = 0; i < catalogue.activities.size(); ++i) {
        const auto& checked = catalogue.activities[i].last_checked;
        // One day of slack: a publishing machine's clock may be in another time zone.
        if (checked && today.plus_days(1) < *checked) {
            lines += "$.activities[" + std::to_string(i) + "].last_checked: " + quote_for_message(checked->to_string()) +
                     " is after today (" + today.to_string() + "); a listing cannot be checked in the future\n";
            ++count;
        }
    }
    if (count == 0)
        return success();
    return Error{source + ": " + std::to_string(count) + " problem(s):\n" + lines + k_nothing_written};
}

// The published catalogue from `merged` (every listing, dated): the stale listings left out, the
// rest as JSON; what was withheld goes to sources/ beside it.
void finish_catalogue(Prepared& prepared, Catalogue merged, const WithheldListings& before, int withhold_days, const Date& today)
{
    prepared.withheld = stale_listings(merged, today, withhold_days);
    prepared.withhold_after_days = withhold_days;
    prepared.freshness = render_withheld(before, prepared.withheld, merged, withhold_days);
    prepared.version = merged.version;
    prepared.catalogue = std::move(merged);
}

Result<Prepared> prepare_catalogue(const std::string& source, std::int64_t published_version,
                                   const PublishOptions& options, const std::optional<Manifest>& previous,
                                   const std::string& published)
{
    std::string text = LOTSEN_TRY(read_whole_file(source, CatalogueLimits{}.max_file_bytes));
    // Measured before anything is merged, so a hub.db that cannot be read writes nothing.
    const MeasuredReplies measured = LOTSEN_TRY(measure_reply_times_in(options.data_dir, options.now));
    const ListingChecks checks = LOTSEN_TRY(read_listing_checks_in(options.data_dir));
    Prepared prepared;
    const std::optional<Catalogue> listed =
        LOTSEN_TRY(published_format_one(previous, join(published, k_published_files_subdir)));
    std::string sources_note;
    Catalogue base = listed ? catalogue_from_sources(published, *listed, sources_note) : Catalogue{};
    if (listed && !sources_note.empty())
        prepared.notes.push_back(sources_note);
    const Date today = stockholm::to_local(options.now).date;
    const std::optional<SourcesIndex> index = read_sources_index(published);
    // Listings published before format 1.4 count as checked when their catalogue was published.
    date_remaining_listings(base, Catalogue{}, listed_catalogue_date(previous, options.now));
    std::optional<std::string> part_association;  // whose part this is, when it is one
    const bool spreadsheet = ends_with_ignoring_case(source, ".csv");
    if (previous && previous->entry(Kind::catalogue) && !listed && (spreadsheet || options.association))
        return Error{source + ": the published catalogue is of format " +
                     std::to_string(previous->entry(Kind::catalogue)->format) +
                     ", which this hub does not merge an association's part into; " + k_nothing_written};

    Catalogue merged;
    std::optional<Catalogue> original;  // a JSON file as read: published byte for byte when nothing changes it
    bool keep_bytes = false;  // a whole JSON catalogue without images is published byte for byte
    if (spreadsheet) {
        // The kiosk reads catalogue JSON only: a spreadsheet is converted, numbered after the published one.
        CsvImportOptions read;
        read.version = published_version + 1;
        read.association = options.association;
        read.one_association = true;
        ImportedSpreadsheet imported = import_catalogue_csv(text, read);
        std::string note;
        if (imported.read_as_windows_1252) {
            note = "read as Windows-1252 (the file is not UTF-8; Swedish Excel's \"CSV (semikolonavgränsad)\" "
                   "writes this)";
            prepared.notes.push_back(source + ": " + note);
        }
        if (!imported.result.ok())
            return Error{(note.empty() ? "" : source + ": " + note + "\n") + problem_list(source, imported.result)};
        Catalogue& catalogue = *imported.result.catalogue;
        LOTSEN_TRY(resolve_images(source, catalogue, prepared));
        CataloguePart part = LOTSEN_TRY(part_of(source, catalogue, options.association, imported.activity_rows, base, note));
        part_association = part.organisation.id;
        merged = replace_part(base, std::move(part), published_version + 1);
    } else {
        CatalogueParseResult parsed = parse_catalogue_json(text);
        if (!parsed.ok())
            return Error{problem_list(source, parsed)};
        LOTSEN_TRY(refuse_future_checks(source, *parsed.catalogue, today));
        original = *parsed.catalogue;
        prepared.format = catalogue_format_major(text);
        const bool has_images = LOTSEN_TRY(resolve_images(source, *parsed.catalogue, prepared));
        if (options.association) {
            CataloguePart part = LOTSEN_TRY(part_of(source, *parsed.catalogue, options.association, {}, base, ""));
            part_association = part.organisation.id;
            merged = replace_part(base, std::move(part), published_version + 1);
        } else {
            if (parsed.catalogue->version <= published_version) {
                return Error{source + ": catalogue version " + std::to_string(parsed.catalogue->version) +
                             " is not greater than the published catalogue version " + std::to_string(published_version) +
                             " (kiosks never go back to an older one); raise \"version\" to at least " +
                             std::to_string(published_version + 1) + "; " + k_nothing_written};
            }
            merged = std::move(*parsed.catalogue);
            keep_bytes = !has_images;
        }
    }

    // An association publishing its part checks its listings; the rest keep their dates (freshness.hpp).
    if (part_association)
        date_association_listings(merged, *part_association, today);
    date_remaining_listings(merged, base, today);
    apply_listing_checks(merged, checks);

    // Leaving out a published association removes it from every kiosk: only when told to.
    prepared.changes = compare_parts(base, merged);
    std::string refused;
    for (const AssociationChange& change : prepared.changes) {
        const auto& allowed = options.allow_removing_associations;
        if (change.kind == AssociationChange::Kind::removed &&
            std::find(allowed.begin(), allowed.end(), change.association) == allowed.end())
            refused += (refused.empty() ? "" : ", ") + quote_for_message(change.association) + " (" +
                       std::to_string(change.activities) + (change.activities == 1 ? " activity)" : " activities)");
    }
    if (!refused.empty())
        return Error{source + ": publishing it would remove association(s) " + refused +
                     " from every kiosk, because the file does not hold them; " + k_nothing_written +
                     ". If that is meant, repeat with --allow-removing-association ID for each; to change one "
                     "association only, publish its spreadsheet (or its part with --association ID)"};

    // The reply times this hub measured replace whatever the sources say (hub/reply_times.hpp).
    apply_measured_replies(merged, measured);
    finish_catalogue(prepared, std::move(merged), withheld_before(index, listed), withhold_limit(options, index), today);
    const Catalogue shown = without_withheld(*prepared.catalogue, prepared.withheld);
    if (keep_bytes && original && shown == *original) {
        prepared.bytes = std::move(text);  // exactly what was validated, byte for byte
    } else {
        prepared.bytes = catalogue_to_json(shown);
        const CatalogueParseResult again = parse_catalogue_json(prepared.bytes);
        if (!again.ok())
            return Error{source + ": the catalogue assembled with it does not read back (" + again.summary() + "); " +
                         k_nothing_written};
        prepared.format = catalogue_format_major(prepared.bytes);
    }
    prepared.name = options.name.value_or("");
    return prepared;
}

// --refresh: the published catalogue again, with the listings' freshness as of today; nullopt when
// that changes nothing. No source file: the parts in sources/ (or the published catalogue) are it.
Result<std::optional<Prepared>> prepare_freshness_refresh(const PublishOptions& options, const std::optional<Manifest>& previous,
                                                          const std::string& published)
{
    const std::optional<Catalogue> listed =
        LOTSEN_TRY(published_format_one(previous, join(published, k_published_files_subdir)));
    if (!listed)
        return std::optional<Prepared>{};
    const ListingChecks checks = LOTSEN_TRY(read_listing_checks_in(options.data_dir));
    Prepared prepared;
    std::string sources_note;
    Catalogue merged = catalogue_from_sources(published, *listed, sources_note);
    const Date today = stockholm::to_local(options.now).date;
    const std::optional<SourcesIndex> index = read_sources_index(published);
    date_remaining_listings(merged, Catalogue{}, listed_catalogue_date(previous, options.now));
    const Catalogue before = merged;
    apply_listing_checks(merged, checks);
    const int limit = withhold_limit(options, index);
    const WithheldListings stale = stale_listings(merged, today, limit);
    const bool limit_changed = options.withhold_after_days && (!index || index->withhold_after_days != limit);
    if (without_withheld(merged, stale) == *listed && !limit_changed)
        return std::optional<Prepared>{};
    if (!sources_note.empty())
        prepared.notes.push_back(sources_note);
    prepared.changes = compare_parts(before, merged);  // dates only: every association untouched
    merged.version = previous->newest_version(Kind::catalogue) + 1;
    finish_catalogue(prepared, std::move(merged), withheld_before(index, listed), limit, today);
    prepared.bytes = catalogue_to_json(without_withheld(*prepared.catalogue, prepared.withheld));
    const CatalogueParseResult again = parse_catalogue_json(prepared.bytes);
    if (!again.ok())
        return Error{"the published catalogue with its listings' checks does not read back (" + again.summary() + "); " +
                     k_nothing_written};
    const std::optional<Entry>& entry = previous->entry(Kind::catalogue);
    prepared.name = options.name.value_or(entry ? entry->name : std::string());
    prepared.notes.push_back("the listings' checks changed the published catalogue since it was published, so it is "
                             "published again with this refresh");
    return std::optional<Prepared>(std::move(prepared));
}

Result<Prepared> prepare_config(const std::string& source, std::int64_t published_version, const PublishOptions& options)
{
    std::string text = LOTSEN_TRY(read_whole_file(source, k_max_config_bytes));
    if (options.config_base) {
        // Exactly what a kiosk with this lotsen.toml does with the published file: its own file read
        // first, the published one over it (core/updater read_config_update). A combination that is
        // only wrong together (a default language the kiosk does not offer) shows up here, not on
        // the kiosk.
        auto base = load_kiosk_config(*options.config_base);
        if (!base)
            return Error{"--base: " + base.error().text() + "\n" + k_nothing_written};
        auto overlaid = apply_kiosk_config_overlay(std::move(base).value(), text, source);
        if (!overlaid)
            return Error{overlaid.error().text() + " (" + source + " laid over --base " + *options.config_base +
                         ", as a kiosk with that file reads it)\n" + k_nothing_written};
    } else {
        auto config = parse_kiosk_config(text, source);
        if (!config)
            return Error{config.error().text() + "\n" + k_nothing_written};
    }
    Prepared prepared;
    prepared.format = config_format_major(text, source);
    prepared.bytes = std::move(text);
    prepared.version = published_version + 1;
    prepared.name = options.name.value_or("");
    return prepared;
}

// Copies `source` into a temporary file in `files_dir`, hashing as it goes.
Result<void> copy_hashing(const std::string& source, TempFile& temp, protocol::Sha256& hash, std::uint64_t& size)
{
    FileDescriptor in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0)
        return Error{source + ": cannot open: " + errno_text() + "; " + k_nothing_written};
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buffer(1 << 16);
    size = 0;
    for (;;) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{source + ": cannot read: " + errno_text() + "; " + k_nothing_written};
        if (n == 0)
            break;
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                  static_cast<unsigned long long>(n));
        LOTSEN_TRY(temp.write(std::string_view(buffer.data(), static_cast<std::size_t>(n))));
        size += static_cast<std::uint64_t>(n);
    }
    crypto_hash_sha256_final(&state, hash.data());
    return success();
}

Result<Prepared> prepare_release(const std::string& source, std::int64_t published_version, const PublishOptions& options,
                                 const std::string& files_dir)
{
    // Checked before anything is written, and again on the copy: what was inspected is what is published.
    auto info = release_bundle::inspect(source);
    if (!info)
        return Error{source + ": not a release bundle that kiosks can install: " + info.error().text() + "; " + k_nothing_written};
    Prepared prepared;
    prepared.name = options.name.value_or(info.value().name);
    if (prepared.name.empty() || prepared.name.size() > k_max_name_bytes || find_invalid_utf8(prepared.name) != std::string::npos)
        return Error{source + ": the release name " + quote_for_message(prepared.name) + " must be 1 to " +
                     std::to_string(k_max_name_bytes) + " bytes of UTF-8 (give one with --name); " + k_nothing_written};
    LOTSEN_TRY(ensure_directory(files_dir.substr(0, files_dir.rfind('/')), 0755));
    LOTSEN_TRY(ensure_directory(files_dir, 0755));
    TempFile temp = LOTSEN_TRY(TempFile::create(files_dir));
    LOTSEN_TRY(copy_hashing(source, temp, prepared.sha256, prepared.size));
    auto copied = release_bundle::inspect(temp.path());
    if (!copied)
        return Error{source + ": changed while it was being published (" + copied.error().text() + "); " + k_nothing_written};
    prepared.temp.emplace(std::move(temp));
    prepared.version = published_version + 1;
    return prepared;
}

// Signs `next`, checks it as a kiosk would, and replaces manifest.json with it.
Result<void> write_manifest(const std::string& published, const Manifest& next, const protocol::SigningKeyPair& publisher)
{
    const std::string file = manifest::sign(next, publisher);
    // Never publish what kiosks would refuse: a bad name or an oversized manifest is caught here.
    auto check = manifest::verify(file, publisher.public_key);
    if (!check)
        return Error{"the new manifest would not verify on a kiosk (" + check.error().text() + "); " + k_nothing_written};
    // 0644 like every published file: a web server running as another user serves it.
    return write_file_atomically(join(published, k_manifest_file), file, 0644);
}

Manifest next_manifest(const Previous& previous, const PublishOptions& options)
{
    Manifest next = previous.manifest.value_or(Manifest{});
    next.sequence = (previous.manifest ? previous.manifest->sequence : 0) + 1;
    next.issued_at = options.now;
    next.expires_at = options.now + static_cast<std::int64_t>(options.expires_days) * 86400;
    return next;
}

// Writes prepared content: its images and file into files/, then the manifest listing it, then (a
// catalogue) its parts into sources/.
Result<PublishOutcome> install_content(Kind kind, Prepared content, const Previous& previous, const PublishOptions& options,
                                       const protocol::SigningKeyPair& publisher, const std::string& published,
                                       const std::string& files_dir, const std::string& source)
{
    if (!content.temp) {
        LOTSEN_TRY(ensure_directory(published, 0755));
        LOTSEN_TRY(ensure_directory(files_dir, 0755));
        TempFile temp = LOTSEN_TRY(TempFile::create(files_dir));
        LOTSEN_TRY(temp.write(content.bytes));
        content.sha256 = protocol::sha256(content.bytes);
        content.size = content.bytes.size();
        content.temp.emplace(std::move(temp));
    }
    if (content.size == 0)
        return Error{source + ": is empty; " + std::string(k_nothing_written)};

    Entry entry;
    entry.version = content.version;
    entry.name = content.name;
    entry.size = content.size;
    entry.sha256 = content.sha256;
    entry.file = protocol::to_hex(content.sha256) + "." + std::string(extension_for(kind));
    entry.published_at = options.now;
    entry.format = content.format;
    Manifest next = next_manifest(previous, options);
    const std::optional<Entry> main_before = next.entry(kind);
    const std::optional<Entry> previous_before = next.previous_major.entry(kind);
    const Placement placement = LOTSEN_TRY(place_entry(next, kind, entry));

    // Images first, then the catalogue naming them, then the manifest naming it: a reader never
    // finds a name whose file is missing. An image already published (same hash) is not copied again.
    for (const auto& [image, path] : content.images) {
        const std::string name = image_file_name(image);
        struct stat info {};
        if (::stat(join(files_dir, name).c_str(), &info) == 0 && info.st_size == image.bytes)
            continue;
        TempFile temp = LOTSEN_TRY(TempFile::create(files_dir));
        protocol::Sha256 hash{};
        std::uint64_t size = 0;
        LOTSEN_TRY(copy_hashing(path, temp, hash, size));
        if (protocol::to_hex(hash) != image.sha256 || size != static_cast<std::uint64_t>(image.bytes))
            return Error{path + ": changed while it was being published; " + std::string(k_nothing_written)};
        if (auto installed = temp.install(name); !installed)
            return Error{installed.error().text() + "; " + k_nothing_written};
    }
    if (auto installed = content.temp->install(entry.file); !installed)
        return Error{installed.error().text() + "; " + k_nothing_written};
    if (auto written = write_manifest(published, next, publisher); !written)
        return Error{written.error().text() + " (files/" + entry.file + " was written; `publish --prune` removes it later)"};

    PublishOutcome outcome;
    outcome.notes = std::move(content.notes);
    outcome.changes = std::move(content.changes);
    outcome.freshness = std::move(content.freshness);
    if (content.catalogue) {
        // After the manifest: sources/ trails the published catalogue, never leads it (catalogue_parts.hpp).
        if (auto kept = write_sources(published, *content.catalogue, outcome.changes, file_name_of(source), options.now,
                                      content.withheld, content.withhold_after_days);
            !kept)
            outcome.notes.push_back("the parts could not be kept in sources/ (" + kept.error().text() +
                                    "); the next publish takes them from the published catalogue");
    }
    outcome.manifest = std::move(next);
    outcome.kind = kind;
    outcome.placement = placement;
    const std::optional<Entry>& replaced = placement == Placement::previous_major ? previous_before : main_before;
    if (replaced)
        outcome.previous_version = replaced->version;
    outcome.previous_sequence = previous.manifest ? previous.manifest->sequence : 0;
    outcome.replaced_other_key = previous.other_key;
    return outcome;
}

}  // namespace

Result<Placement> place_entry(Manifest& manifest, Kind kind, Entry entry)
{
    std::optional<Entry>& main = manifest.entry(kind);
    std::optional<Entry>& previous = manifest.previous_major.entry(kind);
    if (!main || entry.format == main->format) {
        main = std::move(entry);
        return Placement::main;
    }
    if (entry.format > main->format) {
        previous = std::move(main);
        main = std::move(entry);
        return Placement::new_major;
    }
    const std::int64_t previous_major = previous ? previous->format : main->format - 1;
    if (entry.format == previous_major) {
        previous = std::move(entry);
        return Placement::previous_major;
    }
    const std::string kind_text(manifest::kind_name(kind));
    std::string listed = "format " + std::to_string(main->format) + " (version " + std::to_string(main->version) + ")";
    if (previous)
        listed += " and, beside it, format " + std::to_string(previous->format) + " (version " +
                  std::to_string(previous->version) + ")";
    return Error{"a " + kind_text + " of format " + std::to_string(entry.format) + " cannot be listed: the manifest lists " +
                 kind_text + " " + listed + ", and kiosks are offered the newest major and the one before it only; "
                 "publish format " + std::to_string(main->format) + " or " + std::to_string(previous_major) + "; " +
                 k_nothing_written};
}

Result<PublishOutcome> publish_file(Kind kind, const std::string& source, const protocol::SigningKeyPair& publisher,
                                    const PublishOptions& options)
{
    LOTSEN_TRY(check_options(options));
    if (options.config_base && kind != Kind::config)
        return Error{"--base is for publishing a config only; " + std::string(k_nothing_written)};
    if ((options.association || !options.allow_removing_associations.empty()) && kind != Kind::catalogue)
        return Error{"--association and --allow-removing-association are for publishing a catalogue only; " +
                     std::string(k_nothing_written)};
    const PublishLock lock = LOTSEN_TRY(PublishLock::take(options.data_dir));
    const std::string published = published_dir(options.data_dir);
    const std::string files_dir = join(published, k_published_files_subdir);
    const Previous previous = LOTSEN_TRY(load_previous(published, publisher, options.force_new_key));
    // Versions grow per kind across both majors listed: a newer file of either outnumbers all.
    const std::int64_t published_version = previous.manifest ? previous.manifest->newest_version(kind) : 0;

    auto prepare = [&]() -> Result<Prepared> {
        switch (kind) {
        case Kind::catalogue: return prepare_catalogue(source, published_version, options, previous.manifest, published);
        case Kind::config: return prepare_config(source, published_version, options);
        case Kind::release: return prepare_release(source, published_version, options, files_dir);
        }
        return Error{"unknown kind"};
    };
    Prepared content = LOTSEN_TRY(prepare());
    return install_content(kind, std::move(content), previous, options, publisher, published, files_dir, source);
}

Result<PublishOutcome> refresh_manifest(const protocol::SigningKeyPair& publisher, const PublishOptions& options)
{
    LOTSEN_TRY(check_options(options));
    const PublishLock lock = LOTSEN_TRY(PublishLock::take(options.data_dir));
    const std::string published = published_dir(options.data_dir);
    const Previous previous = LOTSEN_TRY(load_previous(published, publisher, options.force_new_key));
    if (!previous.manifest)
        return Error{join(published, k_manifest_file) + ": nothing has been published yet, so there is nothing to "
                                                         "refresh; publish a catalogue, config or release first"};
    // Stale listings leave the catalogue, and checked ones come back, without anyone publishing one.
    if (auto fresh = LOTSEN_TRY(prepare_freshness_refresh(options, previous.manifest, published)))
        return install_content(Kind::catalogue, std::move(*fresh), previous, options, publisher, published,
                               join(published, k_published_files_subdir), "publish --refresh");
    Manifest next = next_manifest(previous, options);
    LOTSEN_TRY(write_manifest(published, next, publisher));
    PublishOutcome outcome;
    outcome.manifest = std::move(next);
    outcome.previous_sequence = previous.manifest->sequence;
    outcome.replaced_other_key = previous.other_key;
    return outcome;
}

Result<std::optional<Manifest>> read_published_manifest(const std::string& data_dir,
                                                        const protocol::SigningPublicKey& publisher)
{
    const std::string published = published_dir(data_dir);
    const std::optional<std::string> file = LOTSEN_TRY(read_manifest_file(published));
    if (!file)
        return std::optional<Manifest>{};
    auto verified = manifest::verify(*file, publisher);
    if (!verified)
        return Error{join(published, k_manifest_file) + ": " + verified.error().text()};
    return std::optional<Manifest>(std::move(verified.value()));
}

std::string render_manifest(const Manifest& manifest, const std::string& data_dir, UnixSeconds now)
{
    const std::string files_dir = join(published_dir(data_dir), k_published_files_subdir);
    std::string out = "manifest sequence " + std::to_string(manifest.sequence) + "\n";
    out += "  issued   " + format_utc(manifest.issued_at) + "\n";
    out += "  expires  " + format_utc(manifest.expires_at);
    const std::int64_t left = manifest.expires_at - now;
    if (left <= 0)
        out += "  EXPIRED: kiosks refuse it; run publish --refresh\n";
    else
        out += "  (in " + std::to_string(left / 86400) + " days " + std::to_string(left % 86400 / 3600) + " hours)\n";
    auto render_entry = [&](std::string label, const Entry& entry, bool show_format) {
        label.resize(10, ' ');
        out += label + "version " + std::to_string(entry.version);
        if (show_format)
            out += ", format " + std::to_string(entry.format);
        if (!entry.name.empty())
            out += ", name " + quote_for_message(entry.name);
        out += ", " + std::to_string(entry.size) + " bytes, published " + format_utc(entry.published_at) + "\n";
        out += "          files/" + entry.file;
        struct stat info {};
        if (::stat(join(files_dir, entry.file).c_str(), &info) != 0)
            out += "  MISSING: kiosks cannot fetch it\n";
        else if (static_cast<std::uint64_t>(info.st_size) != entry.size)
            out += "  WRONG SIZE (" + std::to_string(info.st_size) + " bytes on disk)\n";
        else
            out += "\n";
    };
    for (Kind kind : {Kind::catalogue, Kind::config, Kind::release}) {
        const auto& entry = manifest.entry(kind);
        const auto& previous = manifest.previous_major.entry(kind);
        if (!entry) {
            std::string label(manifest::kind_name(kind));
            label.resize(10, ' ');
            out += label + "(not published)\n";
            continue;
        }
        // The format is named where it tells something: beside a previous major, or when not 1.
        render_entry(std::string(manifest::kind_name(kind)), *entry, previous || entry->format != 1);
        if (previous)
            render_entry("  beside", *previous, true);  // for kiosks that do not read the newer major yet
    }
    return out;
}

Result<PruneOutcome> prune_published(const std::string& data_dir, const protocol::SigningPublicKey& publisher,
                                     UnixSeconds now, std::int64_t min_age_seconds)
{
    const PublishLock lock = LOTSEN_TRY(PublishLock::take(data_dir));
    auto current = read_published_manifest(data_dir, publisher);
    if (!current)
        return Error{current.error().text() + "; nothing was removed"};
    if (!current.value())
        return Error{join(published_dir(data_dir), k_manifest_file) + ": nothing has been published; nothing was removed"};
    const Manifest& manifest = *current.value();
    const std::string files_dir = join(published_dir(data_dir), k_published_files_subdir);

    DIR* directory = ::opendir(files_dir.c_str());
    if (directory == nullptr)
        return Error{files_dir + ": cannot list: " + errno_text()};
    std::vector<std::string> names;
    while (const dirent* item = ::readdir(directory))
        names.emplace_back(item->d_name);
    ::closedir(directory);
    std::sort(names.begin(), names.end());

    // The images a listed catalogue names are as listed as the catalogue: its kiosks fetch them.
    std::set<std::string> images;
    bool keep_every_image = false;
    for (const std::optional<Entry>* entry : {&manifest.entry(Kind::catalogue), &manifest.previous_major.entry(Kind::catalogue)}) {
        if (!*entry)
            continue;
        auto text = read_whole_file(join(files_dir, (*entry)->file), CatalogueLimits{}.max_file_bytes);
        if (!text)
            return Error{text.error().text() + "; nothing was removed"};
        const CatalogueParseResult parsed = parse_catalogue_json(text.value(), {}, UnknownMembers::ignore);
        if (!parsed.catalogue) {
            // A major this hub does not read: which images it names is unknown, so every image stays.
            keep_every_image = true;
            continue;
        }
        for (const ImageRef& image : referenced_images(*parsed.catalogue))
            images.insert(image_file_name(image));
    }

    PruneOutcome outcome;
    for (const std::string& name : names) {
        const std::string path = join(files_dir, name);
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        const std::int64_t age = now - static_cast<std::int64_t>(info.st_mtim.tv_sec);
        if (name.rfind(k_temp_prefix, 0) == 0) {
            // Left by an interrupted publish; a running one holds the lock, so none is in use now,
            // but a day's margin costs nothing.
            if (age >= k_temp_max_age_seconds && ::unlink(path.c_str()) == 0)
                outcome.removed.push_back(name);
            continue;
        }
        if (!is_published_file_name(name))
            continue;  // not ours: left alone
        bool listed = false;
        std::int64_t replaced_at = 0;  // when the current entry of this file's kind replaced it, at the latest
        for (Kind kind : {Kind::catalogue, Kind::config, Kind::release}) {
            // A previous_major entry is listed as much as the main one: older kiosks fetch it.
            for (const std::optional<Entry>* entry : {&manifest.entry(kind), &manifest.previous_major.entry(kind)}) {
                if (!*entry)
                    continue;
                listed = listed || (*entry)->file == name;
                const std::string_view ext = extension_for(kind);
                if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
                    replaced_at = std::max(replaced_at, (*entry)->published_at);
            }
        }
        const bool image_file = ends_with_ignoring_case(name, ".png") || ends_with_ignoring_case(name, ".jpg");
        if (listed || images.contains(name) || (keep_every_image && image_file))
            continue;
        if (age < min_age_seconds || now - replaced_at < min_age_seconds) {
            outcome.kept_recent.push_back(name);
            continue;
        }
        if (::unlink(path.c_str()) != 0)
            return Error{path + ": cannot remove: " + errno_text() + " (removed before it: " +
                         std::to_string(outcome.removed.size()) + " files)"};
        outcome.removed.push_back(name);
    }
    if (!outcome.removed.empty())
        LOTSEN_TRY(fsync_directory(files_dir));
    return outcome;
}

}  // namespace lotsen::hub
