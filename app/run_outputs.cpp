#include "app/run_outputs.hpp"

#include <unistd.h>

#include <filesystem>

#include "app/background_records.hpp"
#include "core/version.hpp"

namespace loadtwin::app {

std::optional<std::string> check_writable(std::string const& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path const p(path);
  if (fs::is_directory(p, ec)) return path + ": is a directory, not a file";
  if (fs::exists(p, ec)) {
    if (access(path.c_str(), W_OK) != 0) return path + ": cannot write (permission denied)";
    return std::nullopt;
  }
  fs::path const dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) return path + ": cannot write (no folder " + dir.string() + ")";
  if (access(dir.c_str(), W_OK) != 0) return path + ": cannot write (folder not writable)";
  return std::nullopt;
}

std::optional<std::string> RunOutputs::open(std::vector<std::string> const& outs,
                                            std::string const& start_time) {
  for (auto const& out : outs) {
    auto const eq = out.find('=');
    std::string const kind = out.substr(0, eq);
    std::string const path = eq == std::string::npos ? "" : out.substr(eq + 1);
    if ((kind != "json" && kind != "requests" && kind != "part") || path.empty()) {
      return "--out expects json=FILE, requests=FILE or part=FILE, got '" + out + "'";
    }
    (kind == "json" ? samples_path_ : kind == "part" ? part_path_ : records_path_) = path;
    if (auto problem = check_writable(path)) return *problem;
  }
  if (!start_time.empty()) {
    auto parsed = core::parse_rfc3339(start_time);
    if (!parsed) return "--start-time expects RFC 3339 like 2024-01-02T03:04:05Z";
    start_ns_ = *parsed;
  }
  return std::nullopt;
}

std::optional<std::string> RunOutputs::attach(core::TestRun& run, core::Plan const& plan,
                                              RunIdentity const& identity,
                                              std::optional<std::int64_t> wall_start_ns) {
  std::int64_t const start = wall_start_ns.value_or(start_ns_);
  if (!samples_path_.empty()) {
    samples_file_.open(samples_path_, std::ios::binary | std::ios::trunc);
    if (!samples_file_) return samples_path_ + ": cannot open for writing";
    samples_ = std::make_unique<core::NdjsonWriter>(samples_file_, run.thresholds(), start);
    observers_.add(samples_.get());
  }
  if (collect_series_) {
    collector_ = std::make_unique<core::SeriesCollector>(series_);
    observers_.add(collector_.get());
  }
  if (observers_.size() > 0) run.metrics().set_observer(&observers_);
  if (!records_path_.empty()) {
    auto const header = records_header(run.seed(), plan, identity, start);
    std::string error;
    records_ = open_records_writer(records_path_, header, error);
    if (!records_) return error;
    tee_.targets.insert(tee_.targets.begin(), records_.get());
  }
  if (!tee_.targets.empty()) run.set_record_observer(&tee_);
  return std::nullopt;
}

core::RecordsHeader RunOutputs::records_header(std::uint64_t seed, core::Plan const& plan,
                                               RunIdentity const& identity,
                                               std::int64_t start_ns) const {
  return core::RecordsHeader{1,
                             std::string(core::loadtwin_version),
                             plan.sha256,
                             seed,
                             identity.segment,
                             identity.sequence,
                             core::rfc3339_nano(start_ns),
                             identity.mode,
                             identity.dialect};
}

std::optional<std::string> RunOutputs::finish() {
  if (samples_ && !samples_file_.flush()) return samples_path_ + ": write failed";
  if (records_ && !records_->close()) return records_path_ + ": write failed";
  return std::nullopt;
}

}  // namespace loadtwin::app
