#pragma once

#include "actordev/msg/message_log.pb.h"

#include <string>

namespace actordev::message_log {

/// One record as a line of the JSON-lines form (Protobuf's JSON mapping,
/// the .proto's field names, enums by name), without its newline.
std::string to_json_line(const google::protobuf::Message& record);

} // namespace actordev::message_log
