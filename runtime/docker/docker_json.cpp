#include "runtime/docker/docker_json.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>

namespace actordev::docker {

namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

bool parse(std::string_view json, Value& out) {
  return google::protobuf::util::JsonStringToMessage(std::string{json}, &out)
      .ok();
}

const Value* field(const Struct& s, const char* name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

std::string text(const Struct& s, const char* name) {
  const auto* v = field(s, name);
  return v && v->kind_case() == Value::kStringValue ? v->string_value() : "";
}

int number(const Struct& s, const char* name) {
  const auto* v = field(s, name);
  return v && v->kind_case() == Value::kNumberValue
             ? static_cast<int>(v->number_value())
             : 0;
}

msg::Container to_container(const Struct& row) {
  msg::Container c;
  c.set_name(text(row, "Name"));
  c.set_id(text(row, "ID"));
  const auto state = text(row, "State");
  const auto health = text(row, "Health");
  c.set_exit_code(number(row, "ExitCode"));
  c.set_has_healthcheck(!health.empty());
  c.set_healthy(health == "healthy");
  if (state == "running") {
    c.set_state(msg::CONTAINER_RUNNING);
    c.set_ready(health.empty() || health == "healthy");
  } else if (state == "exited" || state == "dead") {
    c.set_state(msg::CONTAINER_TERMINATED);
    c.set_reason(c.exit_code() == 0 ? "Completed" : "Error");
  } else {
    c.set_state(msg::CONTAINER_WAITING);
    if (state == "restarting")
      c.set_reason("CrashLoopBackOff");
    else
      c.set_reason(state);
  }
  return c;
}

} // namespace

std::string first_line(std::string_view t) {
  while (!t.empty()) {
    auto end = t.find('\n');
    auto line = t.substr(0, end);
    while (!line.empty() &&
           std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    while (!line.empty() &&
           std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    if (!line.empty())
      return std::string{line.substr(0, 300)};
    if (end == std::string_view::npos)
      break;
    t.remove_prefix(end + 1);
  }
  return {};
}

std::string normalize_arch(std::string_view arch) {
  std::string out{arch};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  if (out == "x86_64" || out == "x86-64")
    return "amd64";
  if (out == "aarch64" || out == "arm64v8")
    return "arm64";
  return out;
}

cluster_answer read_docker_info(int exit_code, std::string_view out,
                                std::string_view err) {
  Value v;
  const bool json = parse(out, v) && v.kind_case() == Value::kStructValue;
  if (json) {
    if (const auto* errors = field(v.struct_value(), "ServerErrors");
        errors && errors->kind_case() == Value::kListValue &&
        errors->list_value().values_size() > 0) {
      const auto& e = errors->list_value().values(0);
      return {{},
              e.kind_case() == Value::kStringValue
                  ? first_line(e.string_value())
                  : "docker reported a server error"};
    }
  }
  if (exit_code == 127)
    return {{},
            "docker is not installed here (the shell could not find "
            "it): install Docker, or put it on PATH"};
  if (exit_code != 0) {
    auto why = first_line(err);
    return {{},
            why.empty()
                ? "docker info failed (exit " + std::to_string(exit_code) + ")"
                : why};
  }
  if (!json)
    return {{}, "docker info printed no JSON: " + first_line(out)};
  auto arch = normalize_arch(text(v.struct_value(), "Architecture"));
  if (arch.empty())
    return {{}, "docker info named no architecture"};
  return {arch, {}};
}

compose_ps read_compose_ps(std::string_view out, std::string_view service) {
  compose_ps result;
  auto take = [&](const Value& row) {
    if (row.kind_case() != Value::kStructValue)
      return;
    if (!service.empty() && text(row.struct_value(), "Service") != service)
      return;
    result.containers.push_back(to_container(row.struct_value()));
  };
  std::string_view rest = out;
  while (!rest.empty()) {
    auto end = rest.find('\n');
    auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{}
                                         : rest.substr(end + 1);
    if (first_line(line).empty())
      continue;
    Value v;
    if (!parse(line, v)) {
      result.error = "docker compose ps printed something that is not JSON: " +
                     first_line(line);
      return result;
    }
    if (v.kind_case() == Value::kListValue)
      for (const auto& row : v.list_value().values())
        take(row);
    else
      take(v);
  }
  return result;
}

} // namespace actordev::docker
