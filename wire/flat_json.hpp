#pragma once
// One JSON document parsed into a flat array of values, reused from document to document:
// the live readers parse every SSE event's data, and boost::json::parse allocates each
// object, array and string of it. FlatJson runs the same parser engine with the same
// options (boost::json::basic_parser), so it accepts exactly the documents json::parse
// accepts, and answers lookups as a json::value would (a repeated key: its last value wins).
// Once its buffers have grown to a stream's largest event, a parse allocates nothing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loadtwin::wire {

class FlatJson {
 public:
  enum class Kind : std::uint8_t {
    absent,
    null,
    boolean,
    int64,
    uint64,
    real,
    string,
    array,
    object
  };

  struct Node {
    Kind kind = Kind::null;
    bool boolean = false;
    std::uint32_t end = 0;                   // one past the last node of this value's subtree
    std::size_t key_at = 0, key_size = 0;    // in text_: the member's key (object members)
    std::size_t text_at = 0, text_size = 0;  // in text_: a string's characters
    union {
      std::int64_t int64;
      std::uint64_t uint64;
      double real = 0;
    };
  };

  // A view of one value of the document (or of a missing one: kind absent), valid until
  // the next parse.
  class Value {
   public:
    Value() = default;
    [[nodiscard]] Kind kind() const { return node_ ? node_->kind : Kind::absent; }
    [[nodiscard]] bool present() const { return kind() != Kind::absent; }
    [[nodiscard]] bool is_null() const { return kind() == Kind::null; }
    [[nodiscard]] bool is_bool() const { return kind() == Kind::boolean; }
    [[nodiscard]] bool is_int64() const { return kind() == Kind::int64; }
    [[nodiscard]] bool is_string() const { return kind() == Kind::string; }
    [[nodiscard]] bool is_array() const { return kind() == Kind::array; }
    [[nodiscard]] bool is_object() const { return kind() == Kind::object; }
    // The stored number or text; call only for a value of that kind.
    [[nodiscard]] bool as_bool() const { return node_->boolean; }
    [[nodiscard]] std::int64_t as_int64() const { return node_->int64; }
    [[nodiscard]] std::uint64_t as_uint64() const { return node_->uint64; }
    [[nodiscard]] double as_double() const { return node_->real; }
    [[nodiscard]] std::string_view as_string() const;
    // A string equal to `text` (json::value == "text").
    [[nodiscard]] bool equals(std::string_view text) const {
      return is_string() && as_string() == text;
    }
    // An object's member `key` (its last one when repeated); absent when there is none or
    // this is not an object.
    [[nodiscard]] Value get(std::string_view key) const;
    // An array's elements, in order (none when this is not an array).
    template <class F>
    void for_each(F&& f) const {
      if (!is_array()) return;
      for (std::uint32_t i = index_ + 1; i < node_->end; i = doc_->nodes_[i].end) {
        f(Value(doc_, i));
      }
    }

    // An object's members (key, value), in document order, repeated keys included.
    template <class F>
    void for_each_member(F&& f) const {
      if (!is_object()) return;
      for (std::uint32_t i = index_ + 1; i < node_->end; i = doc_->nodes_[i].end) {
        f(doc_->key_of(doc_->nodes_[i]), Value(doc_, i));
      }
    }

   private:
    friend class FlatJson;
    Value(FlatJson const* doc, std::uint32_t index)
        : doc_(doc), node_(&doc->nodes_[index]), index_(index) {}
    FlatJson const* doc_ = nullptr;
    Node const* node_ = nullptr;
    std::uint32_t index_ = 0;
  };

  // False (and an empty document) exactly when boost::json::parse fails on `text`.
  bool parse(std::string_view text);
  // The document's value; absent after a failed parse.
  [[nodiscard]] Value root() const { return nodes_.empty() ? Value{} : Value(this, 0); }

 private:
  friend class FlatJsonBuilder;
  [[nodiscard]] std::string_view key_of(Node const& node) const {
    return std::string_view(text_).substr(node.key_at, node.key_size);
  }
  std::vector<Node> nodes_;          // the values in document order (pre-order)
  std::string text_;                 // keys and strings, unescaped
  std::vector<std::uint32_t> open_;  // while parsing: the containers not closed yet (reused)
};

// True when boost::json::parse accepts `text` (no document kept).
bool is_valid_json(std::string_view text);

}  // namespace loadtwin::wire
