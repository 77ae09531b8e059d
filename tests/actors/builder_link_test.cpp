// A builder link in this process against a real `actordev builder` process
// on loopback, both with certificates of one `certs init`: a build's files
// go over as digests, only what the builder lacks is uploaded, the output
// comes back, and a peer without the project's certificate gets nothing.
#include "actors/builder_link.hpp"
#include "actors/system_config.hpp"
#include "actors/tls_system.hpp"
#include "adapters/tls_certs.hpp"
#include "messages/caf_types.hpp"

#include "support/builder_process.hpp"
#include "support/process_state.hpp"
#include "support/run_shell.hpp"
#include "support/temp_dir.hpp"

#include <caf/all.hpp>
#include <caf/openssl/manager.hpp>

#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace actordev;
using namespace std::chrono_literals;
using actordev::test::alive;
using actordev::test::builder_process;
using actordev::test::run_shell;
using actordev::test::temp_dir;
using Catch::Matchers::Contains;

namespace {

struct outcome {
  std::string error;
  std::string ref;
  bool lost = false;
  std::vector<std::string> lines;
};

void send_job(caf::scoped_actor& self, const caf::actor& link, remote_job job) {
  self->send(link, remote_build_atom::value,
             std::make_shared<const remote_job>(std::move(job)));
}

/// Waits (bounded) for the end of the job sent last, collecting the lines
/// that come before it (the link's own notes among them).
outcome wait_end(caf::scoped_actor& self) {
  outcome out;
  bool ended = false;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!ended) {
    INFO("lines so far: " << out.lines.size());
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    bool got = false;
    self->receive(
        [&](msg::LogLine& line) {
          out.lines.push_back(line.text());
          got = true;
        },
        [&](remote_built_atom, std::uint64_t, std::string& error,
            std::string& ref, bool lost) {
          out.error = error;
          out.ref = ref;
          out.lost = lost;
          got = ended = true;
        },
        caf::after(30s) >> [] {});
    REQUIRE(got);
  }
  return out;
}

/// Sends `job` to the link and collects its lines and its end.
outcome build(caf::scoped_actor& self, const caf::actor& link, remote_job job) {
  send_job(self, link, std::move(job));
  return wait_end(self);
}

/// Waits (bounded) for the output line `text`.
void wait_line(caf::scoped_actor& self, const std::string& text) {
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    bool seen = false;
    self->receive([&](msg::LogLine& line) { seen = line.text() == text; },
                  caf::after(30s) >> [] {});
    if (seen)
      return;
  }
  FAIL("no line '" << text << "'");
}

/// Waits (bounded) until the record of running processes at `path` names
/// the process group `pgid`.
void wait_recorded(const std::string& path, int pgid) {
  for (int i = 0; i < 1000; ++i) {
    if (actordev::test::recorded(path, pgid))
      return;
    std::this_thread::sleep_for(10ms);
  }
  FAIL("process group " << pgid << " is not in " << path);
}

struct link_status {
  bool connected = false;
  std::uint64_t done = 0, blobs_sent = 0, bytes_sent = 0;
  std::string last_error;
};

link_status status(caf::scoped_actor& self, const caf::actor& link) {
  link_status s;
  self->request(link, 10s, builder_status_atom::value)
      .receive(
          [&](msg::BuilderInfo&, bool connected, std::uint64_t done,
              std::string& last_error, std::uint64_t blobs,
              std::uint64_t bytes) {
            s = {connected, done, blobs, bytes, last_error};
          },
          [](caf::error& e) { FAIL(caf::to_string(e)); });
  return s;
}

/// A link to `port` in an actor system with `tls`'s client certificate.
struct client {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor link;
  client(const std::string& tls, std::uint16_t port, const std::string& blobs) {
    init_system_config(cfg);
    use_tls(cfg, adapters::tls_files_for(tls, adapters::tls_role::client));
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
    builder_link_options opts;
    opts.host = "127.0.0.1";
    opts.port = port;
    opts.blob_dir = blobs;
    opts.log = caf::actor{*self};
    opts.answer_timeout = 10s;
    opts.backoff = 50ms;
    opts.backoff_cap = 200ms;
    link = sys->spawn<builder_link>(opts);
  }
  ~client() {
    caf::anon_send_exit(link, caf::exit_reason::user_shutdown);
    self.reset();
  }
  /// Waits (bounded) until the link is connected.
  void wait_connected() {
    for (int i = 0; i < 200; ++i) {
      if (status(*self, link).connected)
        return;
      std::this_thread::sleep_for(50ms);
    }
    FAIL("the link never connected: " << status(*self, link).last_error);
  }
};

