// Hostile input: whatever the text, load_config returns a config or errors,
// and never throws or crashes. Run under the ASan+UBSan build too.
#include "config_fixture.hpp"

#include <random>

using namespace actordev::config;
using namespace actordev::config::test;

namespace {

// Loads `text` and checks the outcome is well formed.
void check_survives(std::string_view text) {
  INFO("input: " << std::string{text});
  actordev::result<project_config, std::vector<config_error>> r =
      project_config{};
  REQUIRE_NOTHROW(r = load_config(text, config_path));
  if (r.ok())
    return;
  REQUIRE_FALSE(r.error().empty());
  for (const auto& e : r.error()) {
    CHECK(e.file == config_path);
    CHECK_FALSE(e.message.empty());
    CHECK(e.line >= 0);
    CHECK(e.column >= 0);
  }
}

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values)
    out += static_cast<char>(v);
  return out;
}

const std::vector<std::string> corpus = {
    "",
    " ",
    "\n\n\n",
    "~",
    "null",
    "---",
    "---\n...\n",
    "...",
    "[]",
    "{}",
    "42",
    "\"just a string\"",
    ":",
    ": :",
    "- - - -",
    "resources",
    "resources:",
    "resources: ~",
    "resources: []",
    "resources: 12",
    "resources: {a: ~}",
    "resources: {a: [cmd, x]}",
    "resources: {? [a]: {cmd: x}}",
    "resources: {? {a: b}: {cmd: x}}",
    "resources: {~: {cmd: x}}",
    "resources:\n\tapi:\n\t\tcmd: x",
    "resources:\n  api:\n\tcmd: x",
    "resources: {api: {cmd: x}}\n\t",
    "a: &a [*a]",
    "resources: &r {api: {cmd: x, env: *r}}",
    "resources: {api: &x {cmd: x, readiness_probe: *x, serve_cmd: y}}",
    "settings: &s {watch: *s}",
    "resources: {api: {cmd: *undefined}}",
    "resources: {api: {<<: {cmd: x}}}",
    "settings: {max_parallel_updates: 1e400}",
    "settings: {max_parallel_updates: -9223372036854775809}",
    "settings: {max_parallel_updates: 9223372036854775808}",
    "settings: {max_parallel_updates: 0x10}",
    "settings: {max_parallel_updates: .inf}",
    "settings: {max_parallel_updates: .nan}",
    "settings: {watch: {quiet_ms: 1e3s}}",
    "settings: {watch: {quiet_ms: 99999999999999999999ms}}",
    "resources: {api: {serve_cmd: x, readiness_probe: {http_get: {port: "
    "-0}}}}",
    "resources: {api: {cmd: [[[[[[[[]]]]]]]]}}",
    "resources: {api: {cmd: {{{{}}}}}}",
    "resources: {api: {cmd: x, deps: [[], {}, ~, \"\"]}}",
    "resources: {api: {cmd: x, env: {~: ~}}}",
    "resources: {api: {cmd: x, resource_deps: [~, [], api]}}",
    "version: !!binary aGVsbG8=",
    "resources: !!set {a, b}",
    "%YAML 1.2\n---\nresources: {}",
    "%YAML 9.9\n---\nresources: {}",
    "%TAG ! tag:x,2000:\n---\nresources: {}",
    "resources: {api: {cmd: \"\\xZZ\"}}",
    "resources: {api: {cmd: \"\\u00\"}}",
    "resources: {api: {cmd: 'unterminated}}",
    "resources: {api: {cmd: \"unterminated}}",
    "resources: |\n  not a map",
    "resources: >\n",
    "? ? ? ?",
    "&anchor",
    "*alias",
    "!tag",
    "resources: {api: {cmd: x}}\n---\n---\n---\n",
    std::string(10000, '{'),
    std::string(10000, '-'),
    std::string(3000, ' ') + "a: b",
    "a: " + std::string(100000, 'x'),
    bytes({0}),
    bytes({'a', ':', ' ', 0, 'b'}),
    bytes({'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', 's', ':', ' ', 0xff, 0xfe}),
    bytes({0xff, 0xfe, 'a', 0, ':', 0}),
    bytes({0xfe, 0xff, 0, 'a', 0, ':'}),
    bytes({0xef, 0xbb, 0xbf, 'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', 's', ':',
           ' ', '{', '}'}),
    bytes({0xc3, 0x28, ':', ' ', 0xe2, 0x82}),
    bytes({0x1b, '[', '3', '1', 'm', ':', 0x7f}),
    "resources:\n  \xe2\x98\x83: {cmd: snowman}",
};

} // namespace

TEST_CASE("a corpus of nasty YAML never crashes the loader", "[config]") {
  for (const auto& text : corpus)
    check_survives(text);
}

TEST_CASE("a UTF-8 byte order mark is accepted", "[config]") {
  CHECK(load("\xef\xbb\xbfresources: {a: {cmd: x}}\n").ok());
}

TEST_CASE("random mutations of a valid config never crash the loader",
          "[config]") {
  const std::string seed{yaml(R"(
version: 1
settings:
  max_parallel_updates: 2
  watch: {quiet_ms: 20, max_batch_ms: 100, ignore: ["**/*.tmp"]}
resources:
  db:
    serve_cmd: [postgres, -D, data]
    readiness_probe:
      tcp_socket: {port: 5432}
      period_ms: 100
  api:
    cmd: make api
    serve_cmd: ./bin/api
    deps: [src, "go.mod"]
    env: {PORT: "8080"}
    resource_deps: [db]
    restart: on-failure
    readiness_probe: {http_get: {port: 8080, path: /health}}
)")};
  const std::string alphabet = "{}[]:,-&*!|>'\"#\t\n ?~%@`0a\\";
  std::mt19937 rng{20240601}; // fixed: the test must be deterministic
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits && !text.empty(); ++i) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
      case 0:
        text[at] = c;
        break;
      case 1:
        text.insert(at, 1, c);
        break;
      default:
        text.erase(at, 1 + rng() % 8);
      }
    }
    check_survives(text);
  }
}
