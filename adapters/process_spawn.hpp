#pragma once

#include "adapters/process_output.hpp"

#include <map>
#include <string>
#include <sys/types.h>
#include <variant>

namespace actordev::adapters {

/// What to run: `/bin/sh -c command`.
struct process_spec {
  std::string command;
  /// The working directory; empty: actordev's own.
  std::string dir;
  /// Added to actordev's environment, replacing variables of the same name.
  std::map<std::string, std::string> env;
  /// Lines longer than this arrive in pieces (see line_splitter).
  std::size_t line_cap = default_line_cap;
};

/// Why a process could not be started.
struct spawn_error {
  std::string command;
  std::string dir;
  /// What went wrong, e.g. "working directory /srv/app does not exist".
  std::string reason;

  /// "cannot start `make all` in /srv/app: working directory /srv/app does
  /// not exist"
  std::string message() const;
};

/// A process just started. It leads its own process group (pgid == pid),
/// its stdin is /dev/null, and these are the read ends of its stdout and
/// stderr. The caller must reap it (waitpid).
struct spawned_process {
  pid_t pid = -1;
  output_pipe out;
  output_pipe err;
};

/// Starts `spec` with Boost.Process. In the child, before exec: a new
/// process group, the working directory (failing if it cannot be entered),
/// signal mask and dispositions back to defaults (actordev may block or
/// ignore signals the child must honour), and every inherited descriptor but
/// 0, 1, 2 closed on exec. Never throws. Safe to call from several threads.
std::variant<spawned_process, spawn_error>
spawn_process(const process_spec& spec);

} // namespace actordev::adapters
