#include "core/run/vu_schedule.hpp"

namespace loadtwin::core {
namespace {

Duration step_offset(Duration stage_end, Duration d, std::int64_t numerator, std::int64_t diff) {
  Int128 const shift = static_cast<Int128>(d.count()) * numerator / diff;
  return stage_end - Duration{static_cast<std::int64_t>(shift)};
}

}  // namespace

Duration total_duration(std::vector<Stage> const& stages) {
  Duration total{0};
  for (auto const& s : stages) total += s.duration;
  return total;
}

std::vector<VuStep> vu_steps(std::uint32_t start_vus, std::vector<Stage> const& stages) {
  std::vector<VuStep> steps{{Duration{0}, start_vus}};
  auto const add = [&steps](Duration offset, std::int64_t planned) {
    if (steps.back().planned_vus != static_cast<std::uint32_t>(planned)) {
      steps.push_back({offset, static_cast<std::uint32_t>(planned)});
    }
  };
  std::int64_t from = start_vus;
  Duration end{0};
  for (auto const& stage : stages) {
    end += stage.duration;
    std::int64_t const to = stage.target;
    std::int64_t const diff = to - from;
    if (diff == 0) continue;
    if (stage.duration.count() == 0) {
      add(end, to);
    } else if (diff > 0) {
      for (std::int64_t v = from + 1; v <= to; ++v)
        add(step_offset(end, stage.duration, to - v, diff), v);
    } else {
      for (std::int64_t v = from; v > to; --v)
        add(step_offset(end, stage.duration, to - v + 1, diff), v - 1);
    }
    from = to;
  }
  return steps;
}

}  // namespace loadtwin::core
