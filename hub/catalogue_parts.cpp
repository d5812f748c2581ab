// catalogue_parts.cpp — splits, assembles and compares the region catalogue by association, and
// keeps the parts under published/sources/ (see catalogue_parts.hpp). The published catalogue stays
// the truth: sources/ is read only when its index names the published version and its parts make
// exactly that catalogue; otherwise it is written anew from the published catalogue.
#include "hub/catalogue_parts.hpp"

#include "core/base/file.hpp"
#include "core/base/json_parse.hpp"
#include "core/base/text_checks.hpp"
#include "core/catalogue/catalogue_json.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace lotsen::hub {

namespace {

constexpr const char* k_index_file = "index.json";
constexpr const char* k_index_format = "lotsen-catalogue-sources";

std::string join(const std::string& directory, const std::string& name)
{
    return directory.empty() || directory.back() == '/' ? directory + name : directory + "/" + name;
}

std::string utc_text(UnixSeconds when)
{
    const std::time_t t = static_cast<std::time_t>(when);
    std::tm parts{};
    if (::gmtime_r(&t, &parts) == nullptr)
        return std::to_string(when);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string id_list(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + quote_for_message(id);
    return out;
}

std::string count_of(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Reads a whole small file; false when it cannot be read.
bool read_small_file(const std::string& path, std::string& out)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr)
        return false;
    char buffer[1 << 16];
    std::size_t n = 0;
    out.clear();
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        out.append(buffer, n);
    const bool ok = std::ferror(file) == 0;
    std::fclose(file);
    return ok;
}

// An activity without its last-checked date: what compare_parts compares.
Activity undated(Activity activity)
{
    activity.last_checked.reset();
    return activity;
}

std::vector<std::string> string_list(const nlohmann::json& value)
{
    std::vector<std::string> out;
    if (!value.is_array())
        return out;
    for (const nlohmann::json& item : value) {
        if (item.is_string() && is_catalogue_id(item.get<std::string>()))
            out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

std::optional<SourcesIndex> read_sources_index(const std::string& published_dir)
{
    const std::string path = join(sources_dir(published_dir), k_index_file);
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > (16 << 20))
        return std::nullopt;
    std::string text;
    if (!read_small_file(path, text))
        return std::nullopt;
    const nlohmann::json root = parse_json_or_null(text);
    if (!root.is_object() || !root.contains("format") || !root["format"].is_string() ||
        root["format"].get<std::string>() != k_index_format || !root.contains("catalogue_version") ||
        !root["catalogue_version"].is_number_integer() || !root.contains("parts") || !root["parts"].is_array())
        return std::nullopt;
    SourcesIndex index;
    index.catalogue_version = root["catalogue_version"].get<std::int64_t>();
    if (root.contains("withhold_after_days") && root["withhold_after_days"].is_number_integer()) {
        const std::int64_t days = root["withhold_after_days"].get<std::int64_t>();
        if (days >= 1 && days <= 100000)
            index.withhold_after_days = static_cast<int>(days);
    }
    for (const nlohmann::json& part : root["parts"]) {
        if (!part.is_object() || !part.contains("association") || !part["association"].is_string())
            return std::nullopt;
        const std::string id = part["association"].get<std::string>();
        if (!is_catalogue_id(id))
            return std::nullopt;
        SourcePart entry;
        if (part.contains("set_in_version") && part["set_in_version"].is_number_integer())
            entry.set_in_version = part["set_in_version"].get<std::int64_t>();
        if (part.contains("set_at") && part["set_at"].is_string())
            entry.set_at = part["set_at"].get<std::string>();
        if (part.contains("from") && part["from"].is_string())
            entry.from = part["from"].get<std::string>();
        if (part.contains("withheld"))
            entry.withheld = string_list(part["withheld"]);
        index.order.push_back(id);
        index.parts[id] = std::move(entry);
    }
    return index;
}

std::vector<CataloguePart> read_source_parts(const std::string& published_dir, const SourcesIndex& index)
{
    const std::string directory = sources_dir(published_dir);
    std::vector<CataloguePart> parts;
    for (const std::string& id : index.order) {
        std::string text;
        if (!read_small_file(join(directory, id + ".json"), text))
            continue;
        const CatalogueParseResult parsed = parse_catalogue_json(text, {}, UnknownMembers::ignore);
        if (!parsed.ok() || parsed.catalogue->organisations.size() != 1 || parsed.catalogue->organisations[0].id != id)
            continue;
        parts.push_back(CataloguePart{parsed.catalogue->organisations[0], parsed.catalogue->activities});
    }
    return parts;
}

Catalogue without_withheld(const Catalogue& catalogue, const std::map<std::string, std::vector<std::string>>& withheld)
{
    Catalogue out = catalogue;
    std::erase_if(out.activities, [&](const Activity& activity) {
        const auto it = withheld.find(activity.organisation_id);
        return it != withheld.end() && std::find(it->second.begin(), it->second.end(), activity.id) != it->second.end();
    });
    return out;
}

std::vector<CataloguePart> split_into_parts(const Catalogue& catalogue)
{
    std::vector<CataloguePart> parts;
    std::map<std::string, std::size_t> at;
    for (const Organisation& organisation : catalogue.organisations) {
        at[organisation.id] = parts.size();
        parts.push_back(CataloguePart{organisation, {}});
    }
    for (const Activity& activity : catalogue.activities) {
        // A valid catalogue has no activity without its organisation; one would be kept with none.
        if (const auto it = at.find(activity.organisation_id); it != at.end())
            parts[it->second].activities.push_back(activity);
    }
    return parts;
}

Catalogue assemble_parts(const std::vector<CataloguePart>& parts, std::vector<Interest> interests, std::int64_t version)
{
    Catalogue catalogue;
    catalogue.version = version;
    catalogue.interests = std::move(interests);
    for (const CataloguePart& part : parts) {
        catalogue.organisations.push_back(part.organisation);
        catalogue.activities.insert(catalogue.activities.end(), part.activities.begin(), part.activities.end());
    }
    return catalogue;
}

Catalogue replace_part(const Catalogue& base, CataloguePart part, std::int64_t version)
{
    std::vector<CataloguePart> parts = split_into_parts(base);
    const auto same = std::find_if(parts.begin(), parts.end(), [&](const CataloguePart& existing) {
        return existing.organisation.id == part.organisation.id;
    });
    if (same == parts.end())
        parts.push_back(std::move(part));
    else
        *same = std::move(part);
    return assemble_parts(parts, base.interests, version);
}

std::vector<ForeignId> foreign_ids(const Catalogue& base, const CataloguePart& part)
{
    std::map<std::string, std::string> owners;
    for (const Activity& activity : base.activities)
        owners.emplace(activity.id, activity.organisation_id);
    std::vector<ForeignId> found;
    for (std::size_t i = 0; i < part.activities.size(); ++i) {
        const auto it = owners.find(part.activities[i].id);
        if (it != owners.end() && it->second != part.organisation.id)
            found.push_back(ForeignId{i, it->second});
    }
    return found;
}

std::vector<AssociationChange> compare_parts(const Catalogue& before, const Catalogue& after)
{
    const std::vector<CataloguePart> old_parts = split_into_parts(before);
    const std::vector<CataloguePart> new_parts = split_into_parts(after);
    const auto find = [](const std::vector<CataloguePart>& parts, const std::string& id) -> const CataloguePart* {
        for (const CataloguePart& part : parts) {
            if (part.organisation.id == id)
                return &part;
        }
        return nullptr;
    };
    std::vector<AssociationChange> changes;
    for (const CataloguePart& old_part : old_parts) {
        AssociationChange change;
        change.association = old_part.organisation.id;
        const CataloguePart* new_part = find(new_parts, change.association);
        if (new_part == nullptr) {
            change.kind = AssociationChange::Kind::removed;
            change.activities = old_part.activities.size();
            for (const Activity& activity : old_part.activities)
                change.removed.push_back(activity.id);
            changes.push_back(std::move(change));
            continue;
        }
        change.activities = new_part->activities.size();
        change.profile_changed = !(old_part.organisation == new_part->organisation);
        std::map<std::string, const Activity*> old_activities;
        for (const Activity& activity : old_part.activities)
            old_activities[activity.id] = &activity;
        for (const Activity& activity : new_part->activities) {
            const auto it = old_activities.find(activity.id);
            if (it == old_activities.end())
                change.added.push_back(activity.id);
            else if (!(undated(*it->second) == undated(activity)))
                change.changed.push_back(activity.id);
            if (it != old_activities.end())
                old_activities.erase(it);
        }
        for (const Activity& activity : old_part.activities) {
            if (old_activities.contains(activity.id))
                change.removed.push_back(activity.id);
        }
        const bool changed = change.profile_changed || !change.added.empty() || !change.changed.empty() ||
                             !change.removed.empty();
        change.kind = changed ? AssociationChange::Kind::changed : AssociationChange::Kind::untouched;
        changes.push_back(std::move(change));
    }
    for (const CataloguePart& new_part : new_parts) {
        if (find(old_parts, new_part.organisation.id) != nullptr)
            continue;
        AssociationChange change;
        change.association = new_part.organisation.id;
        change.kind = AssociationChange::Kind::added;
        change.activities = new_part.activities.size();
        for (const Activity& activity : new_part.activities)
            change.added.push_back(activity.id);
        changes.push_back(std::move(change));
    }
    return changes;
}

std::string render_changes(const std::vector<AssociationChange>& changes)
{
    std::string out;
    std::vector<std::string> untouched;
    for (const AssociationChange& change : changes) {
        const std::string name = "association " + quote_for_message(change.association);
        switch (change.kind) {
        case AssociationChange::Kind::untouched:
            untouched.push_back(change.association);
            continue;
        case AssociationChange::Kind::added:
            out += name + ": new, " + count_of(change.activities, "activity", "activities") +
                   (change.added.empty() ? "" : " (" + id_list(change.added) + ")") + "\n";
            continue;
        case AssociationChange::Kind::removed:
            out += name + ": removed with its " + count_of(change.activities, "activity", "activities") + "\n";
            continue;
        case AssociationChange::Kind::changed:
            break;
        }
        out += name + ":";
        const auto list = [&](const char* what, const std::vector<std::string>& ids) {
            out += " " + std::to_string(ids.size()) + " " + what + (ids.empty() ? "" : " (" + id_list(ids) + ")") + ",";
        };
        list("added", change.added);
        list("changed", change.changed);
        list("removed", change.removed);
        out.pop_back();
        if (change.profile_changed)
            out += "; its profile changed";
        out += "; " + count_of(change.activities, "activity", "activities") + " now\n";
    }
    if (!untouched.empty())
        out += "untouched: " + id_list(untouched) + "\n";
    return out;
}

std::string sources_dir(const std::string& published_dir)
{
    return join(published_dir, "sources");
}

Catalogue catalogue_from_sources(const std::string& published_dir, const Catalogue& published, std::string& note)
{
    const std::string directory = sources_dir(published_dir);
    const std::optional<SourcesIndex> index = read_sources_index(published_dir);
    const std::string fallback = "; the parts are taken from the published catalogue (version " +
                                 std::to_string(published.version) + ") and sources/ is written anew";
    if (!index) {
        note = "sources/ holds no parts yet" + fallback;
        return published;
    }
    if (index->catalogue_version != published.version) {
        note = "sources/ holds the parts of catalogue version " + std::to_string(index->catalogue_version) +
               ", not of the published version (an interrupted publish)" + fallback;
        return published;
    }
    std::vector<CataloguePart> parts;
    std::map<std::string, std::vector<std::string>> withheld;
    for (const std::string& id : index->order) {
        std::string text;
        if (!read_small_file(join(directory, id + ".json"), text)) {
            note = "sources/" + id + ".json cannot be read" + fallback;
            return published;
        }
        const CatalogueParseResult parsed = parse_catalogue_json(text, {}, UnknownMembers::ignore);
        if (!parsed.ok() || parsed.catalogue->organisations.size() != 1 ||
            parsed.catalogue->organisations[0].id != id) {
            note = "sources/" + id + ".json is not that association's part" + fallback;
            return published;
        }
        parts.push_back(CataloguePart{parsed.catalogue->organisations[0], parsed.catalogue->activities});
        if (const auto it = index->parts.find(id); it != index->parts.end() && !it->second.withheld.empty())
            withheld[id] = it->second.withheld;
    }
    Catalogue assembled = assemble_parts(parts, published.interests, published.version);
    assembled.published = published.published;
    if (!(without_withheld(assembled, withheld) == published)) {
        note = "the parts in sources/ do not make the published catalogue" + fallback;
        return published;
    }
    return assembled;
}

Result<void> write_sources(const std::string& published_dir, const Catalogue& catalogue,
                           const std::vector<AssociationChange>& changes, const std::string& source, UnixSeconds now,
                           const std::map<std::string, std::vector<std::string>>& withheld, int withhold_after_days)
{
    const std::string directory = sources_dir(published_dir);
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
        if (::mkdir(directory.c_str(), 0755) != 0)
            return Error{directory + ": cannot create the directory: " + errno_text()};
    } else if (!S_ISDIR(info.st_mode)) {
        return Error{directory + ": exists but is not a directory"};
    }
    const std::optional<SourcesIndex> old_index = read_sources_index(published_dir);
    std::set<std::string> set_now;
    for (const AssociationChange& change : changes) {
        if (change.kind == AssociationChange::Kind::added || change.kind == AssociationChange::Kind::changed)
            set_now.insert(change.association);
    }
    nlohmann::json parts = nlohmann::json::array();
    for (const CataloguePart& part : split_into_parts(catalogue)) {
        const std::string& id = part.organisation.id;
        SourcePart entry{catalogue.version, utc_text(now), source, {}};
        if (!set_now.contains(id) && old_index && old_index->parts.contains(id))
            entry = old_index->parts.at(id);
        else if (!set_now.contains(id))
            entry.from = "the published catalogue";  // sources/ started from it
        Catalogue alone;
        alone.version = entry.set_in_version;
        alone.interests = catalogue.interests;
        alone.organisations = {part.organisation};
        alone.activities = part.activities;
        LOTSEN_TRY(write_file_atomically(join(directory, id + ".json"), catalogue_to_json(alone), 0644));
        nlohmann::json line = {{"association", id}, {"file", id + ".json"}, {"set_in_version", entry.set_in_version},
                               {"set_at", entry.set_at}, {"from", entry.from}};
        if (const auto it = withheld.find(id); it != withheld.end() && !it->second.empty())
            line["withheld"] = it->second;
        parts.push_back(std::move(line));
    }
    for (const AssociationChange& change : changes) {
        if (change.kind == AssociationChange::Kind::removed)
            ::unlink(join(directory, change.association + ".json").c_str());
    }
    nlohmann::json index = {{"format", k_index_format}, {"format_version", 1}, {"catalogue_version", catalogue.version}};
    if (withhold_after_days > 0)
        index["withhold_after_days"] = withhold_after_days;
    index["parts"] = std::move(parts);
    // Last: until it names the new version, the next publish takes the parts from the published catalogue.
    return write_file_atomically(join(directory, k_index_file), index.dump(2) + "\n", 0644);
}

}  // namespace lotsen::hub
