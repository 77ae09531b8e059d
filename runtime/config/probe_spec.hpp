#pragma once

#include "runtime/config/command.hpp"

#include <chrono>
#include <string>
#include <variant>

namespace actordev::config {

/// Ready when the command exits 0 (run in the resource's `dir`).
struct exec_probe {
  config::command command;

  bool operator==(const exec_probe&) const = default;
};

/// Ready when `GET http://host:port/path` answers 2xx or 3xx.
struct http_get_probe {
  std::string host = "127.0.0.1";
  int port = 0; ///< 1..65535
  std::string path = "/";

  bool operator==(const http_get_probe&) const = default;
};

/// Ready when a TCP connection to `host:port` opens.
struct tcp_socket_probe {
  std::string host = "127.0.0.1";
  int port = 0; ///< 1..65535

  bool operator==(const tcp_socket_probe&) const = default;
};

/// The check that decides when a local server (`serve_cmd`) is ready. The
/// timing fields follow Kubernetes' probe semantics, in milliseconds.
struct probe_spec {
  std::variant<exec_probe, http_get_probe, tcp_socket_probe> action;
  std::chrono::milliseconds period{1000};     ///< between checks; > 0
  std::chrono::milliseconds timeout{1000};    ///< per check; > 0
  std::chrono::milliseconds initial_delay{0}; ///< before the first; >= 0
  int success_threshold = 1; ///< passes in a row to become ready; >= 1
  int failure_threshold = 3; ///< failures in a row to become unready; >= 1

  bool operator==(const probe_spec&) const = default;
};

} // namespace actordev::config
