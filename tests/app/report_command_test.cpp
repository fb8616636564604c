// `--html` on sim and `loadtwin report` from the run's files, end to end through the binary.
#include "app/report_command.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/json.hpp>

#include "app/cli_run.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;
using test::contains;
using test::run_loadtwin;
using test::scratch;
using test::slurp_file;

json::object data_block(std::string const& html) {
  std::string const open = "<script type=\"application/json\" id=\"loadtwin-data\">";
  auto const at = html.find(open);
  if (at == std::string::npos) return {};
  auto const start = at + open.size();
  return json::parse(html.substr(start, html.find("</script>", start) - start)).as_object();
}

// A scratch name of this process: ctest runs each case in its own process, in parallel, and
// each makes the run below, so the files must not be shared between processes.
std::string own_scratch(std::string const& name) {
  return scratch(std::to_string(::getpid()) + "_" + name);
}

// One baseline run with every output; the files are shared by the cases of one process.
struct RunFiles {
  std::string html = own_scratch("report_run.html");
  std::string exported = own_scratch("report_export.json");
  std::string samples = own_scratch("report_samples.ndjson");
  std::string records = own_scratch("report_records.jsonl.gz");
  int exit_code = -1;
  std::string output;
};

RunFiles const& run_files() {
  static RunFiles const files = [] {
    RunFiles f;
    auto const r = run_loadtwin("sim --quiet --set model.error_rate=0.05 --html " + f.html +
                                " --summary-export " + f.exported + " --out json=" + f.samples +
                                " --out requests=" + f.records);
    f.exit_code = r.exit_code;
    f.output = r.output;
    return f;
  }();
  return files;
}

TEST(report_command_test, sim_html_is_written_with_the_runs_series) {
  auto const& f = run_files();
  ASSERT_EQ(f.exit_code, 99) << f.output;  // errors rate<0.01 fails at 5% injected errors
  auto const html = slurp_file(f.html);
  EXPECT_TRUE(contains(html, "FAILED</span> (exit 99)"));
  EXPECT_TRUE(contains(html, "<td class=\"name\">errors</td><td class=\"name\">rate&lt;0.01"));
  auto const data = data_block(html);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.at("source").as_string(), "run");
  EXPECT_EQ(data.at("windows").to_number<int>(), 90);  // the baseline's 1m30s
  EXPECT_FALSE(contains(html, "http://") || contains(html, "https://"));
}

TEST(report_command_test, report_from_samples_equals_the_runs_own_html) {
  auto const& f = run_files();
  std::string const out = own_scratch("report_from_samples.html");
  auto const r = run_loadtwin("report " + f.exported + " -o " + out + " --samples " + f.samples);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "wrote " + out));
  auto a = data_block(slurp_file(f.html));
  auto b = data_block(slurp_file(out));
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b.at("source").as_string(), "samples");
  a.erase("source");
  b.erase("source");
  EXPECT_EQ(json::serialize(a), json::serialize(b));
  // The tables come from the export: the same thresholds and scenarios.
  auto const table = [](std::string const& html) {
    auto const start = html.find("<table id=\"thresholds\">");
    return html.substr(start, html.find("</table>", start) - start);
  };
  EXPECT_EQ(table(slurp_file(out)), table(slurp_file(f.html)));
}

TEST(report_command_test, report_from_records_has_every_series_but_vus) {
  auto const& f = run_files();
  std::string const out = own_scratch("report_from_records.html");
  auto const r = run_loadtwin("report -q " + f.exported + " -o " + out + " --records " + f.records);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "");
  auto a = data_block(slurp_file(f.html));
  auto b = data_block(slurp_file(out));
  EXPECT_FALSE(b.at("has_vus").as_bool());
  for (auto const* key : {"requests", "errors", "ttft_ms", "histogram", "totals"}) {
    EXPECT_EQ(json::serialize(a.at(key)), json::serialize(b.at(key))) << key;
  }
}

TEST(report_command_test, bad_inputs_are_104_naming_the_file) {
  auto const& f = run_files();
  std::string const out = scratch("report_bad.html");
  std::string const not_export = scratch("report_not_export.json");
  { std::ofstream(not_export) << "{\"a\": 1}"; }
  struct Case {
    std::string args;
    std::string message;
  } const cases[] = {
      {"report /nonexistent.json -o " + out, "/nonexistent.json: cannot read"},
      {"report " + not_export + " -o " + out, "not a summary-export"},
      {"report " + f.exported + " -o /nonexistent/dir/r.html", "/nonexistent/dir/r.html"},
      {"report " + f.exported + " -o " + out + " --samples " + f.exported,
       f.exported + ":1: expected k6 NDJSON"},
      {"report " + f.exported + " -o " + out + " --records " + f.samples, f.samples + ":1:"},
      {"report " + f.exported, "--output is required"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.args);
    auto const r = run_loadtwin(c.args);
    EXPECT_EQ(r.exit_code, 104);
    EXPECT_TRUE(contains(r.output, c.message)) << r.output;
  }
}

TEST(report_command_test, html_with_runs_is_104) {
  auto const r = run_loadtwin("sim --runs 3 --html " + scratch("runs.html"));
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "--html describe one run")) << r.output;
}

}  // namespace
}  // namespace loadtwin::app
