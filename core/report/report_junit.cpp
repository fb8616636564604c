#include "core/report/report_junit.hpp"

#include <fmt/format.h>

#include "core/report/html_page.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::core {
namespace {

std::string xml_escape(std::string const& text) { return markup_escape(text, true); }

}  // namespace

std::string render_junit(Summary const& s) {
  std::size_t failures = 0;
  for (auto const& v : s.verdicts) failures += v.passed ? 0 : 1;
  double const secs = static_cast<double>(s.duration.count()) / 1e9;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites tests=\"{}\" failures=\"{}\" time=\"{:.3f}\">\n",
                     s.verdicts.size(), failures, secs);
  out += fmt::format(
      "  <testsuite name=\"loadtwin thresholds\" tests=\"{}\" failures=\"{}\" "
      "time=\"{:.3f}\">\n",
      s.verdicts.size(), failures, secs);
  for (auto const& v : s.verdicts) {
    std::string const name = xml_escape(v.key + " " + v.source);
    std::string const observed = xml_escape("observed " + describe_observed(v, s.time_unit) +
                                            (v.no_samples ? " (no samples)" : ""));
    if (v.passed) {
      out += fmt::format(
          "    <testcase name=\"{}\" classname=\"loadtwin.thresholds\">"
          "<system-out>{}</system-out></testcase>\n",
          name, observed);
    } else {
      out += fmt::format(
          "    <testcase name=\"{}\" classname=\"loadtwin.thresholds\">\n"
          "      <failure message=\"{}\"/>\n    </testcase>\n",
          name, observed);
    }
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace loadtwin::core
