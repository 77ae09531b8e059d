// A cluster connection on a real actor system, asking a real command: what
// the scheduler hears as the cluster goes away and comes back.
#include "actors/cluster_connection.hpp"
#include "actors/system_config.hpp"

#include <caf/all.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace actordev;
using namespace std::chrono_literals;

namespace {

/// A folder whose `up` file decides whether the fake cluster answers.
struct switch_dir {
  std::string path;
  switch_dir() {
    auto base =
        std::filesystem::temp_directory_path() / "actordev-cluster-XXXXXX";
    path = base.string();
    REQUIRE(::mkdtemp(path.data()) != nullptr);
  }
  ~switch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  void set_up(bool up) {
    if (up)
      std::ofstream{path + "/up"} << "1";
    else
      std::filesystem::remove(path + "/up");
  }
};

msg::ClusterStatus next_status(caf::scoped_actor& self) {
  msg::ClusterStatus out;
  bool got = false;
  self->receive(
      [&](const msg::Event& e) {
        REQUIRE(e.has_cluster_status());
        out = e.cluster_status();
        got = true;
      },
      caf::after(20s) >> [] {});
  REQUIRE(got);
  return out;
}

} // namespace

TEST_CASE("a cluster connection reports the architecture, the error while "
          "unreachable, and reconnects",
          "[cluster]") {
  switch_dir dir;
  dir.set_up(false);
  caf::actor_system_config cfg;
  init_system_config(cfg);
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  cluster_connection_spec spec;
  spec.name = "docker";
  spec.command = "if [ -e '" + dir.path +
                 "/up' ]; then echo '{\"Architecture\":\"aarch64\"}'; else "
                 "echo 'Cannot connect to the Docker daemon' >&2; exit 1; fi";
  spec.read = [](const adapters::command_output& out) {
    return docker::read_docker_info(out.exit_code, out.out, out.err);
  };
  spec.scheduler = caf::actor{self};
  spec.retry_min = 20ms;
  spec.retry_max = 80ms;
  spec.interval = 50ms;
  auto conn = sys.spawn<cluster_connection, caf::detached>(std::move(spec));

  auto first = next_status(self);
  CHECK(first.name() == "docker");
  CHECK(first.arch().empty());
  CHECK(first.error() == "Cannot connect to the Docker daemon");
  dir.set_up(true); // retried with backoff until it answers
  auto second = next_status(self);
  CHECK(second.arch() == "arm64");
  CHECK(second.error().empty());
  dir.set_up(false); // checked again while up: the loss is seen
  auto third = next_status(self);
  CHECK(third.error() == "Cannot connect to the Docker daemon");
  self->send_exit(conn, caf::exit_reason::user_shutdown);
}
