#include "core/model/playback.hpp"

namespace loadtwin::core {

double slowdown_scale(ModelConfig const& model, std::uint32_t active_streams) {
  if (active_streams <= 1 || model.slowdown_per_active_stream == 0) return 1.0;
  return 1.0 + model.slowdown_per_active_stream * static_cast<double>(active_streams - 1);
}

ReplyTimeline::ReplyTimeline(ResponseScript const& script, Instant t0, double scale,
                             bool holds_slot)
    : t0_(t0),
      last_offset_(script.last_offset()),
      half_(half_rtt(script)),
      scale_(scale),
      holds_slot_(holds_slot) {}

ReplyTimeline ReplyTimeline::at_once(ResponseScript const& script, Instant arrival) {
  return ReplyTimeline(script, arrival, 1.0, false);
}

ReplyTimeline ReplyTimeline::stream(ResponseScript const& script, Instant t0, double scale) {
  return ReplyTimeline(script, t0, scale, true);
}

std::optional<Instant> ReplyTimeline::slot_release() const {
  if (!holds_slot_) return std::nullopt;
  return last_written();
}

}  // namespace loadtwin::core