remote_job copy_job(const temp_dir& t, std::uint64_t id) {
  remote_job job;
  job.id = id;
  job.resource = "web";
  job.image = "web";
  job.work.push_back({t / "project/src", "src/", {}});
  job.command = "cat src/a.txt src/b.txt > \"$ACTORDEV_IMAGE_DIR/out.txt\" && "
                "echo built on the builder && echo web:1 > ref.txt";
  job.ref_file = "ref.txt";
  job.output_dir = t / ("image-" + std::to_string(id));
  return job;
}

/// A project (src/a.txt, src/b.txt), the certificates of one `certs
/// init`, a builder process, and a client linked to it.
struct linked_project {
  temp_dir t;
  std::unique_ptr<builder_process> builder;
  std::unique_ptr<client> c;
  linked_project() {
    REQUIRE(adapters::init_certs(t / "tls") == "");
    t.write("project/src/a.txt", "alpha\n");
    t.write("project/src/b.txt", "beta\n");
    builder = std::make_unique<builder_process>(t / "tls", t / "builder");
    c = std::make_unique<client>(t / "tls", builder->port(), t / "blobs");
    c->wait_connected();
  }
  outcome build(remote_job job) { return ::build(*c->self, c->link, job); }
  link_status status() { return ::status(*c->self, c->link); }
};

} // namespace

TEST_CASE("a build runs on a builder process; a rebuild uploads only the "
          "edited file",
          "[builder-link]") {
  linked_project p;
  auto& t = p.t;
  for (int i = 0; i < 20; ++i)
    t.write("project/src/more/f" + std::to_string(i), std::string(1000, 'x'));

  auto first = p.build(copy_job(t, 1));
  REQUIRE(first.error == "");
  CHECK(first.ref == "web:1");
  CHECK_THAT(first.lines,
             Catch::VectorContains(std::string{"built on the builder"}));
  CHECK(t.read("image-1/out.txt") == "alpha\nbeta\n");
  auto after_first = p.status();
  CHECK(after_first.blobs_sent == 3); // a, b and the twenty equal files

  t.write("project/src/b.txt", "beta, edited\n");
  auto second = p.build(copy_job(t, 2));
  REQUIRE(second.error == "");
  CHECK(t.read("image-2/out.txt") == "alpha\nbeta, edited\n");
  auto after_second = p.status();
  CHECK(after_second.blobs_sent - after_first.blobs_sent == 1);
  CHECK(after_second.bytes_sent - after_first.bytes_sent == 13);
  CHECK(after_second.done == 2);
}

TEST_CASE("a failing command fails the build with its exit and its output",
          "[builder-link]") {
  linked_project p;
  auto job = copy_job(p.t, 1);
  job.command = "echo no compiler here >&2; exit 3";
  auto out = p.build(job);
  CHECK(out.error == "exit 3");
  CHECK_FALSE(out.lost);
  CHECK_THAT(out.lines, Catch::VectorContains(std::string{"no compiler here"}));
  CHECK_FALSE(std::filesystem::exists(p.t / "image-1"));
}

TEST_CASE("a context with a link out of it is refused before anything is "
          "sent",
          "[builder-link]") {
  linked_project p;
  std::filesystem::create_symlink("/etc/passwd", p.t / "project/src/passwd");
  auto out = p.build(copy_job(p.t, 1));
  CHECK_THAT(out.error, Contains("the link 'src/passwd' -> '/etc/passwd' "
                                 "leads outside the tree"));
  CHECK(p.status().bytes_sent == 0);
}

TEST_CASE("a client whose certificate is from another CA is refused, and "
          "the builder serves others still",
          "[builder-link]") {
  linked_project p;
  auto& t = p.t;
  REQUIRE(adapters::init_certs(t / "other") == "");
  {
    client stranger{t / "other", p.builder->port(), t / "blobs-stranger"};
    auto out = build(*stranger.self, stranger.link, copy_job(t, 1));
    CHECK(out.lost);
    CHECK_FALSE(status(*stranger.self, stranger.link).connected);
    CHECK_FALSE(std::filesystem::exists(t / "image-1"));
  }
  auto out = p.build(copy_job(t, 2));
  CHECK(out.error == "");
  CHECK(t.read("image-2/out.txt") == "alpha\nbeta\n");
}

