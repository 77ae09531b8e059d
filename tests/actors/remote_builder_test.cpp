// The remote builder's side of the protocol, spoken to directly by a test
// actor as a client that sends what it likes: bad manifests, chunks that
// do not fit, a digest that does not match. Each build fails with a clear
// error; the store keeps only checked blobs, and nothing is written outside
// the workdir.
#include "actors/remote_builder.hpp"
#include "actors/system_config.hpp"
#include "adapters/tree_files.hpp"
#include "messages/caf_types.hpp"

#include "support/temp_dir.hpp"

#include <caf/all.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace actordev;
using namespace std::chrono_literals;
using actordev::test::temp_dir;
using Catch::Matchers::Contains;

namespace {

struct builder_fixture {
  temp_dir t;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor builder;
  std::vector<std::string> notes;

  builder_fixture() {
    init_system_config(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
    remote_builder_options opts;
    opts.name = "test-builder";
    opts.workdir = t / "work";
    opts.slots = 1;
    builder = sys->spawn<remote_builder>(opts);
  }
  ~builder_fixture() {
    caf::anon_send_exit(builder, caf::exit_reason::user_shutdown);
    self.reset();
  }

  template <class Answer, class Request>
  Answer ask(const Request& r) {
    Answer out;
    (*self)
        ->request(builder, 10s, r)
        .receive([&](Answer& a) { out = std::move(a); },
                 [](caf::error& e) { FAIL(caf::to_string(e)); });
    return out;
  }

  /// A RemoteBuild of one file `name` holding `text` (as the manifest
  /// says), with `command`.
  msg::RemoteBuild one_file(std::uint64_t id, const std::string& name,
                            const std::string& text,
                            const std::string& command = "") {
    msg::RemoteBuild r;
    r.set_build_id(id);
    r.set_resource("web");
    auto* e = r.add_work();
    e->set_path(name);
    e->set_kind(msg::FILE_REGULAR);
    e->set_digest(adapters::sha256_bytes(text));
    e->set_size(text.size());
    e->set_mode(0644);
    r.set_command(command);
    r.set_return_output(true);
    return r;
  }

  msg::BlobAck chunk(std::uint64_t id, const std::string& digest,
                     std::uint64_t offset, const std::string& data, bool last) {
    msg::BlobChunk c;
    c.set_build_id(id);
    c.set_digest(digest);
    c.set_offset(offset);
    c.set_data(data);
    c.set_last(last);
    return ask<msg::BlobAck>(c);
  }

  msg::BlobAck start(std::uint64_t id) {
    msg::StartBuild s;
    s.set_build_id(id);
    return ask<msg::BlobAck>(s);
  }

  msg::RemoteBuildDone wait_done() {
    msg::RemoteBuildDone done;
    bool got = false;
    for (int i = 0; i < 50 && !got; ++i)
      (*self)->receive([&](msg::RemoteBuildDone& d) { done = d, got = true; },
                       [](msg::LogLine&) {}, caf::after(20s) >> [] {});
    REQUIRE(got);
    return done;
  }

  void cancel(std::uint64_t id) {
    msg::CancelBuild c;
    c.set_build_id(id);
    (*self)->send(builder, c);
  }
};

} // namespace

TEST_CASE("a manifest that climbs out, or a command folder outside the "
          "build, is refused before anything is stored",
          "[remote-builder]") {
  builder_fixture f;
  auto climbing = f.one_file(1, "../../escape.txt", "x");
  auto answer = f.ask<msg::MissingBlobs>(climbing);
  CHECK_THAT(answer.error(), Contains("test-builder: a bad manifest: the path "
                                      "'../../escape.txt' is not relative"));
  auto subdir = f.one_file(2, "a.txt", "x");
  subdir.set_work_subdir("/etc");
  CHECK_THAT(f.ask<msg::MissingBlobs>(subdir).error(),
             Contains("'/etc' is not a relative path inside the build"));
  CHECK_FALSE(std::filesystem::exists(f.t / "escape.txt"));
}

TEST_CASE("a blob whose bytes do not match its digest, or run past the size "
          "the manifest gives, fails the upload",
          "[remote-builder]") {
  builder_fixture f;
  auto r = f.one_file(1, "a.txt", "hello");
  auto missing = f.ask<msg::MissingBlobs>(r);
  REQUIRE(missing.error() == "");
  REQUIRE(missing.digests_size() == 1);
  auto digest = missing.digests(0);
  CHECK_THAT(f.chunk(1, digest, 0, "hellO", true).error(),
             Contains("damaged or truncated"));
  CHECK_THAT(f.chunk(1, digest, 0, "hello, and a lot more", false).error(),
             Contains("5 in all as the manifest says"));
  CHECK_THAT(f.chunk(1, std::string(64, 'e'), 0, "x", true).error(),
             Contains("no build under way wants blob"));
  CHECK_THAT(f.start(1).error(), Contains("1 blobs were not sent"));
  // The upload can be made again, right this time, and the build runs.
  CHECK(f.chunk(1, digest, 0, "hello", true).error() == "");
  CHECK(f.start(1).error() == "");
  auto done = f.wait_done();
  CHECK(done.error() == "");
}

TEST_CASE("a build's command runs in the work folder and its output comes "
          "back as a manifest; a second client build finds the blob stored",
          "[remote-builder]") {
  builder_fixture f;
  auto r =
      f.one_file(1, "a.txt", "hello", "cp a.txt \"$ACTORDEV_IMAGE_DIR/b.txt\"");
  auto missing = f.ask<msg::MissingBlobs>(r);
  REQUIRE(missing.digests_size() == 1);
  REQUIRE(f.chunk(1, missing.digests(0), 0, "hello", true).error() == "");
  REQUIRE(f.start(1).error() == "");
  auto done = f.wait_done();
  REQUIRE(done.error() == "");
  REQUIRE(done.output_size() == 1);
  CHECK(done.output(0).path() == "b.txt");
  CHECK(done.output(0).digest() == adapters::sha256_bytes("hello"));
  msg::FetchBlob fetch;
  fetch.set_build_id(1);
  fetch.set_digest(done.output(0).digest());
  auto piece = f.ask<msg::BlobChunk>(fetch);
  CHECK(piece.data() == "hello");
  CHECK(piece.last());
  f.cancel(1);
  auto again = f.ask<msg::MissingBlobs>(f.one_file(2, "a.txt", "hello"));
  CHECK(again.error() == "");
  CHECK(again.digests_size() == 0);
}

TEST_CASE("a builder with every slot taken says so", "[remote-builder]") {
  builder_fixture f;
  REQUIRE(f.ask<msg::MissingBlobs>(f.one_file(1, "a.txt", "x")).error() == "");
  CHECK_THAT(f.ask<msg::MissingBlobs>(f.one_file(2, "a.txt", "x")).error(),
             Contains("test-builder: all 1 slots are busy"));
  f.cancel(1);
  CHECK(f.ask<msg::MissingBlobs>(f.one_file(3, "a.txt", "x")).error() == "");
}
