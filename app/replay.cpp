#include "app/replay.hpp"

namespace loadtwin::app {

std::string shell_quote(std::string const& word) {
  bool safe = !word.empty();
  for (char c : word) {
    bool const ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                    c == '.' || c == '/' || c == '=' || c == ':' || c == ',' || c == '+';
    safe = safe && ok;
  }
  if (safe) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string replay_command(std::string const& plan_path, std::uint64_t seed,
                           std::vector<std::string> const& overrides,
                           std::vector<std::string> const& extra) {
  std::string out = "loadtwin sim";
  if (!plan_path.empty()) out += " " + shell_quote(plan_path);
  out += " --seed " + std::to_string(seed);
  for (auto const& e : extra) out += " " + shell_quote(e);
  for (auto const& o : overrides) out += " --set " + shell_quote(o);
  return out;
}

}  // namespace loadtwin::app
