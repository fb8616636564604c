// libFuzzer: what the mock does with request bytes before any timing: Beast's request
// parser with the mock's header and body limits, then the Messages API validation of the
// body and the error body it would answer with.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>

#include "wire/anthropic_wire.hpp"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(8 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && parser.need_eof()) parser.put_eof(ec);
  auto const& body = parser.get().body();
  auto const request = loadtwin::wire::parse_messages_request(body);
  if (request.valid == !request.error.empty()) __builtin_trap();
  if (!request.valid) {
    auto const reply = loadtwin::wire::error_body(400, request.error, "req_fuzz");
    if (reply.find("invalid_request_error") == std::string::npos) __builtin_trap();
  }
  return 0;
}
