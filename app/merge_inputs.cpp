#include "app/merge_inputs.hpp"

#include <filesystem>

#include "core/report/records_io.hpp"

namespace loadtwin::app {
namespace fs = std::filesystem;

namespace {

// The first field of the run's identity where the records file's header differs from the
// part's, or "" when they agree.
std::string header_difference(core::RecordsHeader const& part, core::RecordsHeader const& file) {
  if (file.plan_sha256 != part.plan_sha256) return "plan";
  if (file.seed != part.seed) return "seed";
  if (file.segment != part.segment) return "segment (" + file.segment + ")";
  if (file.sequence != part.sequence) return "segment sequence";
  if (file.start != part.start) return "start (" + file.start + ")";
  if (file.mode != part.mode) return "mode (" + file.mode + ")";
  return "";
}

}  // namespace

RecordsFile find_records_file(core::NamedPart const& p) {
  std::string const& records = *p.part.records_path;
  std::vector<std::string> candidates{records};  // as written: relative to where it ran
  if (!fs::path(records).is_absolute()) {        // or moved along with its part
    candidates.push_back((fs::path(p.name).parent_path() / fs::path(records).filename()).string());
  }
  std::optional<RecordsFile> first_existing;
  for (auto const& candidate : candidates) {
    std::error_code ec;
    if (!fs::exists(candidate, ec)) continue;
    std::string error;
    auto reader = core::RecordsReader::open(candidate, error);
    std::string problem = error;
    if (reader) {
      auto const differs = header_difference(p.part.records_header, reader->header());
      if (differs.empty()) return {candidate, ""};
      problem = "its records file " + candidate + " is of another run or segment: its " + differs +
                " is not the part's";
    }
    if (!first_existing) first_existing = RecordsFile{candidate, std::move(problem)};
  }
  if (first_existing) return *first_existing;
  std::string error;
  core::RecordsReader::open(records, error);  // says what is wrong with it
  return {records, error};
}

namespace {

// The same file, whether or not the spellings differ; false when `output` does not exist.
bool same_file(std::string const& output, std::string const& input) {
  std::error_code ec;
  if (!fs::exists(output, ec) || !fs::exists(input, ec)) return false;
  return fs::equivalent(output, input, ec);
}

}  // namespace

std::optional<std::string> check_records_files(std::vector<core::NamedPart const*> const& parts,
                                               bool required) {
  for (auto const* p : parts) {
    if (!p->part.records_path) {
      if (!required) continue;
      return p->name + ": wrote no --out requests file, so merge cannot write requests";
    }
    if (auto const found = find_records_file(*p); !found.problem.empty()) {
      return p->name + ": " + found.problem;
    }
  }
  return std::nullopt;
}

std::optional<std::string> output_overwrites_input(
    std::vector<std::string> const& outputs, std::vector<core::NamedPart const*> const& parts) {
  for (auto const& output : outputs) {
    if (output.empty()) continue;
    for (auto const* p : parts) {
      std::vector<std::string> inputs{p->name};
      if (p->part.records_path) inputs.push_back(find_records_file(*p).path);
      for (auto const& input : inputs) {
        if (same_file(output, input)) {
          return output + " is an input of this merge (" + input + "): write it elsewhere";
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace loadtwin::app
