#include "app/memory_check.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/run/memory_estimate.hpp"

namespace loadtwin::app {

std::optional<std::uint64_t> available_memory() {
  if (char const* limit = std::getenv("LOADTWIN_MEMORY_LIMIT")) {
    char* end = nullptr;
    auto const bytes = std::strtoull(limit, &end, 10);
    if (end != limit && *end == '\0') return bytes;
  }
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string name;
    std::uint64_t kib = 0;
    if (fields >> name >> kib && name == "MemAvailable:") return kib * 1024;
  }
  return std::nullopt;
}

std::optional<std::string> memory_refusal(core::Plan const& plan, std::uint64_t bytes_per_vu,
                                          std::uint64_t copies) {
  auto const available = available_memory();
  std::uint64_t const needed = core::estimated_vu_memory(plan, bytes_per_vu) * copies;
  if (!available || needed <= *available) return std::nullopt;
  std::uint64_t vus = 0;
  for (auto const& s : plan.scenarios) vus += core::scenario_max_vus(s);
  auto const gib = [](std::uint64_t b) { return static_cast<double>(b) / (1 << 30); };
  return fmt::format(
      "the plan needs about {:.1f} GiB for {} VUs{} and this machine has {:.1f} GiB available: "
      "lower the VUs (or split the plan with --segment over several machines)",
      gib(needed), vus, copies > 1 ? fmt::format(" in {} parallel runs", copies) : "",
      gib(*available));
}

}  // namespace loadtwin::app
