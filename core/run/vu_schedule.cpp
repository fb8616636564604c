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

namespace {

// Whether the raw curve climbs back to `level` within (from, until], starting after step
// `next`; on success `next` becomes the index of the step just before that climb.
bool climbs_back(std::vector<VuStep> const& raw, std::size_t& next, std::uint32_t level,
                 Duration until) {
  for (std::size_t i = next + 1; i < raw.size() && raw[i].offset <= until; ++i) {
    if (raw[i].planned_vus >= level) {
      next = i - 1;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<VuStep> graceful_vu_steps(std::vector<VuStep> const& raw, Duration grace,
                                      Duration executor_end) {
  if (grace.count() == 0 || raw.empty()) return raw;
  std::vector<VuStep> allowed{raw.front()};
  std::uint32_t last = raw.front().planned_vus;
  for (std::size_t i = 1; i < raw.size(); ++i) {
    VuStep const& step = raw[i];
    if (step.planned_vus > last) {
      allowed.push_back(step);
      last = step.planned_vus;
      continue;
    }
    if (step.planned_vus == last) continue;
    Duration const held_until = step.offset + grace;
    if (climbs_back(raw, i, last, held_until)) continue;
    if (held_until >= executor_end) break;
    allowed.push_back({held_until, step.planned_vus});
    last = step.planned_vus;
  }
  return allowed;
}

}  // namespace loadtwin::core
