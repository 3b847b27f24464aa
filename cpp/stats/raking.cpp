#include "stats/raking.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ascolto::stats {

namespace {

// The joint table of all margins (svytable(~a + b + ..., design) in rake):
// one cell per combination of categories present in the data.
struct JointCells {
  std::vector<std::size_t> cell_of_row;
  std::size_t cells = 0;
};

JointCells joint_cells(const std::vector<double>& weights,
                       const std::vector<RakingMargin>& margins) {
  JointCells out;
  out.cell_of_row.assign(weights.size(), 0);
  std::unordered_map<std::uint64_t, std::size_t> index;
  for (std::size_t row = 0; row < weights.size(); ++row) {
    if (std::isnan(weights[row])) continue;
    std::uint64_t key = 0;
    for (const RakingMargin& m : margins) key = key * (m.targets.size() + 1) + m.codes[row];
    auto [it, inserted] = index.emplace(key, index.size());
    out.cell_of_row[row] = it->second;
  }
  out.cells = index.size();
  return out;
}

std::vector<double> cell_totals(const std::vector<double>& weights, const JointCells& joint) {
  std::vector<double> totals(joint.cells, 0.0);
  for (std::size_t row = 0; row < weights.size(); ++row)
    if (!std::isnan(weights[row])) totals[joint.cell_of_row[row]] += weights[row];
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
  out.calibration.start_weights = w;
  out.calibration.margin_codes.reserve(margins.size());
  for (const RakingMargin& m : margins) out.calibration.margin_codes.push_back(m.codes);
  out.calibration.step_weights.assign(margins.size(), {});
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    for (std::size_t m = 0; m < margins.size(); ++m) {
      const RakingMargin& margin = margins[m];
      std::vector<double> current(margin.targets.size(), 0.0);
      for (std::size_t row = 0; row < w.size(); ++row)
        if (!std::isnan(w[row])) current[margin.codes[row]] += w[row];
      for (std::size_t row = 0; row < w.size(); ++row)
        if (!std::isnan(w[row]) && current[margin.codes[row]] > 0)
          w[row] *= margin.targets[margin.codes[row]] / current[margin.codes[row]];
      out.calibration.step_weights[m] = w;
    }
    std::vector<double> cells = cell_totals(w, joint);
    double change = 0;
    for (std::size_t c = 0; c < cells.size(); ++c)
      change = std::max(change, std::fabs(cells[c] - old_cells[c]));
    out.sweeps = sweep + 1;
    out.last_change = change;
    if (change < tolerance) {
      out.converged = true;
      break;
    }
    old_cells = std::move(cells);
  }
  return out;
}

}  // namespace ascolto::stats
