#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace actordev::cli {

/// The command line of `actordev certs` (docs/cli.md).
struct certs_options {
  std::string dir;  ///< the TLS folder
  std::string name; ///< add-client: the teammate's name
};

/// Adds `certs init DIR` and `certs add-client DIR NAME` to `app`, parsing
/// into `o`; returns the `certs` command.
CLI::App* add_certs_command(CLI::App& app, certs_options& o);

/// Runs the `certs` subcommand that was parsed; prints what it made or the
/// error, and returns 0 or 1.
int run_certs(CLI::App& certs, const certs_options& o);

} // namespace actordev::cli
