#include "actors/manifest_messages.hpp"

#include "adapters/process.hpp"

namespace actordev {

msg::RunCommand
run_request(const std::string& resource, const std::string& command,
            const std::string& dir,
            const std::vector<std::pair<std::string, std::string>>& env,
            std::chrono::milliseconds grace, std::uint64_t run_id) {
  msg::RunCommand req;
  req.set_resource(resource);
  req.set_command(command);
  req.set_dir(dir);
  for (const auto& [name, value] : env) {
    auto* v = req.add_env();
    v->set_name(name);
    v->set_value(value);
  }
  req.set_grace_ms(grace.count());
  req.set_run_id(run_id);
  return req;
}

msg::ProcessExited not_started(const std::string& resource,
                               std::uint64_t run_id, const std::string& why) {
  msg::ProcessExited e;
  e.set_resource(resource);
  e.set_run_id(run_id);
  e.set_error("the builder did not start the command: " + why);
  return e;
}

std::string describe(const msg::ProcessExited& e) {
  if (!e.error().empty())
    return e.error();
  return adapters::exit_status{e.code(), e.signal()}.describe();
}

bool failed(const msg::ProcessExited& e) {
  return !e.error().empty() || e.code() != 0 || e.signal() != 0;
}

msg::Event image_build_finished(const container_resource& spec,
                                const std::vector<std::string>& refs,
                                const std::string& error, int exit_code,
                                msg::TargetType deploy, msg::ResultKind kind) {
  msg::Event e;
  auto* f = e.mutable_build_finished();
  f->set_manifest(spec.resource.name);
  f->set_error(error);
  f->set_exit_code(exit_code);
  if (!error.empty())
    return e;
  for (std::size_t i = 0; i < spec.images.size() && i < refs.size(); ++i) {
    auto* r = f->add_results();
    r->mutable_target()->set_type(msg::TARGET_IMAGE);
    r->mutable_target()->set_name(spec.images[i].config.name);
    r->set_kind(msg::RESULT_IMAGE);
    r->set_image_ref(refs[i]);
  }
  auto* r = f->add_results();
  r->mutable_target()->set_type(deploy);
  r->mutable_target()->set_name(spec.resource.name);
  r->set_kind(kind);
  return e;
}

msg::LogLine system_line(const std::string& resource, const std::string& text) {
  msg::LogLine line;
  line.set_resource(resource);
  line.set_stream(msg::LOG_SYSTEM);
  line.set_text(text);
  return line;
}

} // namespace actordev
