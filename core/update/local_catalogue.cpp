// local_catalogue.cpp — see local_catalogue.hpp. A sink between the streaming read and the store fills
// in each image from the file beside the catalogue before the piece is stored; once any image has a
// problem nothing more is stored, and the transaction is rolled back at the end.
#include "core/update/local_catalogue.hpp"

#include "core/base/file.hpp"
#include "core/base/memory.hpp"
#include "core/catalogue/catalogue_file.hpp"
#include "core/image/image_cache.hpp"
#include "core/image/image_refs.hpp"
#include "core/storage/store.hpp"

#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

namespace lotsen {

namespace {

class LocalImagesSink final : public CatalogueSink {
public:
    LocalImagesSink(CatalogueSink& store, std::string source_dir, const std::string& images_dir)
        : m_store(store), m_source_dir(std::move(source_dir))
    {
        if (auto folder = ImageFolder::open(images_dir))
            m_folder.emplace(std::move(folder).value());
        else
            std::fprintf(stderr, "lotsen: %s; the catalogue is shown without images\n", folder.error().text().c_str());
    }

    std::vector<CatalogueProblem> problems;

    Result<void> interests(const std::vector<Interest>& interests) override { return m_store.interests(interests); }

    Result<void> organisation(Organisation organisation) override
    {
        const std::size_t index = m_organisations++;
        resolve(organisation.logo, "$.organisations[" + std::to_string(index) + "].logo");
        return problems.empty() ? m_store.organisation(std::move(organisation)) : success();
    }

    Result<void> activity(Activity activity) override
    {
        const std::size_t index = m_activities++;
        resolve(activity.image, "$.activities[" + std::to_string(index) + "].image");
        return problems.empty() ? m_store.activity(std::move(activity)) : success();
    }

private:
    void resolve(std::optional<ImageRef>& image, const std::string& where)
    {
        if (!image || image->file.empty())
            return;
        std::vector<CatalogueProblem> found = resolve_image_file(*image, m_source_dir, where);
        if (!found.empty()) {
            problems.insert(problems.end(), found.begin(), found.end());
            return;
        }
        if (!m_folder || m_folder->has(*image))
            return;
        auto bytes = read_image_file(m_source_dir + "/" + image->file);
        if (bytes) {
            if (auto written = write_file_atomically(m_folder->path_of(*image), bytes.value(), 0644); !written)
                std::fprintf(stderr, "lotsen: %s\n", written.error().text().c_str());
        }
    }

    CatalogueSink& m_store;
    std::string m_source_dir;
    std::optional<ImageFolder> m_folder;
    std::size_t m_organisations = 0;
    std::size_t m_activities = 0;
};

std::string problem_text(const std::vector<CatalogueProblem>& problems)
{
    std::string out;
    for (const CatalogueProblem& problem : problems)
        out += (out.empty() ? "" : "\n") + problem.to_string();
    return out;
}

}  // namespace

Result<std::string> import_local_catalogue(Store& store, const std::string& path, const std::string& images_dir,
                                           std::int64_t now)
{
    Result<std::string> outcome = std::string();
    {
        auto import = store.begin_import(now);
        if (!import)
            return import.error();
        LocalImagesSink images(*import.value(), parent_of(path), images_dir);
        CatalogueStreamResult read = stream_catalogue_file(path, images, CatalogueLimits{}, UnknownMembers::refuse);
        if (!read.problems.empty() || !images.problems.empty()) {
            import.value().reset();  // rolled back
            read.problems.insert(read.problems.end(), images.problems.begin(), images.problems.end());
            outcome = problem_text(read.problems);
        } else if (read.sink_error) {
            outcome = import.value()->abandon(read.version, *read.sink_error);
        } else if (auto finished = import.value()->finish(read.version, read.published); !finished) {
            outcome = import.value()->abandon(read.version, finished.error());
        }
    }
    // The import's trees, strings and statements are freed by now; give their pages back.
    release_free_memory();
    return outcome;
}

}  // namespace lotsen
