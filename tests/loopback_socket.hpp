#pragma once

// A TCP socket bound to a free loopback port, for tests of probes: until
// listen() connections to it are refused, and again after close(); no
// other program can take the port in between. Shared by the adapter and
// actor tests (header-only: each folder is its own test executable).

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace actordev::test {

class loopback_socket {
public:
  loopback_socket() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ != -1);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  loopback_socket(const loopback_socket&) = delete;
  loopback_socket& operator=(const loopback_socket&) = delete;
  ~loopback_socket() { close(); }

  int port() const { return port_; }
  int fd() const { return fd_; }
  /// Connections are accepted (by the kernel) from now on.
  void listen() { REQUIRE(::listen(fd_, SOMAXCONN) == 0); }
  /// Connections are refused again.
  void close() {
    if (fd_ != -1)
      ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_ = -1;
  int port_ = 0;
};

} // namespace actordev::test
