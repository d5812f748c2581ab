// form_pictures.hpp — the HTML of a picture in the office's forms (an association's logo, an
// activity's image): the field with the picture as it is now, "remove" and a file input, and the
// <img> that shows a picture kept with a change or published (served by Office::picture_file).
#pragma once

#include "core/catalogue/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen::hub::office {

/// Where the office serves a picture: "/pictures/<sha256>.png" or ".jpg".
std::string picture_url(const ImageRef& image);

/// An <img> of the picture, with its pixel size (the page keeps its place while it loads) and
/// `alt_text` (escaped here).
std::string picture_img(const ImageRef& image, const std::string& alt_text);

/// The picture field `field` ("logo", "image"): its legend, hint and problems, the chosen picture
/// (carried across previews in the hidden `<field>_sha256`), a "remove" box and the file input
/// `<field>_file`. Put last in its form: a body cut short at the office's limit keeps every field
/// before it.
std::string picture_field(const std::string& language, const std::string& field, std::string_view legend_key,
                          std::string_view alt_key, const std::optional<ImageRef>& chosen, const std::vector<std::string>& problems);

}  // namespace lotsen::hub::office
