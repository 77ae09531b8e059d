// actordev ci with `builders:`: images of the local container runtime built
// by real `actordev builder` processes on loopback, over mutual TLS, and
// what happens when no builder answers or the certificates are wrong.
#include "session_fixture.hpp"

#include "support/builder_process.hpp"
#include "support/process_state.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include <signal.h>
#include <unistd.h>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// A project whose image `web` (app/, FROM base/) and custom image `tool`
/// are run by two container resources, with `builders:` at `port`.
void write_project(const temp_project& p, int port,
                   const std::string& build_on) {
  if (!std::filesystem::exists(p.dir() + "/certs"))
    REQUIRE(p.actordev("certs init certs").exit_code == 0);
  p.write("base/base.txt", "from the base\n");
  p.write("app/hello.txt", "hello from app\n");
  p.write("tool/src/tool.txt", "tool built\n");
  p.write("actordev.yaml", R"(
builders: [{address: "127.0.0.1:)" +
                               std::to_string(port) +
                               R"(", tls: certs}]
images:
  base: {context: base, build_on: )" +
                               build_on + R"(}
  web: {context: app, from: base, build_on: )" +
                               build_on + R"(}
  tool:
    build_on: )" + build_on + R"(
    custom:
      command: cp tool/src/tool.txt "$ACTORDEV_IMAGE_DIR/tool.txt" && echo custom step ran
      deps: [tool/src]
resources:
  web:
    container: {image: web, cmd: "cat base.txt hello.txt; exec sleep 1000"}
  tool:
    container: {image: tool, cmd: "cat tool.txt; exec sleep 1000"}
)");
}

} // namespace

TEST_CASE("ci builds the images on a builder process and runs them here",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  // The builder and the project share one CA: the project's certs folder.
  write_project(p, 0, "remote");
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work"};
  write_project(p, builder.port(), "remote");
  auto r = p.actordev("ci --timeout 60s --message-log run.alog");
  INFO(r.output << "\n--- builder:\n" << builder.log());
  CHECK(r.exit_code == 0);
  // What the images hold (the containers' own output may come after ci
  // judged them ready and exited), and the custom build's output line.
  CHECK_THAT(r.output, Contains("custom step ran"));
  CHECK(read_text(p.dir() + "/.actordev/images/tool/tool.txt") ==
        "tool built\n");
  CHECK_THAT(builder.log(), Contains("built web (image base) for") &&
                                Contains("built web for") &&
                                Contains("built tool for"));
  // base.txt went over with the base: web sends only its own file.
  CHECK_THAT(r.output, Contains("image web built on 127.0.0.1:" +
                                std::to_string(builder.port()) +
                                ": sent 1 files (15 B), fetched 0 B"));
  CHECK(read_text(p.dir() + "/.actordev/images/web/hello.txt") ==
        "hello from app\n");
  CHECK(read_text(p.dir() + "/.actordev/images/web/base.txt") ==
        "from the base\n");
  // The engine chose the builder, and the message log says so: replay
  // makes the same choices.
  auto replay = p.actordev("replay run.alog");
  INFO(replay.output);
  CHECK(replay.exit_code == 0);
  auto on = " on builder 127.0.0.1:" + std::to_string(builder.port());
  CHECK_THAT(replay.output, Contains("grant web (initial)" + on) &&
                                Contains("grant tool (initial)" + on) &&
                                Contains("all match"));
}

TEST_CASE("with build_on: any and no builder answering, images build here",
          "[remote-build]") {
  temp_project p;
  write_project(p, free_port(), "any");
  auto r = p.actordev("ci --timeout 60s");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("custom step ran"));
  CHECK(read_text(p.dir() + "/.actordev/images/web/hello.txt") ==
        "hello from app\n");
  CHECK(read_text(p.dir() + "/.actordev/images/tool/tool.txt") ==
        "tool built\n");
  CHECK_THAT(r.output, Contains("cannot connect"));
}

TEST_CASE("a tls folder that does not check out stops ci before anything "
          "starts, naming the file",
          "[remote-build]") {
  temp_project p;
  write_project(p, free_port(), "remote");
  std::filesystem::remove(p.dir() + "/certs/client-key.pem");
  auto r = p.actordev("ci --timeout 60s");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("the tls folder of builder 127.0.0.1:") &&
                           Contains("client-key.pem: No such file") &&
                           Contains("nothing was started"));
}