TEST_CASE("a build on a builder that is killed, or freezes, mid-build ends "
          "as lost, to be run elsewhere",
          "[builder-link]") {
  auto signal = GENERATE(SIGKILL, SIGSTOP);
  INFO("signal " << signal);
  linked_project p;
  auto job = copy_job(p.t, 1);
  job.command =
      "echo $$ > '" + p.t / "build.pid" + "'; echo started; exec sleep 30";
  send_job(*p.c->self, p.c->link, job);
  wait_line(*p.c->self, "started");
  auto pid = std::atoi(p.t.read("build.pid").c_str());
  REQUIRE(pid > 1);
  // The builder records a build's process group just after it starts it;
  // one killed before that cannot know of the build.
  if (signal == SIGKILL)
    wait_recorded(p.t / "builder/.actordev/processes", pid);
  ::kill(p.builder->pid(), signal);
  // A killed peer is seen at once; a frozen one after the link's timeout.
  auto out = wait_end(*p.c->self);
  // Thawed at once: the link's next connection attempt must not wait on a
  // frozen peer while the test ends.
  if (signal == SIGSTOP)
    ::kill(p.builder->pid(), SIGCONT);
  CHECK(out.lost);
  CHECK_THAT(out.error, Contains("builder 127.0.0.1:"));
  if (signal == SIGSTOP)
    return;
  CHECK_FALSE(p.status().connected);
  // Killed, the builder could not stop its build; the next builder on the
  // same workdir does, before it serves.
  CHECK(alive(pid));
  p.builder.reset();
  builder_process next{p.t / "tls", p.t / "builder"};
  CHECK_THAT(next.log(), Contains("stopped a build an earlier builder left "
                                  "running (web, process group " +
                                  std::to_string(pid) + ")"));
  CHECK_FALSE(alive(pid));
}

TEST_CASE("peers without the project's certificate are refused by the "
          "builder, and a connected client keeps building",
          "[builder-link]") {
  linked_project p;
  auto& t = p.t;
  REQUIRE(adapters::init_certs(t / "other") == "");
  auto port = std::to_string(p.builder->port());
  // openssl s_client as the stranger: it trusts the builder (tls/ca.pem),
  // and reads until the builder closes the connection.
  auto s_client = [&](const std::string& cert_args) {
    return run_shell("timeout 20 openssl s_client -connect 127.0.0.1:" + port +
                     " -CAfile " + t / "tls/ca.pem" + cert_args +
                     " -ign_eof </dev/null 2>&1");
  };
  auto other_ca = s_client(" -cert " + t / "other/client.pem" + " -key " +
                           t / "other/client-key.pem");
  CHECK(other_ca.first != 0);
  CHECK_THAT(other_ca.second, Contains("alert unknown ca"));
  auto no_cert = s_client("");
  CHECK(no_cert.first != 0);
  CHECK_THAT(no_cert.second, Contains("alert certificate required"));
  auto plaintext =
      run_shell("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout 20 bash -c "
                "'exec 3<>/dev/tcp/127.0.0.1/" +
                port + "; cat >&3; cat <&3' 2>&1");
  CHECK(plaintext.second.find("HTTP") == std::string::npos);
  // The builder says whom it refused, and why.
  auto log = p.builder->log();
  CHECK_THAT(log, Contains("refused a connection from 127.0.0.1:") &&
                      Contains(": its certificate is not from this builder's "
                               "CA") &&
                      Contains(": it sent no certificate") &&
                      Contains(": it does not speak TLS"));
  // Each refusal left an error on the builder's I/O thread; CAF 0.17 then
  // dropped the next good connection that waited for data
  // (actors/tls_system.cpp).
  auto out = p.build(copy_job(t, 1));
  INFO(p.builder->log());
  CHECK(out.error == "");
  CHECK(t.read("image-1/out.txt") == "alpha\nbeta\n");
}

TEST_CASE("a peer that never finishes its TLS handshake is dropped, and the "
          "builder serves others still",
          "[builder-link]") {
  linked_project p;
  auto port = std::to_string(p.builder->port());
  // Connects and says nothing: `cat` ends when the builder closes the
  // connection; `timeout` ends it (124) if the builder never does.
  auto silent = run_shell("timeout 30 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" +
                          port + "; cat <&3 >/dev/null' 2>&1");
  CHECK(silent.first == 0);
  CHECK_THAT(p.builder->log(),
             Contains("refused a connection from 127.0.0.1:") &&
                 Contains("it did not finish the TLS handshake within 5 s"));
  auto out = p.build(copy_job(p.t, 1));
  CHECK(out.error == "");
  CHECK(p.t.read("image-1/out.txt") == "alpha\nbeta\n");
}

TEST_CASE("an output of several 1 MiB pieces comes back whole",
          "[builder-link]") {
  linked_project p;
  auto job = copy_job(p.t, 1);
  // 3.5 MiB, and exactly 2 MiB: pieces fetched several at a time.
  job.command = "yes 0123456789abcdef | head -c 3670016 > "
                "\"$ACTORDEV_IMAGE_DIR/big\" && head -c 2097152 /dev/zero > "
                "\"$ACTORDEV_IMAGE_DIR/two\"";
  job.ref_file.clear();
  auto out = p.build(job);
  REQUIRE(out.error == "");
  auto big = run_shell("yes 0123456789abcdef | head -c 3670016 | cmp - '" +
                       p.t / "image-1/big" + "'");
  CHECK(big.first == 0);
  auto two = run_shell("head -c 2097152 /dev/zero | cmp - '" +
                       p.t / "image-1/two" + "'");
  CHECK(two.first == 0);
}
