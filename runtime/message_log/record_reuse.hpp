#pragma once

// Parsing records into the message of the record before, so that a long
// log is read without allocating its events anew: Protobuf's Clear()
// deletes a oneof's submessage, and every record would build its Event,
// its payload, their repeated fields and strings again.

#include "actordev/msg/message_log.pb.h"

#include <memory>
#include <optional>
#include <string_view>

namespace actordev::message_log {

/// Parses binary records into one LogRecord after another, keeping the
/// submessages of earlier records (in the record itself or as spares) and
/// merging the next record's bytes into cleared ones of the right kinds.
/// Only the binary reader uses it; one per reader.
class record_reuse {
public:
  record_reuse();
  ~record_reuse();
  record_reuse(const record_reuse&) = delete;
  record_reuse& operator=(const record_reuse&) = delete;

  /// Does what `out.Clear()` does, but keeps out's submessages for the
  /// next `parse`.
  void clear(msg::LogRecord& out);

  /// Parses one record's bytes (without its length) into `out`, whatever
  /// it holds: the same result and return as `out.ParseFromArray(body)`,
  /// for any bytes. An event or a decision is merged into kept
  /// submessages of its kinds, cleared; a record of another kind or an
  /// unusual shape (or one that does not parse) is parsed afresh.
  bool parse(std::string_view body, msg::LogRecord& out);

private:
  struct spares;

  /// Where to merge a record's bytes, once `prepare` has made room.
  struct merge_target {
    google::protobuf::MessageLite* message;
    std::string_view bytes;
  };

  /// Makes `out` a cleared record holding a cleared submessage of the
  /// kind `body` sets first, and so on down its oneofs, so that merging
  /// `body` into it gives what parsing it afresh gives. Nothing when `body`
  /// is not an event or a decision of the usual shape. A short record that
  /// is only its event or decision field is merged into that submessage
  /// directly, one level of parsing less.
  std::optional<merge_target> prepare(std::string_view body,
                                      msg::LogRecord& out);
  /// The same one level down: `e` for the bytes of an event.
  bool prepare(std::string_view bytes, msg::Event& e);

  std::unique_ptr<spares> spares_;
};

} // namespace actordev::message_log
