// Raking (iterative proportional fitting) of survey weights to population
// margins, as survey::rake: each sweep post-stratifies on every margin in
// turn; it stops when no cell of the joint table of the margins moves by
// more than epsilon * (sum of weights).
#pragma once

#include <cstdint>
#include <vector>

#include "stats/design.hpp"

namespace ascolto::stats {

struct RakingMargin {
  std::vector<std::uint32_t> codes;  ///< each row's category (rows out of the design: any)
  std::vector<double> targets;       ///< the population total of each category
};

struct RakingResult {
  std::vector<double> weights;  ///< NaN where the start weight was NaN
  RakingCalibration calibration;
  int sweeps = 0;
  bool converged = false;
  double last_change = kNaN;  ///< largest joint-cell change of the last sweep
};

/// `start`: one weight per row, NaN for rows out of the design. Every
/// category with a target must have rows with positive weight.
RakingResult rake(std::vector<double> start, const std::vector<RakingMargin>& margins,
                  int max_sweeps = 100, double epsilon = 1e-7);

}  // namespace ascolto::stats
