#include "wire/openai_dialect.hpp"

#include "wire/openai_reader.hpp"
#include "wire/openai_renderer.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {

RequestText OpenAIClient::write_request(core::RequestKind kind, WriteOptions const& options) const {
  RequestText request;
  request.path = "/v1/chat/completions";
  request.headers = {{"content-type", "application/json"},
                     {"authorization", "Bearer " + options.api_key}};
  request.body = options.body ? chat_body_for_streaming(*options.body)
                              : chat_request_body(kind, options.model);
  return request;
}

std::unique_ptr<ReplyReader> OpenAIClient::read_reply(Emit emit) const {
  return std::make_unique<ChatReader>(std::move(emit));
}

ParsedRequest OpenAIServer::read_request(std::string_view body) const {
  return parse_chat_request(body);
}

std::unique_ptr<ReplyRenderer> OpenAIServer::render_reply(ParsedRequest const& request,
                                                          core::ResponseScript const& script,
                                                          std::uint32_t tool_chunks,
                                                          ReplyIds const& ids) const {
  return std::make_unique<ChatStreamRenderer>(request, script, tool_chunks, ids.message_id);
}

std::string OpenAIServer::error_body(int status, std::string_view message,
                                     std::string_view /*request_id*/) const {
  return chat_error_body(status, message);
}

}  // namespace loadtwin::wire
