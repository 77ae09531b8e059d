#include "tools/bench_live_update/http_get.hpp"

#include <cerrno>
#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace actordev::bench {

namespace {

using http_clock = std::chrono::steady_clock;

/// Closes a socket when it goes out of scope.
struct socket_fd {
  int fd;
  ~socket_fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

/// Waits for `events` on `fd` until `deadline`; false on a timeout.
bool wait_for(int fd, short events, http_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - http_clock::now());
    if (left.count() < 0)
      return false;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (n > 0)
      return true;
    if (n < 0 && errno != EINTR)
      return false;
  }
}

bool connect_until(int fd, int port, http_clock::time_point deadline) {
  auto addr = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0)
    return true;
  if (errno != EINPROGRESS || !wait_for(fd, POLLOUT, deadline))
    return false;
  int error = 0;
  socklen_t len = sizeof error;
  return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 &&
         error == 0;
}

/// Everything the server sends until it closes, or nothing.
std::optional<std::string> read_all(int fd, http_clock::time_point deadline) {
  std::string in;
  char buf[4096];
  for (;;) {
    if (!wait_for(fd, POLLIN, deadline))
      return std::nullopt;
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0)
      return in;
    if (n < 0 && errno != EINTR && errno != EAGAIN)
      return std::nullopt;
    if (n > 0)
      in.append(buf, static_cast<std::size_t>(n));
  }
}

/// "HTTP/1.0 200 OK\r\n...\r\n\r\nbody" as its status and body.
std::optional<http_answer> parse(const std::string& in) {
  auto space = in.find(' ');
  auto end = in.find("\r\n\r\n");
  if (!in.starts_with("HTTP/") || space == std::string::npos ||
      end == std::string::npos)
    return std::nullopt;
  return http_answer{std::atoi(in.c_str() + space + 1), in.substr(end + 4)};
}

} // namespace

std::optional<http_answer> http_get(int port, std::string_view path,
                                    std::chrono::milliseconds timeout) {
  auto deadline = http_clock::now() + timeout;
  socket_fd s{::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
  if (s.fd < 0 || !connect_until(s.fd, port, deadline))
    return std::nullopt;
  std::string request = "GET ";
  request.append(path);
  request += " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  // A few dozen bytes fit any fresh socket's buffer: one send.
  if (::send(s.fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size()))
    return std::nullopt;
  auto in = read_all(s.fd, deadline);
  return in ? parse(*in) : std::nullopt;
}

std::optional<int> free_port() {
  socket_fd s{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  auto addr = loopback(0);
  socklen_t len = sizeof addr;
  if (s.fd < 0 ||
      ::bind(s.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) !=
          0 ||
      ::getsockname(s.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return std::nullopt;
  return ntohs(addr.sin_port);
}

} // namespace actordev::bench
