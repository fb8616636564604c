#include "core/calibrate/least_squares.hpp"

#include <boost/numeric/ublas/lu.hpp>
#include <boost/numeric/ublas/matrix.hpp>
#include <boost/numeric/ublas/vector.hpp>
#include <cmath>

namespace loadtwin::core {

namespace ublas = boost::numeric::ublas;

LeastSquares::LeastSquares(std::size_t columns)
    : columns_(columns), xtx_(columns * columns, 0.0), xty_(columns, 0.0) {}

void LeastSquares::add(std::vector<double> const& row, double y) {
  for (std::size_t i = 0; i < columns_; ++i) {
    xty_[i] += row[i] * y;
    for (std::size_t j = 0; j < columns_; ++j) xtx_[i * columns_ + j] += row[i] * row[j];
  }
}

std::optional<std::vector<double>> LeastSquares::solve() const {
  ublas::matrix<double> a(columns_, columns_);
  ublas::vector<double> b(columns_);
  double largest = 0;
  for (std::size_t i = 0; i < columns_; ++i) {
    b(i) = xty_[i];
    for (std::size_t j = 0; j < columns_; ++j) a(i, j) = xtx_[i * columns_ + j];
    largest = std::max(largest, std::abs(a(i, i)));
  }
  ublas::permutation_matrix<std::size_t> pm(columns_);
  if (ublas::lu_factorize(a, pm) != 0) return std::nullopt;
  for (std::size_t i = 0; i < columns_; ++i) {
    if (std::abs(a(i, i)) <= largest * 1e-12) return std::nullopt;
  }
  ublas::lu_substitute(a, pm, b);
  return std::vector<double>(b.begin(), b.end());
}

}  // namespace loadtwin::core
