// synthetic.hpp — large, deterministic, multilingual catalogues for benchmarks and load tests.
#pragma once

#include "core/catalogue/model.hpp"

#include <cstdint>

namespace lotsen {

/// Parameters of a synthetic catalogue.
struct SyntheticSpec {
    int activities = 10'000;
    int organisations = 400;
    std::uint64_t seed = 1;          ///< the same seed gives the same catalogue
    Date first_day{2026, 1, 1};      ///< weekly rules are valid from here …
    Date last_day{2027, 12, 31};     ///< … to here
};

/// Builds a catalogue that passes validation: every interest covered, towns across Halland, texts in
/// Swedish and English and a share in Arabic, Persian, Somali, Tigrinya and Ukrainian.
Catalogue generate_synthetic_catalogue(const SyntheticSpec& spec);

}  // namespace lotsen
