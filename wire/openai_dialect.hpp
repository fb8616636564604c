#pragma once
// The `openai` dialect (Chat Completions, streaming; REFERENCE §9) on both sides of the
// Dialect seam: what vLLM, OpenAI and the other OpenAI-compatible servers speak.
#include "wire/dialect.hpp"

namespace loadtwin::wire {

class OpenAIClient final : public ClientDialect {
 public:
  [[nodiscard]] std::string_view name() const override { return "openai"; }
  // POST /v1/chat/completions with Authorization: Bearer and a streamed JSON body asking
  // for usage (a plan's body as written, but for `stream` and `stream_options`).
  [[nodiscard]] RequestText write_request(core::RequestKind kind,
                                          WriteOptions const& options) const override;
  [[nodiscard]] std::unique_ptr<ReplyReader> read_reply(Emit emit) const override;
};

class OpenAIServer final : public ServerDialect {
 public:
  [[nodiscard]] std::string_view path() const override { return "/v1/chat/completions"; }
  [[nodiscard]] ParsedRequest read_request(std::string_view body) const override;
  [[nodiscard]] std::unique_ptr<ReplyRenderer> render_reply(ParsedRequest const& request,
                                                            core::ResponseScript const& script,
                                                            std::uint32_t tool_chunks,
                                                            ReplyIds const& ids) const override;
  // OpenAI's error shape; the request id travels in the headers only.
  [[nodiscard]] std::string error_body(int status, std::string_view message,
                                       std::string_view request_id) const override;
};

}  // namespace loadtwin::wire
