#pragma once
// What `loadtwin merge` checks of its inputs before it writes anything (SPEC: no file is
// truncated unless the run starts): each part's records file belongs to that part, and no
// output would overwrite an input.
#include <optional>
#include <string>
#include <vector>

#include "core/report/part_merge.hpp"

namespace loadtwin::app {

// The part's records file (it has one): as written, or beside the part when it moved with
// it; of the two, the one whose header is the part's. `problem` ("" when none) says why no
// candidate will do: it cannot be read, or its header is another run's or segment's.
struct RecordsFile {
  std::string path;
  std::string problem;
};
RecordsFile find_records_file(core::NamedPart const& part);

// For every part with a records file (all must have one when `required`): the file opens
// and its header is that part's (plan, seed, segment, sequence, start, mode). The first
// problem, naming the part, or nullopt.
std::optional<std::string> check_records_files(std::vector<core::NamedPart const*> const& parts,
                                               bool required);

// An output that is one of the inputs (a part or its records file): the sentence, or nullopt.
std::optional<std::string> output_overwrites_input(
    std::vector<std::string> const& outputs, std::vector<core::NamedPart const*> const& parts);

}  // namespace loadtwin::app
