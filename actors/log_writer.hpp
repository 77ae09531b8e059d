#pragma once

#include "adapters/log_file.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <atomic>
#include <memory>

namespace actordev {

/// (log_append_atom, std::string bytes): append whole encoded records.
using log_append_atom = caf::atom_constant<caf::atom("logappend")>;
/// (log_close_atom): write what is queued before this, close, quit.
using log_close_atom = caf::atom_constant<caf::atom("logclose")>;

/// How far the message log writer is behind: batches sent to it and not
/// yet written. The scheduler adds one per batch it sends and sends none
/// while `limit` are queued (it drops the records and says so in the log
/// later); the writer subtracts one per batch written. The only state the
/// two share, so that appending never blocks the engine.
struct log_backlog {
  std::atomic<int> batches{0};
  int limit = 1024;
};

/// Where the scheduler sends its records: the writer actor and its
/// backlog. Empty: no message log.
struct log_sink {
  caf::actor writer;
  std::shared_ptr<log_backlog> backlog;

  explicit operator bool() const { return writer && backlog; }
};

/// The one writer of a message log file. Spawn it `detached`: each batch
/// is one blocking write, which must not hold a worker of the pool.
/// Protocol:
/// - (log_append_atom, bytes): appends them, then takes one off the
///   backlog.
/// - (log_close_atom): closes the file and quits; everything sent before
///   is written first (mailbox order). Whoever feeds it (the scheduler)
///   sends this last.
/// A write error is reported once, as a LogLine from "actordev" to `log`
/// (spdlog when there is none); the file is closed and later batches are
/// dropped, still taken off the backlog. Never fails the session.
class log_writer : public caf::event_based_actor {
public:
  log_writer(caf::actor_config& cfg, adapters::log_file file,
             std::shared_ptr<log_backlog> backlog, caf::actor log);

  caf::behavior make_behavior() override;
  /// Closes the file, if still open, and drops its actor handles.
  void on_exit() override;
  const char* name() const override { return "actordev.log_writer"; }

private:
  void report(const adapters::log_file_error& err);

  adapters::log_file file_;
  std::shared_ptr<log_backlog> backlog_;
  caf::actor log_;
  bool failed_ = false;
};

} // namespace actordev
