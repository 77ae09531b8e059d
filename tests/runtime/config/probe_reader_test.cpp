// readiness_probe: the three checks, their defaults and their errors.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;
using namespace std::chrono_literals;

namespace {

// A server resource 'api' with `probe` as its readiness_probe (flow style).
std::string with_probe(const std::string& probe) {
  return "resources:\n  api:\n    serve_cmd: ./api\n    readiness_probe: " +
         probe + "\n";
}

} // namespace

TEST_CASE("an http_get probe defaults its host and path", "[config]") {
  auto cfg = loaded(with_probe("{http_get: {port: 8080}}"));
  const auto& p = *cfg.resources[0].readiness_probe;
  CHECK(std::get<http_get_probe>(p.action) ==
        http_get_probe{"127.0.0.1", 8080, "/"});
  CHECK(p.period == 1000ms);
  CHECK(p.timeout == 1000ms);
  CHECK(p.initial_delay == 0ms);
  CHECK(p.success_threshold == 1);
  CHECK(p.failure_threshold == 3);
}

TEST_CASE("a tcp_socket probe defaults its host", "[config]") {
  auto cfg = loaded(with_probe("{tcp_socket: {port: 5432}}"));
  CHECK(std::get<tcp_socket_probe>(cfg.resources[0].readiness_probe->action) ==
        tcp_socket_probe{"127.0.0.1", 5432});
  cfg = loaded(with_probe("{tcp_socket: {host: db.local, port: 1}}"));
  CHECK(std::get<tcp_socket_probe>(cfg.resources[0].readiness_probe->action) ==
        tcp_socket_probe{"db.local", 1});
}

TEST_CASE("an exec probe takes a string or an argv", "[config]") {
  auto cfg = loaded(with_probe("{exec: {command: curl -fs localhost}}"));
  CHECK(
      std::get<exec_probe>(cfg.resources[0].readiness_probe->action).command ==
      command{"curl -fs localhost", {}});
  cfg = loaded(with_probe("{exec: {command: [pg_isready, -q]}}"));
  CHECK(
      std::get<exec_probe>(cfg.resources[0].readiness_probe->action).command ==
      command{"", {"pg_isready", "-q"}});
}

TEST_CASE("a probe without a check is an error", "[config]") {
  CHECK(error_text(with_probe("{period_ms: 100}")) ==
        at + "4:5: error: the readiness_probe of resource 'api' has no "
             "check; expected one of: exec, http_get, tcp_socket\n"
             "  hint: e.g. readiness_probe: {http_get: {port: 8080}}");
  CHECK(only_error(with_probe("")).message ==
        "the readiness_probe of resource 'api' has no check; expected one "
        "of: exec, http_get, tcp_socket");
}

TEST_CASE("a probe with two checks is an error at the second", "[config]") {
  CHECK(error_text(
            with_probe("{http_get: {port: 80}, tcp_socket: {port: 80}}")) ==
        at + "4:45: error: the readiness_probe of resource 'api' has both "
             "'http_get' and 'tcp_socket'; give exactly one check\n"
             "  hint: remove one of them");
}

TEST_CASE("a probe that is not a map is an error", "[config]") {
  CHECK(only_error(with_probe("http://localhost:8080")).message ==
        "'readiness_probe' in resource 'api': expected a map, found the "
        "string 'http://localhost:8080'");
}

TEST_CASE("an exec probe without a command is an error", "[config]") {
  CHECK(error_text(with_probe("{exec: {}}")) ==
        at + "4:23: error: 'exec' in readiness_probe of resource 'api' "
             "needs 'command'\n"
             "  hint: e.g. exec: {command: curl -fs "
             "localhost:8080/health}");
}

TEST_CASE("an http_get probe without a port is an error", "[config]") {
  CHECK(error_text(with_probe("{http_get: {path: /health}}")) ==
        at + "4:23: error: 'http_get' in readiness_probe of resource 'api' "
             "needs 'port'\n"
             "  hint: e.g. http_get: {port: 8080}");
  CHECK(only_error(with_probe("{tcp_socket: }")).message ==
        "'tcp_socket' in readiness_probe of resource 'api' needs 'port'");
}

