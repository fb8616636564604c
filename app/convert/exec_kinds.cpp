#include "app/convert/exec_kinds.hpp"

#include <array>
#include <cctype>

namespace loadtwin::app::convert {
namespace {

struct KindName {
  std::string_view name;
  core::RequestKind kind;
};

constexpr std::array<KindName, 4> kinds_by_name{{
    {"simple_query", core::RequestKind::simple_query},
    {"tool_call", core::RequestKind::tool_call},
    {"invalid_request", core::RequestKind::invalid_request},
    {"error_injection", core::RequestKind::invalid_request},
}};

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string snake_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char const c = name[i];
    // A capital starts a word after a lowercase letter or digit, or before a lowercase
    // letter inside an acronym ("HTTPQuery": the Q).
    bool const after_lower =
        i > 0 && !is_upper(name[i - 1]) && name[i - 1] != '_' && name[i - 1] != '-';
    bool const acronym_end =
        i > 0 && is_upper(name[i - 1]) && i + 1 < name.size() && is_lower(name[i + 1]);
    if (is_upper(c) && (after_lower || acronym_end) && !out.empty()) out += '_';
    out += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<core::RequestKind> kind_for_function_name(std::string_view function_name) {
  std::string const snake = snake_case(function_name);
  for (auto const& k : kinds_by_name) {
    if (k.name == snake) return k.kind;
  }
  return std::nullopt;
}

}  // namespace loadtwin::app::convert
