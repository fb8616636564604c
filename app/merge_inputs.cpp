#include "app/merge_inputs.hpp"

#include <filesystem>

#include "core/report/records_io.hpp"

namespace loadtwin::app {
namespace fs = std::filesystem;

std::string records_file_of(std::string const& part_path, std::string const& records) {
  std::error_code ec;
  if (fs::path(records).is_absolute() || fs::exists(records, ec)) return records;
  fs::path const beside = fs::path(part_path).parent_path() / fs::path(records).filename();
  return fs::exists(beside, ec) ? beside.string() : records;
}

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
    std::string error;
    auto const path = records_file_of(p->name, *p->part.records_path);
    auto reader = core::RecordsReader::open(path, error);
    if (!reader) return p->name + ": " + error;
    auto const differs = header_difference(p->part.records_header, reader->header());
    if (!differs.empty()) {
      return p->name + ": its records file " + path + " is of another run or segment: its " +
             differs + " is not the part's";
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
      if (p->part.records_path) inputs.push_back(records_file_of(p->name, *p->part.records_path));
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
