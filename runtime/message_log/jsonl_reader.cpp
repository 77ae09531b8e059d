// The JSON-lines form: one LogRecord per line, Protobuf's JSON mapping.
#include "runtime/message_log/log_reader.hpp"

#include <google/protobuf/util/json_util.h>

#include <string>

namespace actordev::message_log {

namespace {

class jsonl_reader final : public log_reader {
public:
  explicit jsonl_reader(std::string_view text)
      : text_(text) {
    msg::LogRecord first;
    if (!read_line(first))
      return;
    if (first.has_header())
      header_ = std::move(*first.mutable_header());
    else
      pending_ = std::move(first);
  }

  bool next(msg::LogRecord& out) override {
    if (pending_) {
      out = std::move(*pending_);
      pending_.reset();
      return true;
    }
    if (!read_line(out))
      return false;
    if (out.has_header()) {
      fail("a header after the first record: the header may only come "
           "first");
      return false;
    }
    return true;
  }

private:
  /// The next line that holds a record, parsed into `out`.
  bool read_line(msg::LogRecord& out) {
    out.Clear();
    while (!damage_ && at_ < text_.size()) {
      auto end = text_.find('\n', at_);
      if (end == std::string_view::npos)
        end = text_.size();
      auto line = text_.substr(at_, end - at_);
      at_ = end + 1;
      ++line_;
      while (!line.empty() &&
             (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
      auto first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] == '#')
        continue;
      return parse(line, out);
    }
    return false;
  }

  bool parse(std::string_view line, msg::LogRecord& out) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    auto status = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(line.data(), line.size()), &out, options);
    if (!status.ok()) {
      fail("not a LogRecord in JSON: " + std::string(status.message()));
      return false;
    }
    if (out.kind_case() == msg::LogRecord::KIND_NOT_SET) {
      fail("a record with no kind: write one of header, event, decision "
           "or dropped");
      return false;
    }
    return true;
  }

  void fail(std::string message) {
    damage_ = log_damage{0, line_, std::move(message)};
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t line_ = 0;
  std::optional<msg::LogRecord> pending_;
};

} // namespace

std::unique_ptr<log_reader> read_jsonl(std::string_view text) {
  return std::make_unique<jsonl_reader>(text);
}

} // namespace actordev::message_log
