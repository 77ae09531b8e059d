#pragma once

// A real `actordev builder` in a process of its own, on loopback, for the
// tests of what talks to it.

#include <sys/types.h>

#include <cstdint>

#include <string>

namespace actordev::test {

class builder_process {
public:
  /// Starts `actordev builder --listen 127.0.0.1:PORT --tls TLS --workdir
  /// WORKDIR --slots SLOTS` and waits (bounded) until it listens. Port 0:
  /// one the builder picks.
  builder_process(const std::string& tls, const std::string& workdir,
                  int slots = 1, int port = 0);
  /// SIGTERM, then SIGKILL if it does not end within 10 s.
  ~builder_process();
  builder_process(const builder_process&) = delete;
  builder_process& operator=(const builder_process&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// What it logged so far.
  std::string log() const;

private:
  std::string log_path_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

} // namespace actordev::test