TEST_CASE("a port outside 1..65535 is an error", "[config]") {
  CHECK(error_text(with_probe("{http_get: {port: 0}}")) ==
        at + "4:40: error: 'port' in readiness_probe.http_get of resource "
             "'api' must be at least 1, found 0\n"
             "  hint: ports are whole numbers from 1 to 65535");
  CHECK(only_error(with_probe("{tcp_socket: {port: 70000}}")).message ==
        "'port' in readiness_probe.tcp_socket of resource 'api' must be at "
        "most 65535, found 70000");
}

TEST_CASE("a port that is not a number is an error", "[config]") {
  CHECK(only_error(with_probe("{http_get: {port: http}}")).message ==
        "'port' in readiness_probe.http_get of resource 'api': expected a "
        "port number, found the string 'http'");
  CHECK(only_error(with_probe("{http_get: {port: \"8080\"}}")).message ==
        "'port' in readiness_probe.http_get of resource 'api': expected a "
        "port number, found the string '8080'");
}

TEST_CASE("an http path must start with a slash", "[config]") {
  CHECK(error_text(with_probe("{http_get: {port: 80, path: health}}")) ==
        at + "4:50: error: 'path' in readiness_probe.http_get of resource "
             "'api' must start with '/', found 'health'\n"
             "  hint: write path: /health");
}

TEST_CASE("probe periods and timeouts must be positive", "[config]") {
  CHECK(error_text(with_probe("{tcp_socket: {port: 1}, period_ms: 0}")) ==
        at + "4:57: error: 'period_ms' in readiness_probe of resource "
             "'api' must be at least 1, found 0\n"
             "  hint: durations are whole milliseconds, e.g. period_ms: "
             "500");
  CHECK(only_error(with_probe("{tcp_socket: {port: 1}, timeout_ms: -5}"))
            .message ==
        "'timeout_ms' in readiness_probe of resource 'api' must be at "
        "least 1, found -5");
  CHECK(
      only_error(with_probe("{tcp_socket: {port: 1}, timeout_ms: 1s}")).hint ==
      "durations are whole milliseconds, without a unit: write "
      "timeout_ms: 1000");
}

TEST_CASE("a negative initial delay is an error, zero is not", "[config]") {
  CHECK(only_error(with_probe("{tcp_socket: {port: 1}, initial_delay_ms: -1}"))
            .message ==
        "'initial_delay_ms' in readiness_probe of resource 'api' must be "
        "at least 0, found -1");
  auto cfg = loaded(with_probe("{tcp_socket: {port: 1}, initial_delay_ms: 0}"));
  CHECK(cfg.resources[0].readiness_probe->initial_delay == 0ms);
}

TEST_CASE("probe thresholds must be at least 1", "[config]") {
  CHECK(
      error_text(with_probe("{tcp_socket: {port: 1}, success_threshold: 0}")) ==
      at + "4:65: error: 'success_threshold' in readiness_probe of "
           "resource 'api' must be at least 1, found 0\n"
           "  hint: it counts checks in a row: 1 or more");
  CHECK(only_error(with_probe("{tcp_socket: {port: 1}, failure_threshold: x}"))
            .message ==
        "'failure_threshold' in readiness_probe of resource 'api': "
        "expected an integer, found the string 'x'");
}

TEST_CASE("an unknown key in a probe suggests the closest one", "[config]") {
  CHECK(only_error(with_probe("{tcp_socket: {port: 1}, period: 5}")).hint ==
        "did you mean 'period_ms'?");
  CHECK(only_error(with_probe("{httpGet: {port: 1}, http_get: {port: 1}}"))
            .hint == "did you mean 'http_get'?");
  CHECK(
      only_error(with_probe("{http_get: {port: 1, scheme: https}}")).message ==
      "unknown key 'scheme' in readiness_probe.http_get of resource "
      "'api'; expected one of: host, port, path");
}
