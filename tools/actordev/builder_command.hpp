#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace actordev::cli {

/// The command line of `actordev builder` (docs/cli.md).
struct builder_command_options {
  std::string listen = "127.0.0.1:7451"; ///< ADDR:PORT; port 0 picks one
  std::string tls;                       ///< the folder of certs init
  unsigned slots = 2;
  std::string workdir; ///< empty: ~/.cache/actordev-builder
  std::uint64_t store_mb = 4096;
};

/// Adds `builder` to `app`, parsing into `o`; returns it.
CLI::App* add_builder_command(CLI::App& app, builder_command_options& o);

/// Serves builds until SIGINT or SIGTERM; returns the exit code (0 after a
/// signal, 1 when it cannot start: bad TLS files, address in use).
int run_builder(const builder_command_options& o);

} // namespace actordev::cli