namespace {

/// A project whose image `web` is a custom build that records where it
/// runs (runs.log: "start WORKDIR PGID", then "end WORKDIR"), works for
/// three seconds in short steps (as a compiler would, so a frozen build
/// does not finish the moment it thaws), and copies src/ into the image;
/// build_on: remote, on the builders at `ports`.
void write_slow_project(const temp_project& p, const std::vector<int>& ports) {
  if (!std::filesystem::exists(p.dir() + "/certs"))
    REQUIRE(p.actordev("certs init certs").exit_code == 0);
  p.write("src/a.txt", "alpha\n");
  std::string builders;
  for (int port : ports)
    builders += (builders.empty() ? "" : ", ") +
                std::string{"{address: \"127.0.0.1:"} + std::to_string(port) +
                "\", tls: certs}";
  auto runs = p.dir() + "/runs.log";
  p.write("build.sh", "echo \"start $PWD $(cut -d' ' -f5 /proc/$$/stat)\" >> " +
                          runs +
                          "\nfor i in $(seq 30); do sleep 0.1; done\n"
                          "cp src/a.txt \"$ACTORDEV_IMAGE_DIR/a.txt\"\n"
                          "echo \"end $PWD\" >> " +
                          runs + "\n");
  p.write("actordev.yaml", "builders: [" + builders + R"(]
images:
  web:
    build_on: remote
    custom:
      command: sh src/build.sh
      deps: [src]
resources:
  web:
    container: {image: web, cmd: "exec sleep 1000"}
)");
  std::filesystem::rename(p.dir() + "/build.sh", p.dir() + "/src/build.sh");
}

/// A config with one builder at `port` (certificates in certs/) and one
/// local resource `name` whose `cmd` runs there, with src/ as its files.
std::string remote_cmd_config(int port, const std::string& name,
                              const std::string& cmd) {
  return "builders: [{address: \"127.0.0.1:" + std::to_string(port) +
         "\", tls: certs}]\nresources:\n  " + name + ":\n    cmd: " + cmd +
         "\n    deps: [src]\n    build_on: remote\n";
}

/// The process groups of the builds that started under `workdir`.
std::vector<pid_t> started_under(const std::string& runs,
                                 const std::string& workdir) {
  std::vector<pid_t> out;
  for (const auto& line : read_lines(runs))
    if (line.rfind("start " + workdir, 0) == 0)
      out.push_back(std::stoi(line.substr(line.rfind(' ') + 1)));
  return out;
}

/// The live processes (not zombies) whose field `at` of /proc/PID/stat
/// (after the name: 2 pgrp, 3 session) is `id`.
std::vector<pid_t> processes_with(std::size_t at, pid_t id) {
  std::vector<pid_t> out;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos)
      continue;
    pid_t pid = std::stoi(name);
    auto f = stat_fields(pid);
    if (f.size() > at && f[at] == std::to_string(id) && alive(pid))
      out.push_back(pid);
  }
  return out;
}

/// Sends `sig` to every process of session `sid` (a builder and its
/// builds: a machine that freezes freezes them all).
void signal_session(pid_t sid, int sig) {
  for (auto pid : processes_with(3, sid))
    ::kill(pid, sig);
}

} // namespace

TEST_CASE("a builder killed or frozen mid-build: ci builds the image on the "
          "other builder, and the first build never finishes",
          "[remote-build]") {
  auto sig = GENERATE(SIGKILL, SIGSTOP);
  INFO("signal " << sig);
  temp_project p;
  temp_project dirs;
  write_slow_project(p, {});
  auto certs = p.dir() + "/certs";
  auto a_dir = dirs.dir() + "/a", b_dir = dirs.dir() + "/b";
  auto a = std::make_unique<builder_process>(certs, a_dir);
  auto b = std::make_unique<builder_process>(certs, b_dir);
  write_slow_project(p, {a->port(), b->port()});
  running_actordev ci{p, "ci --timeout 60s"};
  auto runs = p.dir() + "/runs.log";
  wait_until([&] { return !read_lines(runs).empty(); }, "a build to start");
  // Both have one free slot: the engine chose one; stop that one.
  bool on_a = !started_under(runs, a_dir).empty();
  auto& victim = on_a ? a : b;
  auto victim_dir = on_a ? a_dir : b_dir;
  auto other_port = (on_a ? b : a)->port();
  auto first = started_under(runs, victim_dir).at(0);
  // Once the builder has recorded the build (see builder_link_test).
  wait_until(
      [&] { return recorded(victim_dir + "/.actordev/processes", first); },
      "the build's record");
  if (sig == SIGKILL) {
    ::kill(victim->pid(), SIGKILL);
    // Restarted on its workdir, as a service manager would: it stops the
    // build the killed one left.
    victim.reset();
    victim = std::make_unique<builder_process>(certs, victim_dir);
    CHECK_THAT(victim->log(),
               Contains("stopped a build an earlier builder left running"));
  } else {
    signal_session(victim->pid(), SIGSTOP);
  }
  int code = ci.wait_exit(std::chrono::seconds{60});
  if (sig == SIGSTOP)
    signal_session(victim->pid(), SIGCONT);
  INFO(ci.output() << "\n--- runs:\n" << read_text(runs));
  CHECK(code == 0);
  CHECK(read_text(p.dir() + "/.actordev/images/web/a.txt") == "alpha\n");
  // The result was taken once, from the other builder.
  CHECK(count_of(ci.output(), "image web built on") == 1);
  CHECK_THAT(ci.output(), Contains("image web built on 127.0.0.1:" +
                                   std::to_string(other_port)));
  CHECK_THAT(ci.output(), Contains("; building it elsewhere"));
  // The first build is stopped (a thawed builder finds its client gone),
  // and never finished.
  wait_until([&] { return processes_with(2, first).empty(); },
             "the first build to stop");
  CHECK(count_lines(runs, "end " + victim_dir) == 0);
}

