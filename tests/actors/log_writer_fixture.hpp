#pragma once

// A message log writer on a real file, and a scheduler that feeds it, on a
// real (threaded) actor system. Every wait is bounded and fails the test.

#include "actors/log_writer.hpp"
#include "actors/scheduler.hpp"

#include "actordev/msg/logs.pb.h"
#include "actordev/msg/message_log.pb.h"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <memory>
#include <string>
#include <vector>

namespace actordev::test {

class log_writer_fixture {
public:
  log_writer_fixture();
  ~log_writer_fixture();
  log_writer_fixture(const log_writer_fixture&) = delete;
  log_writer_fixture& operator=(const log_writer_fixture&) = delete;

  /// Spawns the writer (detached, as the CLI does) on a new log in a
  /// fresh folder, with a backlog of `limit` batches.
  void start_writer(int limit = 1024);
  /// Spawns the writer on `file` instead (/dev/full, say).
  void start_writer(adapters::log_file file, int limit = 1024);
  /// Sends one batch the way the scheduler does: one more on the backlog,
  /// then the bytes.
  void append(std::string bytes);
  /// Sends log_close_atom.
  void close();
  /// Waits until the writer has quit.
  void wait_writer_done();

  /// Spawns a scheduler that records to the writer, with stand-ins for the
  /// manifest actors and a subscriber of its decisions.
  void start_scheduler();
  /// Sends `e` to the scheduler and waits until it published a decision
  /// after it (so that batch was sent to the writer or dropped).
  void send_and_await_decision(msg::Event e);
  /// Sends stop_atom to the scheduler.
  void stop_scheduler();
  /// Kills the scheduler with an exit message.
  void kill_scheduler();

  /// The records of the log file after its header (which must be there),
  /// read with message_log::read_binary; fails on damage.
  std::vector<msg::LogRecord> records() const;
  /// The header of the log file.
  msg::LogHeader header() const;
  /// The LogLines the writer sent to the console so far.
  std::vector<msg::LogLine> console_lines();
  log_backlog& backlog() { return *backlog_; }

private:
  std::string dir_;
  std::string path_;
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::unique_ptr<caf::scoped_actor> console_;    ///< the writer's log
  std::unique_ptr<caf::scoped_actor> monitor_;    ///< sees the writer end
  std::unique_ptr<caf::scoped_actor> subscriber_; ///< gets decisions
  std::unique_ptr<caf::scoped_actor> manifests_;  ///< gets build grants
  std::shared_ptr<log_backlog> backlog_ = std::make_shared<log_backlog>();
  caf::actor writer_;
  caf::actor scheduler_;
};

/// A ConfigLoaded of local resources that build one at a time.
msg::Event load_locals(const std::vector<std::string>& names);
/// A BuildFinished of `name`, successful.
msg::Event build_finished(const std::string& name);
/// One encoded event record with this sequence number.
std::string event_record(std::uint64_t seq);

} // namespace actordev::test
