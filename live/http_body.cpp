// A reply's body, once its head is in: read by a plain callback per arrival (a coroutine
// resumed per read costs more than the parsing it feeds), parsed with the parser's put()
// as http::async_read_some does but without its composed operation, and streamed bodies
// fed to the dialect's reader.
#include <string>

#include "live/http_exchange.hpp"

namespace loadtwin::live {
namespace {

// retry-after(-ms) and the rate-limit families (SPEC "Rate limits"), kept in the records.
bool is_ratelimit_header(std::string_view name) {
  auto const lower_starts = [name](std::string_view prefix) {
    if (name.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(name[i])) != prefix[i]) return false;
    }
    return true;
  };
  return lower_starts("retry-after") || lower_starts("anthropic-ratelimit-") ||
         lower_starts("x-ratelimit-");
}

template <class Fields>
core::HeaderList ratelimit_headers(Fields const& fields) {
  core::HeaderList out;
  for (auto const& field : fields) {
    if (is_ratelimit_header(field.name_string())) {
      out.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
  }
  return out;
}

using ResponseParser = http::response_parser<http::buffer_body>;

// Parses the buffered bytes; need_more asks for a read.
boost::system::error_code parse_buffered(ResponseParser& parser, beast::flat_buffer& buffer) {
  boost::system::error_code ec = http::error::need_more;
  if (buffer.size() > 0) buffer.consume(parser.put(buffer.data(), ec));
  return ec;
}

// After a read that ended with `ec`: the end of the connection as Beast takes it (the end of
// a body that runs to the close, or a cut message), else the new bytes parsed.
boost::system::error_code parse_after_read(ResponseParser& parser, beast::flat_buffer& buffer,
                                           boost::system::error_code ec) {
  if (ec == net::error::eof) {
    if (!parser.got_some()) return http::error::end_of_stream;
    boost::system::error_code eof_ec;
    parser.put_eof(eof_ec);
    return eof_ec;
  }
  if (ec) return ec;
  return parse_buffered(parser, buffer);
}

}  // namespace

void HttpTransport::start_body(std::shared_ptr<Exchange> x) {
  auto const& head = x->parser->get();
  x->status = static_cast<int>(head.result_int());
  auto const ratelimit = ratelimit_headers(head);
  x->observer->on_event(core::StreamEvent{.type = core::StreamEventType::headers,
                                          .at = scheduler_.now(),
                                          .status = x->status,
                                          .injected = head["loadtwin-injected"] == "1",
                                          .ratelimit = &ratelimit});
  x->sse = head[http::field::content_type].starts_with("text/event-stream");
  if (x->sse && x->status == 200) {
    // A raw pointer fits std::function's local storage (no allocation per request); the
    // exchange owns the reader.
    x->reader = dialect_.read_reply([exchange = x.get()](core::StreamEvent const& e) {
      if (!exchange->ended) exchange->observer->on_event(e);
    });
  }
  pump_body(std::move(x));
}

// Parses what the connection holds; reads when the parser needs more.
void HttpTransport::pump_body(std::shared_ptr<Exchange> x) {
  while (!x->parser->is_done()) {
    x->parser->get().body().data = body_buf_.data();
    x->parser->get().body().size = body_buf_.size();
    auto const rec = parse_buffered(*x->parser, x->connection->buffer);
    if (rec == http::error::need_more) return read_more(std::move(x));
    if (!take_body(*x, rec)) return;
  }
  end_body(*x);
}

// One read per arrival, straight to the socket (or the TLS layer).
void HttpTransport::read_more(std::shared_ptr<Exchange> x) {
  auto& connection = *x->connection;
  auto const room = connection.buffer.prepare(beast::read_size(connection.buffer, 65536));
  connection.stream.async_read_some(
      room, [this, x = std::move(x)](boost::system::error_code ec, std::size_t n) mutable {
        on_read(std::move(x), ec, n);
      });
}

void HttpTransport::on_read(std::shared_ptr<Exchange> x, boost::system::error_code ec,
                            std::size_t n) {
  if (x->ended) return;  // aborted: the socket was closed under the read
  auto& connection = *x->connection;
  connection.buffer.commit(n);
  x->parser->get().body().data = body_buf_.data();
  x->parser->get().body().size = body_buf_.size();
  auto const rec = parse_after_read(*x->parser, connection.buffer, ec);
  if (rec == http::error::need_more) return read_more(std::move(x));
  if (!take_body(*x, rec)) return;
  pump_body(std::move(x));
}

bool HttpTransport::take_body(Exchange& x, boost::system::error_code rec) {
  using core::OutcomeKind;
  if (rec && rec != http::error::need_buffer) {
    finish(x, {OutcomeKind::failed, scheduler_.now(), x.status, reason_for_read_error(rec),
               "reading the body: " + rec.message()});
    return false;
  }
  std::size_t const got = body_buf_.size() - x.parser->get().body().size;
  x.body_bytes += got;
  if (x.reader) {
    x.reader->feed(std::string_view(body_buf_.data(), got), scheduler_.now());
    if (auto const error = x.reader->error()) {
      finish(x, {OutcomeKind::failed, scheduler_.now(), x.status, error, {}});
      return false;  // a broken stream's connection is not reused
    }
  } else if (x.body_bytes > options_.max_error_body) {
    finish(x, {OutcomeKind::failed, scheduler_.now(), x.status, core::ErrorReason::malformed_stream,
               "response body over the limit"});
    return false;
  }
  return true;
}

void HttpTransport::end_body(Exchange& x) {
  using core::OutcomeKind;
  core::Instant const done = scheduler_.now();
  std::optional<core::ErrorReason> error;
  if (x.status == 200 && !x.sse) error = core::ErrorReason::malformed_stream;
  if (x.reader) {
    x.reader->end_of_body(done);
    error = x.reader->error();
  }
  // Back to the pool before on_end: the VU may start its next request synchronously.
  if (!error && x.parser->keep_alive()) idle_.push_back(x.connection);
  if (error) {
    finish(x, {OutcomeKind::failed, done, x.status, error, {}});
  } else {
    finish(x, {OutcomeKind::completed, done, x.status, {}, {}});
  }
}

}  // namespace loadtwin::live
