#pragma once
// A records file written on a thread of its own: the run's thread only renders lines, and
// zlib's compression and the file writes overlap with the run instead of adding to it
// (core stays single-threaded; this wraps its sink). Pieces keep their order.
#include <memory>
#include <string>

#include "core/report/records_io.hpp"

namespace loadtwin::app {

// `inner` written from a thread that the returned sink owns until close().
std::unique_ptr<core::PieceSink> in_background(std::unique_ptr<core::PieceSink> inner);

// core::RecordsWriter::open, with the file written in the background.
std::unique_ptr<core::RecordsWriter> open_records_writer(std::string const& path,
                                                         core::RecordsHeader const& header,
                                                         std::string& error);

}  // namespace loadtwin::app
