// picture_store.cpp — the queries on change_pictures (picture_store.hpp).
#include "hub/office/picture_store.hpp"

#include "core/image/image_probe.hpp"
#include "core/image/image_refs.hpp"
#include "core/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <vector>

namespace lotsen::hub::office {

namespace {

using sqlite::Statement;

constexpr std::string_view k_subject = "office store";

std::vector<std::uint8_t> as_blob(std::string_view bytes)
{
    return {bytes.begin(), bytes.end()};
}

Result<std::optional<StoredPicture>> select_picture(sqlite3* db, const char* where, const std::string& organisation_id,
                                                    const std::string& sha256)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        (std::string("SELECT organisation_id, sha256, type, width, height, bytes, uploaded_at FROM change_pictures WHERE ") +
         where + " ORDER BY uploaded_at DESC LIMIT 1")
            .c_str(),
        "preparing to read a picture"));
    s.bind(1, sha256);
    if (!organisation_id.empty())
        s.bind(2, organisation_id);
    if (!LOTSEN_TRY(s.step("reading picture " + sha256)))
        return std::optional<StoredPicture>{};
    StoredPicture picture;
    picture.organisation_id = std::string(s.text(0));
    picture.image.sha256 = std::string(s.text(1));
    picture.image.type = std::string(s.text(2));
    picture.image.width = s.integer(3);
    picture.image.height = s.integer(4);
    const std::vector<std::uint8_t> blob = s.blob(5);
    picture.bytes.assign(blob.begin(), blob.end());
    picture.image.bytes = static_cast<std::int64_t>(picture.bytes.size());
    picture.uploaded_at = s.int64(6);
    return std::optional<StoredPicture>(std::move(picture));
}

}  // namespace

Result<ImageRef> check_picture(std::string_view bytes)
{
    if (bytes.empty())
        return Error{"the file is empty"};
    auto header = probe_image(bytes);
    if (!header)
        return header.error();
    ImageRef image;
    image.sha256 = sha256_hex(bytes);
    image.bytes = static_cast<std::int64_t>(bytes.size());
    image.width = header.value().width;
    image.height = header.value().height;
    image.type = std::string(image_type_name(header.value().type));
    return image;
}

Result<void> PictureStore::keep(const std::string& organisation_id, const ImageRef& image, std::string_view bytes,
                                std::int64_t user_id, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "INSERT INTO change_pictures(organisation_id, sha256, type, width, height, bytes, uploaded_by, uploaded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(organisation_id, sha256) DO UPDATE SET "
        "uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
        "preparing to keep a picture"));
    s.bind(1, organisation_id);
    s.bind(2, image.sha256);
    s.bind(3, image.type);
    s.bind(4, image.width);
    s.bind(5, image.height);
    s.bind_blob(6, as_blob(bytes));
    s.bind(7, user_id);
    s.bind(8, now);
    return s.run("keeping a picture of " + organisation_id);
}

Result<std::optional<StoredPicture>> PictureStore::find(const std::string& organisation_id, const std::string& sha256)
{
    return select_picture(m_hub.connection(), "sha256 = ?1 AND organisation_id = ?2", organisation_id, sha256);
}

Result<std::optional<StoredPicture>> PictureStore::find_any(const std::string& sha256)
{
    return select_picture(m_hub.connection(), "sha256 = ?1", "", sha256);
}

Result<int> PictureStore::prune(const std::map<std::string, std::set<std::string>>& in_use, UnixSeconds uploaded_before)
{
    sqlite3* db = m_hub.connection();
    std::vector<std::int64_t> unused;
    {
        auto s = LOTSEN_TRY(Statement::prepare(db, k_subject,
                                               "SELECT id, organisation_id, sha256 FROM change_pictures WHERE uploaded_at < ?1",
                                               "preparing to find unused pictures"));
        s.bind(1, uploaded_before);
        while (LOTSEN_TRY(s.step("finding unused pictures"))) {
            const auto named = in_use.find(std::string(s.text(1)));
            if (named == in_use.end() || !named->second.contains(std::string(s.text(2))))
                unused.push_back(s.int64(0));
        }
    }
    auto s = LOTSEN_TRY(Statement::prepare(db, k_subject, "DELETE FROM change_pictures WHERE id = ?1",
                                           "preparing to delete an unused picture"));
    for (const std::int64_t id : unused) {
        s.bind(1, id);
        LOTSEN_TRY(s.run("deleting an unused picture"));
        s.reset();
    }
    return static_cast<int>(unused.size());
}

Result<std::int64_t> PictureStore::count()
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject, "SELECT count(*) FROM change_pictures",
                                           "preparing to count pictures"));
    LOTSEN_TRY(s.step("counting pictures"));
    return s.int64(0);
}

Result<std::int64_t> PictureStore::count(const std::string& organisation_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           "SELECT count(*) FROM change_pictures WHERE organisation_id = ?1",
                                           "preparing to count pictures"));
    s.bind(1, organisation_id);
    LOTSEN_TRY(s.step("counting the pictures of " + organisation_id));
    return s.int64(0);
}

}  // namespace lotsen::hub::office
