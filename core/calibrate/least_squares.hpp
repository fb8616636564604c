#pragma once
// Ordinary least squares for calibrate's small regressions (a handful of columns), solved
// through the normal equations with Boost.uBLAS's LU factorisation.
#include <optional>
#include <vector>

namespace loadtwin::core {

// Accumulates X'X and X'y row by row, then solves; nullopt when X'X is singular (a column
// that does not vary, say).
class LeastSquares {
 public:
  explicit LeastSquares(std::size_t columns);
  void add(std::vector<double> const& row, double y);
  [[nodiscard]] std::optional<std::vector<double>> solve() const;

 private:
  std::size_t columns_;
  std::vector<double> xtx_;  // columns x columns, row-major
  std::vector<double> xty_;
};

}  // namespace loadtwin::core
