// catalogue_csv.hpp — imports the spreadsheet an association keeps (one row per activity) into the
// catalogue model: English or Swedish column names and values, ',' or ';', UTF-8 (with or without a
// byte-order mark) or Windows-1252. Column layout, words and encodings are in docs/catalogue.md,
// "CSV import".
#pragma once

#include "core/catalogue/catalogue_parse.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// How a spreadsheet is read.
struct CsvImportOptions {
    std::int64_t version = 1;  ///< becomes the catalogue version
    /// The association every row belongs to: a row without an organisation id is its, a row naming
    /// another is a problem at that row's organisation id.
    std::optional<std::string> association;
    /// Without `association`: every row must name the association the first row names (one
    /// association's part of the region catalogue).
    bool one_association = false;
    CatalogueLimits limits;
};

/// A spreadsheet read: the catalogue (or every problem) and how its bytes were read.
struct ImportedSpreadsheet {
    CatalogueParseResult result;
    std::string encoding;               ///< "UTF-8", "UTF-8 with a byte-order mark", "Windows-1252"; empty if refused
    bool read_as_windows_1252 = false;  ///< say so to the person: the file was not UTF-8
    char separator = ',';
    std::vector<std::size_t> activity_rows;  ///< the row each activity came from (when read)
    std::optional<std::string> association;  ///< the one association of the rows (one_association or given)
};

/// Reads a spreadsheet's bytes (docs/catalogue.md, "CSV import"). Problems name the row (1 = the
/// header) and the column as the header wrote it.
ImportedSpreadsheet import_catalogue_csv(std::string_view bytes, const CsvImportOptions& options);

/// One spreadsheet given as cells instead of bytes (the office's web forms): `header` names the columns
/// as a spreadsheet's first row does, each of `rows` holds one cell per column. Read by exactly the rules
/// and with exactly the messages of import_catalogue_csv(), rows numbered from 2 as in a file, so a form
/// and a spreadsheet can never disagree on a value.
ImportedSpreadsheet import_catalogue_cells(const std::vector<std::string>& header,
                                           const std::vector<std::vector<std::string>>& rows,
                                           const CsvImportOptions& options);

/// import_catalogue_csv() with these options, the catalogue or problems only.
CatalogueParseResult parse_catalogue_csv(std::string_view text, std::int64_t version = 1,
                                         const CatalogueLimits& limits = {});

}  // namespace lotsen
