#pragma once
// A records file written on a thread of its own, so that rendering, zlib's compression and
// the file writes overlap with the run instead of adding to it (core stays single-threaded;
// this runs core's RecordsWriter on a thread). The run's thread copies each record into a
// reused slot and hands over a batch at a time; while the writing thread is still busy with
// the last batch, the run's thread renders the next one itself rather than wait, so the two
// share the rendering as their loads allow. Records keep their order; the bytes are those of
// core::RecordsWriter.
#include <memory>
#include <string>

#include "core/report/records_io.hpp"

namespace loadtwin::app {

// Records rendered and written to `sink` in the background, after `header`'s line.
std::unique_ptr<core::RecordsOutput> records_in_background(std::unique_ptr<core::PieceSink> sink,
                                                           core::RecordsHeader const& header);

// core::RecordsWriter::open, written in the background; nullptr and `error` when the file
// cannot be created.
std::unique_ptr<core::RecordsOutput> open_records_writer(std::string const& path,
                                                         core::RecordsHeader const& header,
                                                         std::string& error);

}  // namespace loadtwin::app
