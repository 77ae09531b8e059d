#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/jsonl_writer.hpp"
#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_reader.hpp"

namespace actordev::test {

namespace {

msg::LogHeader header() {
  msg::LogHeader h;
  h.set_actordev_version("0.1.0");
  h.set_started_us(1'700'000'000'000'000);
  h.set_command("ci");
  h.set_config_path("/project/actordev.yaml");
  h.set_config_yaml("local_resources:\n  db: {cmd: true}\n");
  return h;
}

msg::ManifestSpec local(const std::string& name, const std::string& dep) {
  msg::ManifestSpec m;
  m.set_name(name);
  m.set_type(msg::MANIFEST_LOCAL);
  if (!dep.empty())
    m.add_resource_deps(dep);
  return m;
}

} // namespace

log_recording::log_recording() {
  msg::LogRecord r;
  *r.mutable_header() = header();
  records_.push_back(r);
  bytes_ = message_log::encode_start(r.header());
}

void log_recording::event(msg::Event e) {
  e.set_seq(++seq_);
  e.set_time_us(clock_ += 1000);
  engine_.apply(e);
  message_log::append_event(bytes_, e);
  msg::LogRecord r;
  *r.mutable_event() = std::move(e);
  records_.push_back(std::move(r));
}

msg::DecisionPoint log_recording::decide() {
  auto d = engine_.decide(++seq_, clock_ += 1000);
  message_log::append_decision(bytes_, d);
  msg::LogRecord r;
  *r.mutable_decision() = d;
  records_.push_back(std::move(r));
  return d;
}

void log_recording::load_three_locals() {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_config_path("/project/actordev.yaml");
  c->set_max_parallel_updates(3);
  *c->add_manifests() = local("db", "");
  *c->add_manifests() = local("api", "db");
  *c->add_manifests() = local("web", "api");
  event(std::move(e));
}

void log_recording::finish(const std::string& name, const std::string& error) {
  msg::Event e;
  auto* f = e.mutable_build_finished();
  f->set_manifest(name);
  f->set_error(error);
  if (error.empty()) {
    auto* t = f->add_results();
    t->mutable_target()->set_type(msg::TARGET_LOCAL);
    t->mutable_target()->set_name(name);
    t->set_kind(msg::RESULT_LOCAL);
  }
  event(std::move(e));
}

void log_recording::ready(const std::string& name) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  r->set_status(msg::RUNTIME_OK);
  r->set_ready(true);
  event(std::move(e));
}

void log_recording::change(const std::string& name) {
  msg::Event e;
  auto* t = e.mutable_files_changed()->add_changes();
  t->mutable_target()->set_type(msg::TARGET_LOCAL);
  t->mutable_target()->set_name(name);
  t->add_paths("/project/" + name + "/main.c");
  event(std::move(e));
}

std::string log_recording::jsonl() const {
  std::string out;
  for (const auto& r : records_)
    out += message_log::to_json_line(r) + "\n";
  return out;
}

std::vector<msg::LogRecord> read_all(std::string_view bytes, bool jsonl) {
  auto reader =
      jsonl ? message_log::read_jsonl(bytes) : message_log::read_binary(bytes);
  std::vector<msg::LogRecord> out;
  if (reader->header()) {
    out.emplace_back();
    *out.back().mutable_header() = *reader->header();
  }
  msg::LogRecord r;
  while (reader->next(r))
    out.push_back(r);
  return out;
}

} // namespace actordev::test
