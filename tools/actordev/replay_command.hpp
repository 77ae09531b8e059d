#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace actordev::cli {

/// The command line of `actordev replay` (docs/cli.md).
struct replay_options {
  std::string path;           ///< the message log
  bool jsonl = false;         ///< read it as JSON lines (else: sniffed)
  bool to_jsonl = false;      ///< only convert it to JSON lines on stdout
  std::uint64_t until = 0;    ///< stop after this record; 0: at the end
  std::uint64_t state_at = 0; ///< print the state after this record; 0: no
  std::string explain;        ///< follow this resource; empty: no
  bool json = false;          ///< -o json: one JSON object per line
};

/// Exit codes of `actordev replay`, documented in docs/cli.md (2, a wrong
/// command line, comes from the parser).
enum replay_exit : int {
  replay_ok = 0,        ///< every decision matched the recording
  replay_diverged = 1,  ///< a decision differs: both versions printed
  replay_unchecked = 3, ///< unreadable, damaged, or records were lost
};

/// Adds the `replay` subcommand to `app`, parsing into `o`; returns it.
CLI::App* add_replay_command(CLI::App& app, replay_options& o);

/// Replays the log as `o` says, prints what it found on stdout (errors on
/// stderr, or everything as JSON with `json`) and returns the exit code.
/// Reads the file; starts no process and no actor.
int run_replay(const replay_options& o);

} // namespace actordev::cli
