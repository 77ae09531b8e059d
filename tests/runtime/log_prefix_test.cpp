// How `actordev up` lays out log lines and statuses.
#include "runtime/log_prefix.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace actordev;

namespace {

msg::LogLine log_line(const std::string& resource, const std::string& text,
                      msg::LogStream stream = msg::LOG_STDOUT) {
  msg::LogLine l;
  l.set_resource(resource);
  l.set_text(text);
  l.set_stream(stream);
  return l;
}

log_prefix prefix_for(bool colour, std::vector<std::string> names) {
  log_prefix p{colour};
  p.set_resources(names);
  return p;
}

} // namespace

TEST_CASE("the prefix pads names to the widest resource name", "[prefix]") {
  auto p = prefix_for(false, {"api", "database-main"});
  CHECK(p.width() == 13);
  CHECK(p.format(log_line("api", "listening on :8080")) ==
        "api           | listening on :8080\n");
  CHECK(p.format(log_line("database-main", "ok")) == "database-main | ok\n");
  CHECK(p.format(status_line{"api", "waiting on database-main",
                             status_tone::waiting}) ==
        "api           \u25cf waiting on database-main\n");
}

TEST_CASE("the prefix is never narrower than actordev's own name", "[prefix]") {
  auto p = prefix_for(false, {"db", "api"});
  CHECK(p.format(log_line("db", "up")) == "db       | up\n");
  CHECK(p.format(status_line{"", "config reloaded", status_tone::good}) ==
        "actordev \u25cf config reloaded\n");
  CHECK(p.format(log_line("actordev", "watching 3 folders", msg::LOG_SYSTEM)) ==
        "actordev | watching 3 folders\n");
}

TEST_CASE("a prefix for a name not in the config is printed whole",
          "[prefix]") {
  auto p = prefix_for(false, {"db"});
  CHECK(p.format(log_line("a-very-long-name", "x")) ==
        "a-very-long-name | x\n");
}

TEST_CASE("without colour a prefixed line has no escape code, not even the "
          "text's own",
          "[prefix]") {
  auto p = prefix_for(false, {"api"});
  auto out = p.format(log_line("api", "\x1b[1;31mERROR\x1b[0m boom"));
  CHECK(out == "api      | ERROR boom\n");
  auto status = p.format(status_line{"api", "ready", status_tone::good});
  CHECK(status.find('\x1b') == std::string::npos);
}

TEST_CASE("with colour each prefix has its palette colour by config position",
          "[prefix]") {
  auto p = prefix_for(true, {"api", "db"});
  CHECK(palette_colour(0) != palette_colour(1));
  CHECK(p.format(log_line("api", "hi")) ==
        "\x1b[" + std::string{palette_colour(0)} + "mapi\x1b[0m      | hi\n");
  CHECK(p.format(log_line("db", "hi")) ==
        "\x1b[" + std::string{palette_colour(1)} + "mdb\x1b[0m       | hi\n");
  CHECK(
      p.format(status_line{"db", "build failed (exit 2)", status_tone::bad}) ==
      "\x1b[" + std::string{palette_colour(1)} +
          "mdb\x1b[0m       \x1b[31m\u25cf\x1b[0m build failed (exit 2)\n");
}

TEST_CASE("with colour actordev's own prefixed lines are dim", "[prefix]") {
  auto p = prefix_for(true, {"api"});
  CHECK(p.format(log_line("actordev", "watching")) ==
        "\x1b[2mactordev\x1b[0m | \x1b[2mwatching\x1b[0m\n");
  CHECK(p.format(log_line("api", "starting", msg::LOG_SYSTEM)) ==
        "\x1b[" + std::string{palette_colour(0)} +
            "mapi\x1b[0m      | \x1b[2mstarting\x1b[0m\n");
}

TEST_CASE("a prefixed line's own colours end with it", "[prefix]") {
  auto p = prefix_for(true, {"api"});
  auto out = p.format(log_line("api", "\x1b[31mred"));
  CHECK(out.ends_with("\x1b[31mred\x1b[0m\n"));
}

TEST_CASE("escape sequences of every kind are stripped from prefixed text",
          "[prefix]") {
  CHECK(strip_escapes("a\x1b[0;1;32mb\x1b[Kc") == "abc");
  CHECK(strip_escapes("\x1b]0;title\x07text") == "text");
  CHECK(strip_escapes("\x1b]8;;http://x\x1b\\link") == "link");
  CHECK(strip_escapes("x\x1b(By") == "xBy"); // ESC + one character only
  CHECK(strip_escapes("cut\x1b[1") == "cut");
  CHECK(strip_escapes("end\x1b") == "end");
}
