#include "runtime/message_log/jsonl_writer.hpp"

#include <google/protobuf/util/json_util.h>

namespace actordev::message_log {

std::string to_json_line(const google::protobuf::Message& record) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  // Printing a valid message cannot fail: the only errors are for Any
  // types that cannot be resolved, and the log has none.
  (void)google::protobuf::util::MessageToJsonString(record, &out, options);
  return out;
}

} // namespace actordev::message_log
