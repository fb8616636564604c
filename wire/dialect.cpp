#include "wire/dialect.hpp"

#include "wire/anthropic_dialect.hpp"
#include "wire/openai_dialect.hpp"

namespace loadtwin::wire {
namespace {

AnthropicClient const anthropic_client;
AnthropicServer const anthropic_server;
OpenAIClient const openai_client;
OpenAIServer const openai_server;

}  // namespace

ClientDialect const* find_client_dialect(std::string_view name) {
  if (name == anthropic_client.name()) return &anthropic_client;
  if (name == openai_client.name()) return &openai_client;
  return nullptr;
}

ServerDialect const* find_server_dialect(std::string_view path) {
  if (path == anthropic_server.path()) return &anthropic_server;
  if (path == openai_server.path()) return &openai_server;
  return nullptr;
}

std::vector<std::string_view> dialect_names() {
  return {anthropic_client.name(), openai_client.name()};
}

}  // namespace loadtwin::wire
