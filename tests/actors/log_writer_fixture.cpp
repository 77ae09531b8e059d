#include "log_writer_fixture.hpp"

#include "messages/caf_types.hpp"
#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_reader.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace actordev::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

/// How long a wait gives the actors before it fails the test.
constexpr auto expect_within = 10s;

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

} // namespace

log_writer_fixture::log_writer_fixture() {
  std::string p = (fs::temp_directory_path() / "actordev-logw-XXXXXX").string();
  REQUIRE(::mkdtemp(p.data()) != nullptr);
  dir_ = p;
  add_message_types(cfg_);
  sys_ = std::make_unique<caf::actor_system>(cfg_);
  console_ = std::make_unique<caf::scoped_actor>(*sys_);
  monitor_ = std::make_unique<caf::scoped_actor>(*sys_);
  subscriber_ = std::make_unique<caf::scoped_actor>(*sys_);
  manifests_ = std::make_unique<caf::scoped_actor>(*sys_);
}

log_writer_fixture::~log_writer_fixture() {
  // Whatever a failed test left running must end, or the system hangs.
  if (scheduler_)
    (*monitor_)->send_exit(scheduler_, caf::exit_reason::user_shutdown);
  if (writer_)
    (*monitor_)->send(writer_, log_close_atom::value);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void log_writer_fixture::start_writer(int limit) {
  msg::LogHeader h;
  h.set_actordev_version("0.1.0");
  h.set_command("test");
  auto v = adapters::create_log_in(dir_, 1'700'000'000'000'000,
                                   message_log::encode_start(h));
  if (auto* err = std::get_if<adapters::log_file_error>(&v))
    FAIL(err->describe());
  start_writer(std::get<adapters::log_file>(std::move(v)), limit);
}

void log_writer_fixture::start_writer(adapters::log_file file, int limit) {
  path_ = file.path();
  backlog_->limit = limit;
  writer_ = sys_->spawn<log_writer, caf::detached>(
      std::move(file), backlog_, caf::actor_cast<caf::actor>(*console_));
  (*monitor_)->monitor(writer_);
}

void log_writer_fixture::append(std::string bytes) {
  backlog_->batches.fetch_add(1);
  (*monitor_)->send(writer_, log_append_atom::value, std::move(bytes));
}

void log_writer_fixture::close() {
  (*monitor_)->send(writer_, log_close_atom::value);
}

void log_writer_fixture::wait_writer_done() {
  (*monitor_)->receive([](const caf::down_msg&) {},
                       caf::after(expect_within) >>
                           [] { FAIL("the writer did not quit"); });
  writer_ = nullptr;
}

void log_writer_fixture::start_scheduler() {
  scheduler_options opts;
  opts.clock = [t = time_us{1'700'000'000'000'000}]() mutable {
    return t += 1000;
  };
  opts.log = log_sink{writer_, backlog_};
  scheduler_ = sys_->spawn<scheduler_actor>(std::move(opts));
  auto& self = *subscriber_;
  self->send(scheduler_, subscribe_atom::value,
             caf::actor_cast<caf::actor>(self));
}

void log_writer_fixture::send_and_await_decision(msg::Event e) {
  for (const auto& m : e.config_loaded().manifests())
    (*manifests_)
        ->send(scheduler_, register_atom::value, m.name(),
               caf::actor_cast<caf::actor>(*manifests_));
  auto& self = *subscriber_;
  self->send(scheduler_, std::move(e));
  bool decided = false;
  while (!decided)
    self->receive([&](const msg::Decision&) { decided = true; },
                  caf::after(expect_within) >> [] { FAIL("no decision"); });
}

void log_writer_fixture::stop_scheduler() {
  (*monitor_)->send(scheduler_, stop_atom::value);
  scheduler_ = nullptr;
}

void log_writer_fixture::kill_scheduler() {
  (*monitor_)->send_exit(scheduler_, caf::exit_reason::user_shutdown);
  scheduler_ = nullptr;
}

msg::LogHeader log_writer_fixture::header() const {
  auto bytes = contents(path_);
  auto reader = message_log::read_binary(bytes);
  REQUIRE(reader->header());
  return *reader->header();
}

std::vector<msg::LogRecord> log_writer_fixture::records() const {
  auto bytes = contents(path_);
  auto reader = message_log::read_binary(bytes);
  REQUIRE(reader->header());
  std::vector<msg::LogRecord> out;
  for (msg::LogRecord r; reader->next(r);)
    out.push_back(r);
  if (reader->damage())
    FAIL("damaged log: " << reader->damage()->describe());
  return out;
}

std::vector<msg::LogLine> log_writer_fixture::console_lines() {
  std::vector<msg::LogLine> out;
  for (bool more = true; more;)
    (*console_)->receive([&](const msg::LogLine& l) { out.push_back(l); },
                         caf::after(std::chrono::milliseconds{1}) >>
                             [&] { more = false; });
  return out;
}

msg::Event load_locals(const std::vector<std::string>& names) {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_max_parallel_updates(3);
  for (const auto& name : names) {
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
  }
  return e;
}

msg::Event build_finished(const std::string& name) {
  msg::Event e;
  e.mutable_build_finished()->set_manifest(name);
  return e;
}

std::string event_record(std::uint64_t seq) {
  auto e = build_finished("m" + std::to_string(seq));
  e.set_seq(seq);
  std::string out;
  message_log::append_event(out, e);
  return out;
}

} // namespace actordev::test
