// part_form.hpp — an association's profile and activities as the office's web forms hold them: cells
// named like the spreadsheet's columns ("title_sv", "weekly", "cost_sek"), filled from the model to
// edit and read back through the spreadsheet's own reader (core/catalogue/catalogue_csv.hpp), so a form
// and a spreadsheet accept the same values with the same messages. Problems are sorted to the field
// they belong to; what belongs to no field of the form is shown above it.
#pragma once

#include "core/catalogue/model.hpp"
#include "hub/catalogue_parts.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub::office {

/// A form's values: spreadsheet column name → the text a person typed.
using FormCells = std::map<std::string, std::string>;

/// The languages the forms offer texts in (the kiosk's languages; sv and en shown first).
const std::vector<std::string>& form_text_languages();

/// The spreadsheet columns an activity form edits (id and organisation columns excluded).
const std::vector<std::string>& activity_form_columns();

/// The spreadsheet columns the profile form edits.
const std::vector<std::string>& profile_form_columns();

/// The cells of an activity as a spreadsheet row would write them: in Swedish for "sv" ("varannan tis
/// 18:00-20:00", "gratis"), else with the English words ("tue/2 18:00-20:00", "0").
FormCells activity_cells(const Activity& activity, std::string_view language = "en");

/// The cells of an organisation's profile.
FormCells profile_cells(const Organisation& organisation);

/// One problem: the spreadsheet column (form field) it belongs to, "" for the form as a whole, and
/// the reason exactly as the spreadsheet import words it.
struct FieldProblem {
    std::string field;
    std::string reason;
};

/// An activity read from a form, or every problem.
struct CheckedActivity {
    std::optional<Activity> activity;
    std::vector<FieldProblem> problems;
};

/// Reads `cells` as activity `id` of `profile`'s association, exactly as the spreadsheet import
/// reads one row; the image (not edited in a form) is kept from `image`.
CheckedActivity check_activity(const FormCells& cells, const Organisation& profile, const std::string& id,
                               const std::optional<ImageRef>& image);

/// A profile read from a form, or every problem.
struct CheckedProfile {
    std::optional<Organisation> organisation;
    std::vector<FieldProblem> problems;
};

/// Reads `cells` as the profile of `part`'s association: through the spreadsheet import with the
/// part's activities as its rows (so the reader sees exactly what a spreadsheet would), or, for an
/// association without activities yet, through the catalogue reader alone. The logo is kept.
CheckedProfile check_profile(const FormCells& cells, const CataloguePart& part);

/// The problems of a whole part (its catalogue JSON read back), for what no single form field shows:
/// an activity id used twice, say.
std::vector<FieldProblem> check_part(const CataloguePart& part);

/// The part as a catalogue file of its own (one organisation, its activities): how a change is kept
/// until it is published, and what `publish --association` reads.
std::string part_to_json(const CataloguePart& part);

/// The part such a file holds; nullopt when it does not read as one.
std::optional<CataloguePart> part_from_json(const std::string& json);

/// A new activity id for `association`: its id, '-', the title's letters and digits, made unique
/// among `taken` with a number. Prefixed with the association's id, no two associations' ids meet.
std::string new_activity_id(const std::string& association, const std::string& title, const std::vector<std::string>& taken);

}  // namespace lotsen::hub::office
