#include "stats/raking.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ascolto::stats {

namespace {

// The joint table of all margins (svytable(~a + b + ..., design) in rake):
// one cell per combination of categories present in the data.
struct JointCells {
  std::vector<std::uint32_t> cell_of_row;  ///< kNoCell where the weight is NaN
  std::vector<std::size_t> first_row;      ///< of each cell
};

JointCells joint_cells(const std::vector<double>& weights,
                       const std::vector<RakingMargin>& margins) {
  JointCells out;
  out.cell_of_row.assign(weights.size(), RakingCalibration::kNoCell);
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  for (std::size_t row = 0; row < weights.size(); ++row) {
    if (std::isnan(weights[row])) continue;
    std::uint64_t key = 0;
    for (const RakingMargin& m : margins) key = key * (m.targets.size() + 1) + m.codes[row];
    auto [it, inserted] = index.emplace(key, static_cast<std::uint32_t>(index.size()));
    if (inserted) out.first_row.push_back(row);
    out.cell_of_row[row] = it->second;
  }
  return out;
}

std::vector<double> cell_totals(const std::vector<double>& weights, const JointCells& joint) {
  std::vector<double> totals(joint.first_row.size(), 0.0);
  for (std::size_t row = 0; row < weights.size(); ++row)
    if (joint.cell_of_row[row] != RakingCalibration::kNoCell)
      totals[joint.cell_of_row[row]] += weights[row];
  return totals;
}

}  // namespace

RakingResult rake(std::vector<double> start, const std::vector<RakingMargin>& margins,
                  int max_sweeps, double epsilon) {
  RakingResult out;
  out.weights = std::move(start);
  std::vector<double>& w = out.weights;
  double total = 0;
  for (double v : w)
    if (!std::isnan(v)) total += v;
  const double tolerance = epsilon < 1 ? epsilon * total : epsilon;  // as rake's control$epsilon
  const JointCells joint = joint_cells(w, margins);
  std::vector<double> old_cells = cell_totals(w, joint);
  RakingCalibration& calibration = out.calibration;
  calibration.start_weights = w;
  calibration.cell_of_row = joint.cell_of_row;
  const std::size_t cells = joint.first_row.size();
  for (const RakingMargin& m : margins) {
    calibration.categories.push_back(m.targets.size());
    std::vector<std::uint32_t>& category = calibration.cell_category.emplace_back(cells);
    for (std::size_t c = 0; c < cells; ++c) category[c] = m.codes[joint.first_row[c]];
  }
  calibration.cell_step_gain.assign(margins.size(), std::vector<double>(cells, 1.0));
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    for (std::size_t m = 0; m < margins.size(); ++m) {
      const RakingMargin& margin = margins[m];
      std::vector<double> current(margin.targets.size(), 0.0);
      for (std::size_t row = 0; row < w.size(); ++row)
        if (!std::isnan(w[row])) current[margin.codes[row]] += w[row];
      for (std::size_t row = 0; row < w.size(); ++row)
        if (!std::isnan(w[row]) && current[margin.codes[row]] > 0)
          w[row] *= margin.targets[margin.codes[row]] / current[margin.codes[row]];
      // Every row of a cell has the same gain; its first row's stands for it.
      for (std::size_t c = 0; c < cells; ++c)
        calibration.cell_step_gain[m][c] =
            w[joint.first_row[c]] / calibration.start_weights[joint.first_row[c]];
    }
    std::vector<double> totals = cell_totals(w, joint);
    double change = 0;
    for (std::size_t c = 0; c < totals.size(); ++c)
      change = std::max(change, std::fabs(totals[c] - old_cells[c]));
    out.sweeps = sweep + 1;
    out.last_change = change;
    if (change < tolerance) {
      out.converged = true;
      break;
    }
    old_cells = std::move(totals);
  }
  return out;
}

}  // namespace ascolto::stats
