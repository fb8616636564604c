#pragma once
// The `anthropic` dialect (Messages API, REFERENCE §2) on both sides of the Dialect seam.
// Its reader also reads the seed's Node mock (data-only SSE, REFERENCE §7).
#include "wire/dialect.hpp"

namespace loadtwin::wire {

class AnthropicClient final : public ClientDialect {
 public:
  [[nodiscard]] std::string_view name() const override { return "anthropic"; }
  // POST /v1/messages with x-api-key, anthropic-version and a JSON body.
  [[nodiscard]] RequestText write_request(core::RequestKind kind,
                                          WriteOptions const& options) const override;
  [[nodiscard]] std::unique_ptr<ReplyReader> read_reply(Emit emit) const override;
};

class AnthropicServer final : public ServerDialect {
 public:
  [[nodiscard]] std::string_view path() const override { return "/v1/messages"; }
  [[nodiscard]] ParsedRequest read_request(std::string_view body) const override;
  [[nodiscard]] std::unique_ptr<ReplyRenderer> render_reply(ParsedRequest const& request,
                                                            core::ResponseScript const& script,
                                                            std::uint32_t tool_chunks,
                                                            ReplyIds const& ids) const override;
  [[nodiscard]] std::string error_body(int status, std::string_view message,
                                       std::string_view request_id) const override;
};

}  // namespace loadtwin::wire
