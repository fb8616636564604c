#include "wire/sse_parser.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace loadtwin::wire {
namespace {

std::vector<SseEvent> parse_pieces(std::vector<std::string_view> const& pieces) {
  std::vector<SseEvent> out;
  SseParser parser;
  for (auto piece : pieces) parser.feed(piece, [&](SseEvent&& e) { out.push_back(std::move(e)); });
  parser.finish([&](SseEvent&& e) { out.push_back(std::move(e)); });
  return out;
}

std::string const wire =
    "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
    ": a comment\r\n"
    "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n"
    "id: 7\nretry: 10\nevent: content_block_delta\rdata:{\"a\":1}\rdata: line2\r\r"
    "data: {\"type\":\"content_block_delta\"}\n\n";

}  // namespace

TEST(sse_parser_test, decodes_fields_like_the_official_sdk) {
  auto const events = parse_pieces({wire});
  ASSERT_EQ(events.size(), 4U);
  EXPECT_EQ(events[0], (SseEvent{"message_start", "{\"type\":\"message_start\"}"}));
  EXPECT_EQ(events[1], (SseEvent{"ping", "{\"type\": \"ping\"}"}));
  // No space after the colon is fine; data lines join with \n; id/retry are ignored.
  EXPECT_EQ(events[2], (SseEvent{"content_block_delta", "{\"a\":1}\nline2"}));
  // The seed mock's data-only dialect: no event name.
  EXPECT_EQ(events[3], (SseEvent{"", "{\"type\":\"content_block_delta\"}"}));
}

TEST(sse_parser_test, same_events_for_every_split_point) {
  auto const expected = parse_pieces({wire});
  for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
    SCOPED_TRACE(cut);
    std::string_view const w = wire;
    EXPECT_EQ(parse_pieces({w.substr(0, cut), w.substr(cut)}), expected);
  }
  std::vector<std::string_view> bytes;  // one byte at a time
  for (std::size_t i = 0; i < wire.size(); ++i)
    bytes.push_back(std::string_view(wire).substr(i, 1));
  EXPECT_EQ(parse_pieces(bytes), expected);
}

TEST(sse_parser_test, flushes_an_unterminated_last_event_and_fails_on_huge_lines) {
  auto const events = parse_pieces({"event: message_stop\ndata: {}"});
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].event, "message_stop");
  SseParser parser(16);
  EXPECT_FALSE(parser.feed(std::string(17, 'x'), [](SseEvent&&) {}));
  EXPECT_TRUE(parser.failed());
}

}  // namespace loadtwin::wire
