#pragma once
// `--vary PATH=FROM..TO:STEP`: the values of one swept parameter (SPEC "--vary"). The grid is
// FROM + k*STEP for k = 0..round((TO - FROM)/STEP), TO included. Durations ("100ms") are
// stepped in integer nanoseconds and written back as duration strings; plain numbers stay
// numbers (integers when FROM and STEP are).
#include <optional>
#include <string>
#include <vector>

namespace loadtwin::app {

struct Vary {
  std::string path;
  bool duration = false;
  bool integer = false;
  double from = 0, to = 0, step = 0;  // ns for durations
  // The value of grid index k (or of any parameter value x) as the plan expects it.
  [[nodiscard]] std::string format(double x) const;
  [[nodiscard]] std::vector<double> values() const;
};

// Parses one --vary; nullopt and a message on a bad range or step.
std::optional<Vary> parse_vary(std::string const& text, std::string& error);

}  // namespace loadtwin::app
