#include "wire/flat_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

namespace loadtwin::wire {

namespace json = boost::json;

// basic_parser's handler: appends each value to the document as the parser meets it.
class FlatJsonBuilder {
 public:
  // json::parse's own limits (those of json::object, json::array, json::string).
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit FlatJsonBuilder(FlatJson* doc) : doc_(doc) {}

  bool on_document_begin(json::error_code&) {
    doc_->nodes_.clear();
    doc_->text_.clear();
    doc_->open_.clear();
    return true;
  }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) { return open(FlatJson::Kind::array); }
  bool on_array_end(std::size_t, json::error_code&) { return close(); }
  bool on_object_begin(json::error_code&) { return open(FlatJson::Kind::object); }
  bool on_object_end(std::size_t, json::error_code&) { return close(); }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    return append(s, string_at_);
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    append(s, string_at_);
    auto& node = push(FlatJson::Kind::string);
    node.text_at = string_at_;
    node.text_size = doc_->text_.size() - string_at_;
    string_at_ = npos;
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    return append(s, key_at_);
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    append(s, key_at_);
    key_size_ = doc_->text_.size() - key_at_;
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    push(FlatJson::Kind::int64).int64 = i;
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    push(FlatJson::Kind::uint64).uint64 = u;
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    push(FlatJson::Kind::real).real = d;
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    push(FlatJson::Kind::boolean).boolean = b;
    return true;
  }
  bool on_null(json::error_code&) {
    push(FlatJson::Kind::null);
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Text of a key or string, which may come in parts; `at` marks where it began.
  bool append(json::string_view s, std::size_t& at) {
    if (at == npos) at = doc_->text_.size();
    doc_->text_.append(s.data(), s.size());
    return true;
  }
  // A new value: the member of the pending key when its container is an object.
  FlatJson::Node& push(FlatJson::Kind kind) {
    auto const index = static_cast<std::uint32_t>(doc_->nodes_.size());
    auto& node = doc_->nodes_.emplace_back();
    node.kind = kind;
    node.end = index + 1;
    if (key_at_ != npos) {
      node.key_at = key_at_;
      node.key_size = key_size_;
      key_at_ = npos;
    }
    return node;
  }
  bool open(FlatJson::Kind kind) {
    doc_->open_.push_back(static_cast<std::uint32_t>(doc_->nodes_.size()));
    push(kind);
    return true;
  }
  bool close() {
    doc_->nodes_[doc_->open_.back()].end = static_cast<std::uint32_t>(doc_->nodes_.size());
    doc_->open_.pop_back();
    return true;
  }

  FlatJson* doc_;
  std::size_t key_at_ = npos, key_size_ = 0;
  std::size_t string_at_ = npos;
};

namespace {

// As json::parse: the whole text is one document, with default options.
template <class Parser>
bool run(Parser& parser, std::string_view text) {
  json::error_code ec;
  std::size_t const used = parser.write_some(false, text.data(), text.size(), ec);
  return !ec && used == text.size();
}

// Accepts everything: is_valid_json's handler.
struct NullHandler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();
  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t, json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t, json::error_code&) { return true; }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_key_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_key(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return true; }
  bool on_double(double, json::string_view, json::error_code&) { return true; }
  bool on_bool(bool, json::error_code&) { return true; }
  bool on_null(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

}  // namespace

std::string_view FlatJson::Value::as_string() const {
  return std::string_view(doc_->text_).substr(node_->text_at, node_->text_size);
}

FlatJson::Value FlatJson::Value::get(std::string_view key) const {
  Value found;
  if (!is_object()) return found;
  for (std::uint32_t i = index_ + 1; i < node_->end; i = doc_->nodes_[i].end) {
    if (doc_->key_of(doc_->nodes_[i]) == key) found = Value(doc_, i);
  }
  return found;
}

bool FlatJson::parse(std::string_view text) {
  json::basic_parser<FlatJsonBuilder> parser(json::parse_options{}, this);
  if (run(parser, text)) return true;
  nodes_.clear();
  text_.clear();
  return false;
}

bool is_valid_json(std::string_view text) {
  json::basic_parser<NullHandler> parser(json::parse_options{});
  return run(parser, text);
}

}  // namespace loadtwin::wire
