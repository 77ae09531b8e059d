#pragma once

#include "adapters/process_spawn.hpp"

#include <chrono>
#include <string>

namespace actordev::adapters {

/// What one readiness check saw.
struct probe_result {
  bool passed = false;
  /// A short reason for a person: "GET http://127.0.0.1:8765/ answered 503",
  /// "connection refused to 127.0.0.1:5432", "timed out after 1000 ms",
  /// "exit 1".
  std::string detail;

  bool operator==(const probe_result&) const = default;
};

// Every check below blocks for at most its `timeout` (plus the bounded kill
// and reap of an exec probe's process group): call them from a detached
// actor. None throws; a failure of any kind is a result that did not pass.

/// Runs `spec.command` through `sh -c` in its own process group (in
/// `spec.dir`, with `spec.env` added) and passes when it exits 0. At the
/// timeout the group is killed. A failing command's detail is its exit
/// ("exit 1", "killed by SIGSEGV") followed by the last line it printed, if
/// any.
probe_result check_exec(const process_spec& spec,
                        std::chrono::milliseconds timeout) noexcept;

/// Sends `GET path HTTP/1.1` (with a Host header) to `host:port` and passes
/// on a 2xx or 3xx status; redirects are not followed and the body is not
/// read. The timeout covers name resolution, connect, write and reading
/// the status line and headers. `host` is an IP address or a name.
probe_result check_http_get(const std::string& host, int port,
                            const std::string& path,
                            std::chrono::milliseconds timeout) noexcept;

/// Passes when a TCP connection to `host:port` opens within the timeout
/// (resolution included); the connection is closed at once.
probe_result check_tcp_socket(const std::string& host, int port,
                              std::chrono::milliseconds timeout) noexcept;

} // namespace actordev::adapters
