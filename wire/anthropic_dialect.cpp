#include "wire/anthropic_dialect.hpp"

#include <boost/json.hpp>

#include "wire/anthropic_reader.hpp"
#include "wire/anthropic_wire.hpp"

namespace loadtwin::wire {
namespace {

// SPEC "Requests": a plan's body is sent as written except `stream`, which every exec sets.
std::string streamed(std::string const& body) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(body, ec);
  if (ec || !doc.is_object()) return body;  // the plan loader only lets objects through
  doc.as_object()["stream"] = true;
  return boost::json::serialize(doc);
}

}  // namespace

RequestText AnthropicClient::write_request(core::RequestKind kind,
                                           WriteOptions const& options) const {
  RequestText request;
  request.path = "/v1/messages";
  request.headers = {{"content-type", "application/json"},
                     {"anthropic-version", "2023-06-01"},
                     {"x-api-key", options.api_key}};
  request.body =
      options.body ? streamed(*options.body) : messages_request_body(kind, options.model);
  return request;
}

std::unique_ptr<ReplyReader> AnthropicClient::read_reply(Emit emit) const {
  return std::make_unique<AnthropicReader>(std::move(emit));
}

ParsedRequest AnthropicServer::read_request(std::string_view body) const {
  return parse_messages_request(body);
}

std::unique_ptr<ReplyRenderer> AnthropicServer::render_reply(ParsedRequest const& request,
                                                             core::ResponseScript const& script,
                                                             std::uint32_t tool_chunks,
                                                             ReplyIds const& ids) const {
  return std::make_unique<StreamRenderer>(request, script, tool_chunks, ids.message_id);
}

std::string AnthropicServer::error_body(int status, std::string_view message,
                                        std::string_view request_id) const {
  return wire::error_body(status, message, request_id);
}

}  // namespace loadtwin::wire
