// image_refs.hpp — the images a catalogue names: finding the files a person wrote beside the
// catalogue, checking them (header limits, the hash and sizes when written) and filling in what a
// kiosk needs (SHA-256, bytes, pixels, type); and listing every image a catalogue references.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/catalogue_parse.hpp"
#include "core/catalogue/model.hpp"

#include <string>
#include <vector>

namespace lotsen {

/// The bytes of the image file at `path`: refused, naming why, when it is not a regular file or is
/// larger than k_max_image_bytes (checked before it is read).
Result<std::string> read_image_file(const std::string& path);

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// For every image in `catalogue` that names a file: reads `source_dir`/file (its size checked
/// before it is read), probes its header against the limits, and fills in sha256, bytes, width,
/// height and type — or, when they are written already, checks that they match. Every problem is
/// listed with its JSON path (e.g. "$.activities[3].image.file"); `catalogue` is changed only when
/// there is none.
std::vector<CatalogueProblem> resolve_image_files(Catalogue& catalogue, const std::string& source_dir);

/// resolve_image_files() for one image whose JSON path is `where` ("$.activities[3].image"), as a
/// streaming read meets it.
std::vector<CatalogueProblem> resolve_image_file(ImageRef& image, const std::string& source_dir, const std::string& where);

/// Every resolved image the catalogue references, each once (by SHA-256), logos first, then
/// activity images in catalogue order.
std::vector<ImageRef> referenced_images(const Catalogue& catalogue);

/// The file name an image is published and kept under: "<sha256>.png" or "<sha256>.jpg".
std::string image_file_name(const ImageRef& image);

}  // namespace lotsen