TEST_CASE("a local resource's cmd with build_on: remote runs on the builder, "
          "its output and exit come back",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  REQUIRE(p.actordev("certs init certs").exit_code == 0);
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work"};
  p.write("src/check.sh", "echo \"checking in $PWD\"\ncat src/data.txt\n"
                          "touch made-here\nexit \"$(cat src/code)\"\n");
  p.write("src/data.txt", "the data\n");
  p.write("src/code", "0\n");
  p.write("actordev.yaml",
          remote_cmd_config(builder.port(), "check", "sh src/check.sh"));
  auto ok = p.actordev("ci --timeout 60s --message-log run.alog");
  INFO(ok.output << "\n--- builder:\n" << builder.log());
  CHECK(ok.exit_code == 0);
  // It ran in the builder's work folder, on the files sent...
  CHECK_THAT(ok.output,
             Contains("checking in " + builder_dir.dir() + "/work/trees/") &&
                 Contains("the data"));
  // ...and what it wrote there stays there.
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/made-here"));
  auto replay = p.actordev("replay run.alog");
  CHECK_THAT(replay.output,
             Contains("grant check (initial) on builder 127.0.0.1:" +
                      std::to_string(builder.port())));

  p.write("src/code", "3\n");
  auto failed = p.actordev("ci --timeout 60s");
  INFO(failed.output);
  CHECK(failed.exit_code == 4);
  CHECK_THAT(failed.output, Contains("exit 3"));
}

TEST_CASE("a builder restarted while up runs: up connects again and builds "
          "there, with no change to the config",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  REQUIRE(p.actordev("certs init certs").exit_code == 0);
  auto port = free_port();
  auto certs = p.dir() + "/certs", work = builder_dir.dir() + "/work";
  auto builder = std::make_unique<builder_process>(certs, work, 1, port);
  p.write("src/round", "1\n");
  p.write("actordev.yaml",
          remote_cmd_config(port, "check",
                            "echo \"round $(cat src/round) on the builder\""));
  running_actordev up{p, "up"};
  up.wait_for("round 1 on the builder");
  builder.reset(); // SIGTERM: it stops
  up.wait_for("builder 127.0.0.1:" + std::to_string(port) +
              ": the builder "
              "went away");
  builder = std::make_unique<builder_process>(certs, work, 1, port);
  up.wait_for("builder 127.0.0.1:" + std::to_string(port) +
              ": connected (1 slots), again");
  replace_file(p, "src/round", "2\n");
  up.wait_for("round 2 on the builder");
  CHECK_THAT(builder->log(), Contains("building check for"));
}

TEST_CASE("stopping up stops the command it runs on a builder",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  REQUIRE(p.actordev("certs init certs").exit_code == 0);
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work"};
  auto group = p.dir() + "/group";
  p.write("src/long.sh",
          "cut -d' ' -f5 /proc/$$/stat > " + group + "\nexec sleep 300\n");
  p.write("actordev.yaml",
          remote_cmd_config(builder.port(), "long", "sh src/long.sh"));
  running_actordev up{p, "up"};
  wait_until([&] { return read_pid(group) > 0; }, "the command to start");
  pid_t pgid = read_pid(group);
  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  // The builder killed the command's process group.
  wait_until([&] { return processes_with(2, pgid).empty(); },
             "the command on the builder to stop");
  CHECK_THAT(builder.log(), Contains("cancelled long for"));
}

TEST_CASE("a build the builder refuses for want of a slot waits, and runs "
          "once the slot is free",
          "[remote-build]") {
  temp_project first, second;
  temp_project builder_dir;
  REQUIRE(first.actordev("certs init certs").exit_code == 0);
  // One slot, shared by two projects (two teammates): the second's build is
  // refused while the first's runs, which waits until the test lets it end.
  builder_process builder{first.dir() + "/certs", builder_dir.dir() + "/work",
                          1};
  std::filesystem::copy(first.dir() + "/certs", second.dir() + "/certs");
  auto release = builder_dir.dir() + "/release";
  for (auto* p : {&first, &second}) {
    p->write("src/job.sh", "for i in $(seq 600); do [ -e " + release +
                               " ] && break; sleep 0.05; done\n"
                               "echo the job is done\n");
    p->write("actordev.yaml",
             remote_cmd_config(builder.port(), "job", "sh src/job.sh"));
  }
  running_actordev a{first, "ci --timeout 60s"};
  wait_until(
      [&] { return builder.log().find("building job") != std::string::npos; },
      "the first build to start");
  running_actordev b{second, "ci --timeout 60s"};
  b.wait_for("all 1 slots are busy");
  std::ofstream{release} << "go\n";
  CHECK(a.wait_exit(std::chrono::seconds{60}) == 0);
  CHECK(b.wait_exit(std::chrono::seconds{60}) == 0);
  INFO(b.output() << "\n--- builder:\n" << builder.log());
  CHECK_THAT(b.output(), Contains("the job is done"));
}
