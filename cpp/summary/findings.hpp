// The Sintesi's findings (issue 22), one function per report section: each
// reads the section the core wrote (never the data) and returns sentences
// with the figures they use. Suppressed figures are never written, a change
// within the noise is called stable, and a unit is named best or worst only
// when its rank interval says so.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "summary/wording.hpp"

namespace ascolto::summary {

/// The alerts first, the overall mean, the trend, the best and worst
/// applications by the adjusted ranking (or the group that cannot be
/// separated), what the low ratings' comments are about, the comments'
/// negative share, and the territory.
Findings feedback_findings(const nlohmann::ordered_json& feedback);

/// Who answered (the profile), the overall satisfaction and its change
/// across waves, the indices, the strongest and weakest journey phase and
/// channel, the drivers to improve first, the shares, and the territory.
Findings survey_findings(const nlohmann::ordered_json& survey);

/// The partial-year comparisons and projections with their range, and the
/// shifts in each group's mix.
Findings volumes_findings(const nlohmann::ordered_json& volumes);

/// The negative share and the crises (weeks of unusual negative coverage).
Findings media_findings(const nlohmann::ordered_json& media);

/// The units outside the funnel limits, and whether the spread between
/// units narrows, of the first metric of each territorial level.
void territory_findings(const nlohmann::ordered_json& territory, Findings& out);

/// Best and worst of units ranked with 95% rank intervals: a unit is named
/// only when it alone can hold the edge rank; otherwise the group that can.
/// `units` are {name, value, low, high, rank_low, rank_high}.
struct RankedUnit {
  std::string name;
  double value = 0, low = 0, high = 0;
  std::size_t rank_low = 0, rank_high = 0;
};
void edge_findings(const std::vector<RankedUnit>& units, const std::string& section,
                   const std::string& what, Findings& out);

}  // namespace ascolto::summary
