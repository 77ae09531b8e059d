#include "adapters/probe_check.hpp"

#include "adapters/process.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <thread>

namespace actordev::adapters {

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// The longest output line quoted in a failing exec probe's detail.
constexpr std::size_t quoted_line_cap = 200;

std::string timed_out(milliseconds timeout) {
  return "timed out after " + std::to_string(timeout.count()) + " ms";
}

milliseconds remaining(clock::time_point deadline) {
  return std::max(std::chrono::ceil<milliseconds>(deadline - clock::now()),
                  milliseconds::zero());
}

/// Runs `check`, turning anything it throws into a failed result.
template <class F>
probe_result guarded(F&& check) noexcept {
  try {
    return check();
  } catch (const std::exception& e) {
    return {false, std::string("probe failed: ") + e.what()};
  } catch (...) {
    return {false, "probe failed: unknown error"};
  }
}

// ---- exec ------------------------------------------------------------------

void remember_last_line(const std::vector<output_line>& lines,
                        std::string& last) {
  for (const auto& l : lines)
    if (!l.text.empty() && !l.cut)
      last = l.text.substr(0, quoted_line_cap);
}

probe_result exec_outcome(const exit_status& exit, const std::string& last) {
  if (exit.success())
    return {true, exit.describe()};
  if (last.empty())
    return {false, exit.describe()};
  return {false, exit.describe() + ": " + last};
}

// ---- resolution ------------------------------------------------------------

/// Where to connect, or why not.
struct resolved {
  std::vector<tcp::endpoint> endpoints;
  std::string error; ///< set when resolution failed
};

resolved resolve_now(const std::string& host, int port) {
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  error_code ec;
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec)
    return {{}, "cannot resolve " + host + ": " + ec.message()};
  resolved out;
  for (const auto& entry : results)
    out.endpoints.push_back(entry.endpoint());
  if (out.endpoints.empty())
    out.error = "cannot resolve " + host + ": no address";
  return out;
}

/// Resolves `host` by the deadline, or returns nullopt. getaddrinfo cannot
/// be cancelled (and asio's resolver joins its thread on destruction), so a
/// name is looked up on a thread of its own that is abandoned at the
/// deadline: a stuck DNS server never holds the check past its timeout.
std::optional<resolved> resolve_by(const std::string& host, int port,
                                   clock::time_point deadline) {
  error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec)
    return resolved{{tcp::endpoint(address, static_cast<unsigned short>(port))},
                    {}};
  auto lookup = std::make_shared<std::packaged_task<resolved()>>(
      [host, port] { return resolve_now(host, port); });
  auto answer = lookup->get_future();
  std::thread([lookup] { (*lookup)(); }).detach();
  if (answer.wait_until(deadline) != std::future_status::ready)
    return std::nullopt;
  return answer.get();
}

std::string host_port(const std::string& host, int port) {
  auto shown = host.find(':') == std::string::npos ? host : "[" + host + "]";
  return shown + ":" + std::to_string(port);
}

std::string connect_failure(const error_code& ec, const std::string& where) {
  if (ec == asio::error::connection_refused)
    return "connection refused to " + where;
  return "cannot connect to " + where + ": " + ec.message();
}

std::optional<std::string> bad_port(int port) {
  if (port >= 1 && port <= 65535)
    return std::nullopt;
  return "port " + std::to_string(port) + " is out of range 1..65535";
}

// ---- http_get --------------------------------------------------------------

/// One GET on its own io_context; the caller runs it until the deadline.
class http_exchange {
public:
  http_exchange(const std::string& host, int port, const std::string& path,
                const std::string& url)
      : url_(url) {
    request_.method(http::verb::get);
    request_.target(path);
    request_.version(11);
    request_.set(http::field::host, port == 80 ? host : host_port(host, port));
    request_.set(http::field::user_agent, "actordev-probe");
    request_.set(http::field::accept, "*/*");
    request_.set(http::field::connection, "close");
  }

