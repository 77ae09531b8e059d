#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace actordev::cli {

/// The command line of `actordev builders` (docs/cli.md).
struct builders_command_options {
  std::string file = "actordev.yaml";
  std::string timeout = "5s"; ///< how long to wait for each builder
};

/// Adds `builders` to `app`, parsing into `o`; returns it.
CLI::App* add_builders_command(CLI::App& app, builders_command_options& o);

/// Asks each builder of the config's `builders:` for its state and prints
/// one line per builder. Exit code: 0 when every builder answered, 1 when
/// one did not or the config or its certificate is wrong, 2 on bad usage.
int run_builders(const builders_command_options& o);

} // namespace actordev::cli
