// form_pictures.cpp — pictures in the office's forms (form_pictures.hpp, and the Office members that
// keep, publish, serve and clean them). An uploaded file is checked by its content as `publish`
// checks a spreadsheet's picture (check_picture: PNG or JPEG, bytes and pixels within the catalogue's
// limits) and kept in hub.db with the association's id (PictureStore); the change's catalogue JSON
// names it by SHA-256. Publishing writes the kept bytes beside the part for publish_file, which
// checks them again and copies them to published/files/<sha256>.<ext>, where kiosks fetch them.
#include "hub/office/form_pictures.hpp"

#include "core/base/file.hpp"
#include "core/base/text_checks.hpp"
#include "core/image/image_refs.hpp"
#include "hub/office/office.hpp"
#include "hub/office/office_page.hpp"
#include "hub/office/office_text.hpp"
#include "hub/office/web.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <set>

namespace lotsen::hub::office {

namespace {

// A picture no pending change names is kept this long after its last upload: long enough for a
// form that is still being filled in (uploaded at a preview, sent later), short enough that a
// rejected or replaced change's bytes do not stay.
constexpr UnixSeconds k_unused_picture_seconds = 24 * 3600;

// At most this many pictures kept per association (20 × 2 MiB = 40 MiB of hub.db): far more than a
// change of a few activities needs, and a bound on what one account can store before the clean-up.
constexpr std::int64_t k_max_kept_pictures = 20;

bool is_sha256_hex(std::string_view text)
{
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

void add_images(const CataloguePart& part, std::set<std::string>& into)
{
    if (part.organisation.logo && part.organisation.logo->resolved())
        into.insert(part.organisation.logo->sha256);
    for (const Activity& activity : part.activities) {
        if (activity.image && activity.image->resolved())
            into.insert(activity.image->sha256);
    }
}

std::optional<ImageRef> find_image(const std::vector<Activity>& activities, const std::string& id)
{
    for (const Activity& activity : activities) {
        if (activity.id == id)
            return activity.image;
    }
    return std::nullopt;
}

std::optional<ImageRef> find_logo(const Catalogue& catalogue, const std::string& association)
{
    for (const Organisation& organisation : catalogue.organisations) {
        if (organisation.id == association)
            return organisation.logo;
    }
    return std::nullopt;
}

std::string sha_of(const std::optional<ImageRef>& image)
{
    return image ? image->sha256 : std::string();
}

}  // namespace

std::string picture_url(const ImageRef& image)
{
    return "/pictures/" + image_file_name(image);
}

std::string picture_img(const ImageRef& image, const std::string& alt_text)
{
    return "<img class=\"picture\" src=\"" + html(picture_url(image)) + "\" width=\"" + std::to_string(image.width) +
           "\" height=\"" + std::to_string(image.height) + "\" alt=\"" + html(alt_text) + "\">";
}

std::string picture_field(const std::string& l, const std::string& field, std::string_view legend_key, std::string_view alt_key,
                          const std::optional<ImageRef>& chosen, const std::vector<std::string>& problems)
{
    const std::string id = "f-" + field;
    std::string described = id + "-hint";
    std::string out = "<fieldset class=\"picture-field\" id=\"" + html(id) + "\"><legend>" + t(l, legend_key) + "</legend>\n<p class=\"muted hint\" id=\"" +
                      html(id) + "-hint\">" + t(l, "picture_hint") + "</p>\n";
    for (std::size_t i = 0; i < problems.size(); ++i) {
        const std::string error_id = id + "-error" + std::to_string(i);
        out += "<p class=\"field-error\" id=\"" + html(error_id) + "\">" + html(problems[i]) + "</p>\n";
        described += " " + error_id;
    }
    if (chosen) {
        out += "<p>" + t(l, "picture_now") + "</p>\n" + picture_img(*chosen, std::string(text(l, alt_key))) + "\n" +
               "<div class=\"choice\"><input type=\"checkbox\" id=\"" + html(id) + "-remove\" name=\"" + html(field + "_remove") +
               "\" value=\"ja\"><label for=\"" + html(id) + "-remove\">" + t(l, "picture_remove") + "</label></div>\n";
    } else {
        out += "<p class=\"muted\">" + t(l, "picture_none") + "</p>\n";
    }
    out += "<input type=\"hidden\" name=\"" + html(field + "_sha256") + "\" value=\"" + html(sha_of(chosen)) + "\">\n" +
           "<label for=\"" + html(id) + "-file\">" + t(l, "picture_new") + "</label>\n<input type=\"file\" id=\"" + html(id) +
           "-file\" name=\"" + html(field + "_file") + "\" accept=\"image/png,image/jpeg\" aria-describedby=\"" + html(described) +
           "\"" + (problems.empty() ? "" : " aria-invalid=\"true\"") + ">\n";
    return out + "</fieldset>\n";
}

// The picture a posted form chose for `field`: what it had (`current`, or one uploaded at an earlier
// preview, named by the hidden <field>_sha256 and found among the association's kept pictures), none
// when "remove" is ticked, or a new file — checked, and kept at once so a preview shows it and the
// next post can name it. A refused file is a problem at the field; the choice stays what it was.
Result<std::optional<ImageRef>> Office::posted_picture(const Context& context, const PostedForm& form, const std::string& field,
                                                       const std::optional<ImageRef>& current, std::vector<FieldProblem>& problems)
{
    const std::string& association = context.user.organisation_id;
    std::optional<ImageRef> chosen = current;
    if (const auto named = form.fields.find(field + "_sha256"); named != form.fields.end()) {
        if (named->second.empty()) {
            chosen.reset();
        } else if (!(current && current->sha256 == named->second) && is_sha256_hex(named->second)) {
            // Only this association's own kept pictures: another's hash is as unknown as a made-up one.
            if (auto kept = LOTSEN_TRY(m_picture_store.find(association, named->second)))
                chosen = kept->image;
        }
    }
    if (form.fields.count(field + "_remove"))
        chosen.reset();
    const auto file = form.files.find(field + "_file");
    if (file == form.files.end())
        return chosen;
    const std::string& l = context.language;
    if (!file->second.complete) {
        problems.push_back(FieldProblem{field, quote_for_message(file->second.filename) + ": " + std::string(text(l, "picture_too_large"))});
        return chosen;
    }
    auto checked = check_picture(file->second.bytes);
    if (!checked) {
        problems.push_back(FieldProblem{field, quote_for_message(file->second.filename) + " " + std::string(text(l, "picture_refused")) +
                                                   ": " + checked.error().text()});
        return chosen;
    }
    prune_pictures();
    const bool known = LOTSEN_TRY(m_picture_store.find(association, checked.value().sha256)).has_value();
    if (!known && LOTSEN_TRY(m_picture_store.count(association)) >= k_max_kept_pictures) {
        problems.push_back(FieldProblem{field, quote_for_message(file->second.filename) + ": " + std::string(text(l, "picture_too_many"))});
        return chosen;
    }
    LOTSEN_TRY(m_picture_store.keep(association, checked.value(), file->second.bytes, context.user.id, m_setup.clock()));
    return std::optional<ImageRef>(checked.value());
}

// GET /pictures/<sha256>.<png|jpg>: a picture kept with a change, to the association that uploaded
// it and to the region; or a published one (public on the hub anyway) that the published catalogue
// names. Always with its own type (nosniff comes with every office response); else 404, as for a
// picture that does not exist.
WebResponse Office::picture_file(const Context& context, const std::string& name)
{
    const std::string& l = context.language;
    const std::size_t dot = name.find('.');
    const std::string sha = name.substr(0, dot);
    const std::string extension = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (!is_sha256_hex(sha) || (extension != "png" && extension != "jpg"))
        return not_found(l, &context);
    const std::string type = extension == "png" ? "png" : "jpeg";
    std::string bytes;
    const auto kept = context.user.role == Role::region ? m_picture_store.find_any(sha)
                                                        : m_picture_store.find(context.user.organisation_id, sha);
    if (!kept)
        return failure(l, kept.error().text());
    if (kept.value() && kept.value()->image.type == type) {
        bytes = std::move(kept.value()->bytes);
    } else if (m_setup.catalogue && !m_setup.data_dir.empty()) {
        for (const ImageRef& image : referenced_images(*m_setup.catalogue)) {
            if (image.sha256 != sha || image.type != type)
                continue;
            auto read = read_image_file(m_setup.data_dir + "/published/files/" + image_file_name(image));
            if (read && sha256_hex(read.value()) == sha)
                bytes = std::move(read.value());
        }
    }
    if (bytes.empty())
        return not_found(l, &context);
    WebResponse response;
    response.content_type = type == "png" ? "image/png" : "image/jpeg";
    response.body = std::move(bytes);
    return response;  // with every office response's headers: nosniff, Cache-Control: no-store, the CSP
}

// `part` with each picture kept in hub.db written into `directory` (beside the part's file) and
// named by `file`, so publish_file checks the bytes against the reference and copies them into
// published/files/. Pictures not kept here are already published and stay as they are.
Result<CataloguePart> Office::with_picture_files(const CataloguePart& part, const std::string& directory)
{
    CataloguePart out = part;
    const std::string folder = "pictures-" + part.organisation.id;
    bool made = false;
    const auto place = [&](std::optional<ImageRef>& image) -> Result<void> {
        if (!image || !image->resolved())
            return success();
        const auto kept = LOTSEN_TRY(m_picture_store.find(part.organisation.id, image->sha256));
        if (!kept)
            return success();
        if (!made) {
            if (::mkdir((directory + "/" + folder).c_str(), 0700) != 0 && errno != EEXIST)
                return Error{directory + "/" + folder + ": cannot be made: " + errno_text()};
            made = true;
        }
        image->file = folder + "/" + image_file_name(*image);
        return write_file_atomically(directory + "/" + image->file, kept->bytes);
    };
    LOTSEN_TRY(place(out.organisation.logo));
    for (Activity& activity : out.activities)
        LOTSEN_TRY(place(activity.image));
    return out;
}

// What the change does to pictures, for /approvals: the logo and each activity's image that
// differ between the published catalogue and the one after the change, the old beside the new.
std::string Office::picture_changes(const std::string& l, const Catalogue& before, const Catalogue& after,
                                    const std::string& association) const
{
    std::string items;
    const auto item = [&](const std::string& what, const std::optional<ImageRef>& old_image, const std::optional<ImageRef>& new_image,
                          std::string_view alt_key) {
        if (sha_of(old_image) == sha_of(new_image))
            return;
        const std::string alt = std::string(text(l, alt_key)) + ": " + what;
        const auto shown = [&](std::string_view label_key, const std::optional<ImageRef>& image, std::string_view when) {
            return "<figure><figcaption>" + t(l, label_key) + "</figcaption>" +
                   (image ? picture_img(*image, alt + " (" + std::string(when) + ")") : "<p>" + t(l, "picture_gone") + "</p>") +
                   "</figure>";
        };
        items += "<li><p><strong>" + html(what) + "</strong></p><div class=\"pictures\">" +
                 shown("picture_before", old_image, text(l, "picture_before")) +
                 shown("picture_after", new_image, text(l, "picture_after")) + "</div></li>\n";
    };
    item(std::string(text(l, "f_logo")), find_logo(before, association), find_logo(after, association), "picture_alt_logo");
    for (const Activity& activity : after.activities) {
        if (activity.organisation_id == association)
            item(std::string(activity.title.get(l)), find_image(before.activities, activity.id), activity.image, "picture_alt_image");
    }
    if (items.empty())
        return {};
    return "<h3>" + t(l, "change_pictures") + "</h3>\n<ul class=\"requests\">\n" + items + "</ul>\n";
}

// Deletes kept pictures no pending change names, a day after their last upload (docs/office.md,
// "Pictures"). Run after every upload, sent change and decision; a failure is logged, never shown.
void Office::prune_pictures()
{
    const auto pending = m_change_store.pending_changes();
    if (!pending) {
        std::fprintf(stderr, "lotsen-hub office: pictures not cleaned: %s\n", pending.error().text().c_str());
        return;
    }
    std::map<std::string, std::set<std::string>> in_use;
    for (const CatalogueChange& change : pending.value()) {
        const std::optional<CataloguePart> part = part_from_json(change.part);
        if (!part)
            return;  // which pictures it names is unknown: none is judged unused now
        add_images(*part, in_use[change.organisation_id]);
    }
    const auto pruned = m_picture_store.prune(in_use, m_setup.clock() - k_unused_picture_seconds);
    if (!pruned)
        std::fprintf(stderr, "lotsen-hub office: pictures not cleaned: %s\n", pruned.error().text().c_str());
}

}  // namespace lotsen::hub::office
