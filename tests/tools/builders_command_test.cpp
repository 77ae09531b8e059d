// actordev builders: asks each builder of the config, over the same mutual
// TLS as up, and prints what it says or why it cannot be reached.
#include "session_fixture.hpp"

#include "support/builder_process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// A project with a local resource and `builders:` at `ports`, all with
/// the certificates in `tls`.
void write_builders(const temp_project& p, const std::vector<int>& ports,
                    const std::string& tls = "certs") {
  std::string list;
  for (int port : ports)
    list += "  - {address: \"127.0.0.1:" + std::to_string(port) +
            "\", tls: " + tls + "}\n";
  p.write("actordev.yaml",
          "builders:\n" + list + "resources:\n  x:\n    cmd: \"true\"\n");
}

/// The line of `output` that starts with `start`, or "".
std::string line_of(const std::string& output, const std::string& start) {
  for (std::size_t at = 0; at < output.size();) {
    auto end = output.find('\n', at);
    auto line = output.substr(at, end - at);
    if (line.rfind(start, 0) == 0)
      return line;
    if (end == std::string::npos)
      break;
    at = end + 1;
  }
  return "";
}

} // namespace

TEST_CASE("builders lists a running builder's slots and a dead address's "
          "error, and exits 1 for the dead one",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  REQUIRE(p.actordev("certs init certs").exit_code == 0);
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work", 3};
  auto dead = free_port();
  write_builders(p, {builder.port(), dead});
  auto r = p.actordev("builders");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(line_of(r.output, "BUILDER"),
             Contains("STATE") && Contains("SLOTS") && Contains("LAST ERROR"));
  auto up = line_of(r.output, "127.0.0.1:" + std::to_string(builder.port()));
  CHECK_THAT(up, Contains("connected  3 "));
  auto down = line_of(r.output, "127.0.0.1:" + std::to_string(dead));
  CHECK_THAT(down,
             Contains("down") && Contains("nothing answers there (is `actordev "
                                          "builder` running"));

  write_builders(p, {builder.port()});
  auto alone = p.actordev("builders");
  CHECK(alone.exit_code == 0);
}

TEST_CASE("builders says when a builder refuses the client's certificate",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  REQUIRE(p.actordev("certs init certs").exit_code == 0);
  REQUIRE(p.actordev("certs init other").exit_code == 0);
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work"};
  write_builders(p, {builder.port()}, "other");
  auto r = p.actordev("builders");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output,
             Contains("down") &&
                 Contains("the TLS handshake failed (are this client's and the "
                          "builder's certificates from the same CA?"));
}

TEST_CASE("builders without builders, or with a bad tls folder, says so",
          "[remote-build]") {
  temp_project p;
  p.write("actordev.yaml", "resources:\n  x:\n    cmd: \"true\"\n");
  auto none = p.actordev("builders");
  CHECK(none.exit_code == 0);
  CHECK_THAT(none.output, Contains("lists no builders"));

  write_builders(p, {free_port()}, "missing");
  auto bad = p.actordev("builders");
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.output, Contains("the tls folder of builder 127.0.0.1:") &&
                             Contains("no builder was asked"));

  auto usage = p.actordev("builders --timeout soon");
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.output, Contains("--timeout soon: not a duration"));
}
