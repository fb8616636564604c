// Rendering per-request records (core/report/records_render.cpp) with no file under it: a
// streamed record as the baseline writes it (49 deltas 20 ms apart, nanosecond offsets),
// and one with irregular offsets, as a lognormal token interval gives. Reports records and
// bytes per second of one thread.
#include <benchmark/benchmark.h>

#include <string>

#include "core/report/records_io.hpp"

namespace {

using loadtwin::core::Duration;
using loadtwin::core::Instant;

loadtwin::core::RequestRecord streamed_record(bool irregular) {
  loadtwin::core::RequestRecord r;
  r.scenario = "simple_query";
  r.key = "simple_query/41/1234";
  r.vu = 41;
  r.iteration = 1234;
  r.intended = Instant{} + Duration{31'250'000'000};
  r.sent = r.intended;
  r.headers = r.sent;
  r.first_text = r.sent + Duration{100'000'000};
  std::int64_t offset = 100'000'000;
  for (int i = 0; i < 49; ++i) {
    offset += irregular ? 17'000'000 + (i * 7'919'113) % 9'000'000 : 20'000'000;
    r.deltas.push_back({Duration{offset}, 1});
  }
  r.end = r.sent + Duration{offset};
  r.status = 200;
  r.input_tokens = 8;
  r.output_tokens = 50;
  r.in_flight = 812;
  return r;
}

void bm_render(benchmark::State& state) {
  auto const record = streamed_record(state.range(0) != 0);
  std::string lines;
  lines.reserve(loadtwin::core::kRecordsPieceBytes + (1 << 14));
  double records = 0, bytes = 0;
  for (auto _ : state) {
    loadtwin::core::append_record(lines, record);
    lines += '\n';
    if (lines.size() >= loadtwin::core::kRecordsPieceBytes) {
      bytes += static_cast<double>(lines.size());
      benchmark::DoNotOptimize(lines.data());
      lines.clear();
    }
    ++records;
  }
  bytes += static_cast<double>(lines.size());
  state.counters["records/s"] = benchmark::Counter(records, benchmark::Counter::kIsRate);
  state.counters["bytes/s"] = benchmark::Counter(bytes, benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(bm_render)->Arg(0)->Arg(1);
BENCHMARK_MAIN();
