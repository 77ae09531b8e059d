#pragma once

// Runs a command to completion and collects what it printed: how actordev
// asks a tool (docker, kubectl) a question. Blocking, bounded by a
// timeout: call it from a detached actor.

#include "adapters/process_spawn.hpp"

#include <chrono>
#include <string>

namespace actordev::adapters {

/// What a command printed, and how it ended.
struct command_output {
  int exit_code = -1; ///< -1: it did not exit by itself (see error)
  std::string out;    ///< stdout, lines joined with '\n'
  std::string err;    ///< stderr, likewise
  std::string error;  ///< could not start, or timed out; empty otherwise
};

/// Runs `spec` through `sh -c`, waits at most `timeout` for it to exit (then
/// stops its whole process group) and returns its output. Output beyond
/// `max_bytes` per stream is dropped. Never throws.
command_output run_command(const process_spec& spec,
                           std::chrono::milliseconds timeout,
                           std::size_t max_bytes = 16 * 1024 * 1024);

} // namespace actordev::adapters
