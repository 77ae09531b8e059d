#pragma once

#include <caf/actor.hpp>
#include <caf/atom.hpp>

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

} // namespace actordev
