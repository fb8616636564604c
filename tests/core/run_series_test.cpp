#include "core/report/run_series.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <numeric>
#include <sstream>

#include "core/report/series_readers.hpp"

namespace loadtwin::core {
namespace {

TEST(run_series_test, samples_fall_into_the_window_of_their_instant) {
  RunSeries s;
  s.add_request(ms(0));
  s.add_request(ms(999));
  s.add_request(ms(1000));  // the next window starts at exactly 1 s
  s.add_error(ms(2500), "timeout");
  s.add_error(ms(2600), "timeout");
  s.add_error(ms(2700), "reset");
  ASSERT_EQ(s.windows.size(), 3U);
  EXPECT_EQ(s.windows[0].requests, 2U);
  EXPECT_EQ(s.windows[1].requests, 1U);
  EXPECT_EQ(s.total_requests(), 3U);
  auto const errors = s.errors_per_window();
  EXPECT_EQ(errors.at("timeout"), (std::vector<std::uint64_t>{0, 0, 2}));
  EXPECT_EQ(errors.at("reset"), (std::vector<std::uint64_t>{0, 0, 1}));
}

TEST(run_series_test, vus_are_the_largest_value_in_a_window_carried_across_quiet_ones) {
  RunSeries s;
  s.add_vus(ms(0), 5);
  s.add_vus(ms(400), 10);
  s.add_vus(ms(3200), 2);  // windows 1 and 2 have no sample: 10 carries over
  s.extend_to(seconds(5));
  EXPECT_EQ(s.vus_per_window(), (std::vector<double>{10, 10, 10, 10, 2}));
  EXPECT_TRUE(s.has_vus);
}

TEST(run_series_test, samples_at_the_end_instant_fold_into_the_last_window) {
  RunSeries s;
  s.add_vus(ms(500), 4);
  s.add_request(ms(1500));
  s.add_ttft(ms(1500), 80);
  s.add_vus(seconds(2), 0);  // the gauge's last sample, at the run's 2 s end
  s.add_request(seconds(2));
  s.add_error(seconds(2), "timeout");
  ASSERT_EQ(s.windows.size(), 3U);
  s.fold_past(2);
  ASSERT_EQ(s.windows.size(), 2U);
  EXPECT_EQ(s.windows[1].requests, 2U);
  EXPECT_EQ(s.windows[1].errors.at("timeout"), 1U);
  EXPECT_EQ(s.windows[1].ttft_ms, (std::vector<double>{80}));
  EXPECT_EQ(s.vus_per_window(), (std::vector<double>{4, 4}));  // 4 carried in, then 0
  EXPECT_EQ(s.windows[1].vus_last, 0);
}

TEST(run_series_test, window_percentiles_use_k6_interpolation_and_skip_empty_windows) {
  RunSeries s;
  for (int v = 1; v <= 10; ++v) s.add_ttft(ms(100), v);  // p(95) of 1..10 is 9.55 (SPEC)
  s.add_ttft(ms(2100), 7);
  auto const p95 = s.ttft_percentile(0.95);
  ASSERT_EQ(p95.size(), 3U);
  EXPECT_DOUBLE_EQ(*p95[0], 9.55);
  EXPECT_FALSE(p95[1]);
  EXPECT_DOUBLE_EQ(*p95[2], 7);
}

TEST(run_series_test, histogram_counts_every_sample_in_nice_bins) {
  RunSeries s;
  // 100..149 ms, 20 of each: a 49 ms range in about 40 bins is 1.225 ms, rounded up to 2.
  for (int i = 0; i < 1000; ++i) s.add_ttft(ms(i), 100 + i % 50);
  auto const h = ttft_histogram(s);
  EXPECT_FALSE(h.open_last);
  ASSERT_EQ(h.counts.size(), 25U);
  EXPECT_EQ(h.counts, std::vector<std::uint64_t>(25, 40));
  ASSERT_EQ(h.edges_ms.size(), 26U);
  EXPECT_DOUBLE_EQ(h.edges_ms.front(), 100);
  EXPECT_DOUBLE_EQ(h.edges_ms.back(), 150);
  EXPECT_EQ(h.labels.size(), h.counts.size());
  EXPECT_EQ(h.labels.front(), fmt::format("{:g}–{:g} ms", h.edges_ms[0], h.edges_ms[1]));
}

TEST(run_series_test, a_long_tail_goes_into_one_open_last_bin) {
  RunSeries s;
  for (int i = 0; i < 995; ++i) s.add_ttft(ms(i), 100 + i % 10);
  for (int i = 0; i < 5; ++i) s.add_ttft(ms(i), 10'000);  // 0.5% at 10 s
  auto const h = ttft_histogram(s);
  ASSERT_TRUE(h.open_last);
  EXPECT_EQ(h.counts.back(), 5U);
  EXPECT_EQ(h.labels.back(), fmt::format("≥ {:g} ms", h.edges_ms[h.counts.size() - 1]));
  EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), std::uint64_t{0}), 1000U);
}

TEST(run_series_test, equal_values_make_one_bin) {
  RunSeries s;
  s.add_ttft(ms(1), 100);
  s.add_ttft(ms(2), 100);
  auto const h = ttft_histogram(s);
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{2}));
}

TEST(run_series_test, merge_adds_counts_joins_samples_and_adds_carried_vus) {
  RunSeries a, b;
  a.add_vus(ms(0), 3);
  a.add_request(ms(100));
  a.add_ttft(ms(100), 50);
  b.add_vus(ms(0), 2);
  b.add_vus(ms(2500), 0);
  b.add_request(ms(2100));
  b.add_error(ms(2100), "reset");
  b.add_ttft(ms(1100), 70);
  merge_series(a, b);
  ASSERT_EQ(a.windows.size(), 3U);
  EXPECT_EQ(a.vus_per_window(), (std::vector<double>{5, 5, 5}));  // b ends at 0 in window 2
  EXPECT_EQ(a.windows[2].vus_last, 3);
  EXPECT_EQ(a.total_requests(), 2U);
  EXPECT_EQ(a.total_ttft_samples(), 2U);
  EXPECT_EQ(a.errors_per_window().at("reset"), (std::vector<std::uint64_t>{0, 0, 1}));
}

// The NDJSON reader skips k6-shaped lines of metrics the charts do not use without parsing
// them, and still parses -- and names -- every line it cannot skip by its shape alone.
TEST(run_series_test, ndjson_lines_of_unused_metrics_are_skipped_and_bad_lines_named) {
  std::string const point =
      R"({"type":"Point","data":{"time":"1970-01-01T00:00:01.5Z","value":1,"tags":{}},)";
  std::string const good = point + R"("metric":"http_reqs"})" + "\n" + point +
                           R"("metric":"http_req_waiting"})" + "\n" +
                           R"({"type":"Point","broken json","metric":"http_req_waiting"})" + "\n";
  std::string error;
  std::istringstream in(good);
  auto const series = read_series_ndjson(in, "s.ndjson", error);
  ASSERT_TRUE(series.has_value()) << error;
  EXPECT_EQ(series->total_requests(), 1U);  // the unused metric's lines add nothing
  for (auto const& bad :
       {std::string(R"({"type":"Point","broken","metric":"http_reqs"})"),
        std::string("not json at all"), point + R"("metric":"http_req_waiting")"}) {
    std::istringstream one(good + bad + "\n");
    EXPECT_FALSE(read_series_ndjson(one, "s.ndjson", error).has_value()) << bad;
    EXPECT_EQ(error.rfind("s.ndjson:4: ", 0), 0U) << error;
  }
}

}  // namespace
}  // namespace loadtwin::core
