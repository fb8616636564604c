#pragma once
// `expect` (SPEC "Plan file"): what a successful exchange is for one scenario -- the statuses
// it accepts (codes, or classes such as "4xx") and what a 2xx reply must contain. Anything
// else is an `errors`=1 sample with a reason.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/request_kind.hpp"

namespace loadtwin::core {

enum class ExpectedContent : std::uint8_t {
  text,      // a stream with at least one non-empty text delta (else reason no_text)
  tool_use,  // a complete tool call (else reason tool_use_missing)
  any,       // whatever the body holds
};

constexpr std::string_view to_string(ExpectedContent content) {
  switch (content) {
    case ExpectedContent::text:
      return "text";
    case ExpectedContent::tool_use:
      return "tool_use";
    case ExpectedContent::any:
      return "any";
  }
  return "?";
}

struct Expect {
  std::vector<int> codes;    // exact statuses, e.g. 200
  std::vector<int> classes;  // status classes by hundreds: 4 means "4xx"
  ExpectedContent content = ExpectedContent::text;

  // Whether `status` is an expected response (the expected_response tag).
  [[nodiscard]] bool accepts(int status) const {
    for (int c : codes) {
      if (c == status) return true;
    }
    for (int c : classes) {
      if (status / 100 == c) return true;
    }
    return false;
  }
  friend bool operator==(Expect const&, Expect const&) = default;
};

// exec's default: simple_query {[200], text}; tool_call {[200], tool_use};
// invalid_request {[400], any}.
inline Expect default_expect(RequestKind kind) {
  switch (kind) {
    case RequestKind::simple_query:
      return {{200}, {}, ExpectedContent::text};
    case RequestKind::tool_call:
      return {{200}, {}, ExpectedContent::tool_use};
    case RequestKind::invalid_request:
      return {{400}, {}, ExpectedContent::any};
  }
  return {};
}

}  // namespace loadtwin::core