  /// Connects, writes, reads the head; nullopt when the deadline came first.
  std::optional<probe_result> run(const std::vector<tcp::endpoint>& endpoints,
                                  const std::string& where,
                                  clock::time_point deadline) {
    asio::async_connect(socket_, endpoints,
                        [this, where](error_code ec, const tcp::endpoint&) {
                          if (ec)
                            outcome_ = {false, connect_failure(ec, where)};
                          else
                            write();
                        });
    ioc_.run_for(remaining(deadline));
    error_code ignored;
    socket_.close(ignored); // cancels what is still pending
    return outcome_;
  }

private:
  void write() {
    http::async_write(socket_, request_, [this](error_code ec, std::size_t) {
      if (ec)
        outcome_ = {false, "GET " + url_ + " failed: " + ec.message()};
      else
        read();
    });
  }

  void read() {
    http::async_read_header(
        socket_, buffer_, parser_, [this](error_code ec, std::size_t) {
          if (ec) {
            outcome_ = {false, "GET " + url_ + " failed: " + ec.message()};
            return;
          }
          auto status = parser_.get().result_int();
          outcome_ = {status >= 200 && status < 400,
                      "GET " + url_ + " answered " + std::to_string(status)};
        });
  }

  std::string url_;
  // Declared before the socket, destroyed after it: the socket's
  // destruction abandons operations that still refer to them.
  asio::io_context ioc_;
  http::request<http::empty_body> request_;
  boost::beast::flat_buffer buffer_;
  http::response_parser<http::empty_body> parser_;
  tcp::socket socket_{ioc_};
  std::optional<probe_result> outcome_;
};

} // namespace

probe_result check_exec(const process_spec& spec,
                        milliseconds timeout) noexcept {
  return guarded([&]() -> probe_result {
    auto deadline = clock::now() + timeout;
    auto started = process::start(spec);
    if (auto* error = std::get_if<spawn_error>(&started))
      return {false, error->message()};
    auto& p = std::get<process>(started);
    std::string last;
    for (;;) {
      auto polled = p.poll(remaining(deadline));
      remember_last_line(polled.lines, last);
      if (polled.exit)
        return exec_outcome(*polled.exit, last);
      if (clock::now() >= deadline)
        break;
    }
    p.stop(milliseconds::zero());
    return {false, timed_out(timeout)};
  });
}

probe_result check_http_get(const std::string& host, int port,
                            const std::string& path,
                            milliseconds timeout) noexcept {
  return guarded([&]() -> probe_result {
    if (auto bad = bad_port(port))
      return {false, *bad};
    auto deadline = clock::now() + timeout;
    auto target = path.empty() || path.front() != '/' ? "/" + path : path;
    auto where = host_port(host, port);
    auto url = "http://" + where + target;
    auto found = resolve_by(host, port, deadline);
    if (!found)
      return {false, "GET " + url + " " + timed_out(timeout)};
    if (!found->error.empty())
      return {false, found->error};
    http_exchange exchange(host, port, target, url);
    if (auto outcome = exchange.run(found->endpoints, where, deadline))
      return *outcome;
    return {false, "GET " + url + " " + timed_out(timeout)};
  });
}

probe_result check_tcp_socket(const std::string& host, int port,
                              milliseconds timeout) noexcept {
  return guarded([&]() -> probe_result {
    if (auto bad = bad_port(port))
      return {false, *bad};
    auto deadline = clock::now() + timeout;
    auto where = host_port(host, port);
    auto found = resolve_by(host, port, deadline);
    if (!found)
      return {false, "connect to " + where + " " + timed_out(timeout)};
    if (!found->error.empty())
      return {false, found->error};
    std::optional<probe_result> outcome;
    asio::io_context ioc;
    tcp::socket socket(ioc); // destroyed first: abandons a pending connect
    asio::async_connect(socket, found->endpoints,
                        [&](error_code ec, const tcp::endpoint&) {
                          if (ec)
                            outcome = {false, connect_failure(ec, where)};
                          else
                            outcome = {true, "connected to " + where};
                        });
    ioc.run_for(remaining(deadline));
    if (outcome)
      return *outcome;
    return {false, "connect to " + where + " " + timed_out(timeout)};
  });
}

} // namespace actordev::adapters
