#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/message_log.pb.h"

#include <string>

namespace actordev::message_log {

/// The start of a binary log: magic, format version and the header record.
std::string encode_start(const msg::LogHeader& header);

/// Appends one length-delimited record to `out`.
void append_record(std::string& out, const msg::LogRecord& record);

/// Appends `e` as an event record, byte for byte what append_record would
/// write for a LogRecord holding it, without copying the event.
void append_event(std::string& out, const msg::Event& e);

/// The same for a decision.
void append_decision(std::string& out, const msg::DecisionPoint& d);

} // namespace actordev::message_log
