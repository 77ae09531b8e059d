// Readiness checks against real servers on loopback and real processes:
// what each check reports to the user, and that none outlives its timeout.
#include "adapters/probe_check.hpp"

#include "process_fixture.hpp"

#include "../loopback_socket.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <atomic>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace actordev;
using namespace actordev::test;
using adapters::probe_result;

namespace {

/// An HTTP server on its own thread. Reads each request's head, then
/// answers `response` and closes, or, when `response` is empty, keeps the
/// connection open without a word.
class http_stub {
public:
  explicit http_stub(std::string response)
      : response_(std::move(response)) {
    socket_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  http_stub(const http_stub&) = delete;
  http_stub& operator=(const http_stub&) = delete;
  ~http_stub() {
    stop_ = true;
    thread_.join();
    for (int fd : silent_)
      ::close(fd);
  }

  int port() const { return socket_.port(); }

  /// The head of the last request received.
  std::string last_request() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return request_;
  }

private:
  void serve() {
    while (!stop_) {
      pollfd p{socket_.fd(), POLLIN, 0};
      if (::poll(&p, 1, 20) != 1)
        continue;
      int fd = ::accept4(socket_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd == -1)
        continue;
      read_head(fd);
      if (response_.empty()) {
        silent_.push_back(fd);
        continue;
      }
      ::send(fd, response_.data(), response_.size(), MSG_NOSIGNAL);
      ::close(fd);
    }
  }

  void read_head(int fd) {
    std::string head;
    char buf[1024];
    while (head.find("\r\n\r\n") == std::string::npos) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) != 1)
        break;
      auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0)
        break;
      head.append(buf, static_cast<std::size_t>(n));
    }
    std::lock_guard<std::mutex> guard(mutex_);
    request_ = head;
  }

  std::string response_;
  loopback_socket socket_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::string request_;
  std::vector<int> silent_;
  std::thread thread_;
};

std::string answer(const std::string& status) {
  return "HTTP/1.1 " + status +
         "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
}

std::string url(int port, const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(port) + path;
}

} // namespace

TEST_CASE("an http probe passes when the server answers 200", "[probe]") {
  http_stub server(answer("200 OK"));
  auto r = adapters::check_http_get("127.0.0.1", server.port(), "/", 5000ms);
  CHECK(r ==
        probe_result{true, "GET " + url(server.port(), "/") + " answered 200"});
}

TEST_CASE("an http probe fails on 503 and says what the server answered",
          "[probe]") {
  http_stub server(answer("503 Service Unavailable"));
  auto r =
      adapters::check_http_get("127.0.0.1", server.port(), "/health", 5000ms);
  CHECK(r == probe_result{false, "GET " + url(server.port(), "/health") +
                                     " answered 503"});
}

TEST_CASE("an http probe passes on a redirect without following it",
          "[probe]") {
  http_stub server("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\r\n"
                   "Content-Length: 0\r\n\r\n");
  auto r = adapters::check_http_get("127.0.0.1", server.port(), "/", 5000ms);
  CHECK(r.passed);
  CHECK_THAT(r.detail, Catch::Matchers::EndsWith("answered 302"));
}

TEST_CASE("an http probe asks for its path with a Host header", "[probe]") {
  http_stub server(answer("200 OK"));
  auto r = adapters::check_http_get("127.0.0.1", server.port(), "/ready?full=1",
                                    5000ms);
  CHECK(r.passed);
  auto request = server.last_request();
  CHECK_THAT(request,
             Catch::Matchers::StartsWith("GET /ready?full=1 HTTP/1.1\r\n"));
  CHECK_THAT(request,
             Catch::Matchers::Contains(
                 "Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"));
}

TEST_CASE("an http probe to a server that never answers times out", "[probe]") {
  http_stub server(""); // reads the request, never answers
  auto r = adapters::check_http_get("127.0.0.1", server.port(), "/", 200ms);
  CHECK(r == probe_result{false, "GET " + url(server.port(), "/") +
                                     " timed out after 200 ms"});
}

TEST_CASE("an http probe to a closed port reports the refused connection",
          "[probe]") {
  loopback_socket closed;
  auto r = adapters::check_http_get("127.0.0.1", closed.port(), "/", 5000ms);
  CHECK(r == probe_result{false, "connection refused to 127.0.0.1:" +
                                     std::to_string(closed.port())});
}

TEST_CASE("a tcp probe passes when something listens", "[probe]") {
  loopback_socket server;
  server.listen();
  auto r = adapters::check_tcp_socket("localhost", server.port(), 5000ms);
  CHECK(r.passed);
  CHECK(r.detail == "connected to localhost:" + std::to_string(server.port()));
}

TEST_CASE("a tcp probe to a closed port reports the refused connection",
          "[probe]") {
  loopback_socket closed;
  auto r = adapters::check_tcp_socket("127.0.0.1", closed.port(), 5000ms);
  CHECK(r == probe_result{false, "connection refused to 127.0.0.1:" +
                                     std::to_string(closed.port())});
}

TEST_CASE("a probe to a host that does not resolve fails", "[probe]") {
  auto r = adapters::check_tcp_socket("no-such-host.invalid", 80, 2000ms);
  CHECK_FALSE(r.passed);
  CHECK_THAT(r.detail, Catch::Matchers::Contains("no-such-host.invalid") ||
                           Catch::Matchers::Contains("timed out"));
}

TEST_CASE("a probe to a port out of range fails without connecting",
          "[probe]") {
  auto r = adapters::check_http_get("127.0.0.1", 70000, "/", 1000ms);
  CHECK(r == probe_result{false, "port 70000 is out of range 1..65535"});
  CHECK_FALSE(adapters::check_tcp_socket("127.0.0.1", 0, 1000ms).passed);
}

TEST_CASE("an exec probe passes when its command exits 0", "[probe]") {
  auto r = adapters::check_exec({"true", {}, {}}, 5000ms);
  CHECK(r == probe_result{true, "exit 0"});
}

TEST_CASE("an exec probe fails with the exit code and the last line printed",
          "[probe]") {
  CHECK(adapters::check_exec({"false", {}, {}}, 5000ms) ==
        probe_result{false, "exit 1"});
  CHECK(adapters::check_exec(
            {"echo starting; echo 'no database' >&2; exit 2", {}, {}},
            5000ms) == probe_result{false, "exit 2: no database"});
}

TEST_CASE("an exec probe that outlives its timeout is killed with its group",
          "[probe]") {
  process_fixture f;
  auto pid_file = f.dir() + "/sleep.pid";
  auto r = adapters::check_exec(
      {"sleep 5 & echo $! > " + pid_file + "; wait", {}, {}}, 200ms);
  CHECK(r == probe_result{false, "timed out after 200 ms"});
  pid_t sleeper = 0;
  std::ifstream(pid_file) >> sleeper;
  REQUIRE(sleeper > 0);
  CHECK(is_dead(sleeper));
}

TEST_CASE("an exec probe runs in its folder with its environment", "[probe]") {
  process_fixture f;
  std::ofstream(f.dir() + "/marker") << "here\n";
  auto r = adapters::check_exec({"test -f marker && test \"$PROBE_FLAG\" = on",
                                 f.dir(),
                                 {{"PROBE_FLAG", "on"}}},
                                5000ms);
  CHECK(r.passed);
}

TEST_CASE("an exec probe that cannot start says why", "[probe]") {
  auto r = adapters::check_exec({"true", "/nonexistent/folder", {}}, 5000ms);
  CHECK_FALSE(r.passed);
  CHECK_THAT(r.detail, Catch::Matchers::Contains(
                           "working directory /nonexistent/folder"));
}
