#include "runtime/config/config_hash.hpp"

#include <variant>

namespace actordev::config {

namespace {

// Every value is length-prefixed, so no two specs share a canonical form
// whatever bytes their strings hold.
void put(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

void put_list(std::string& out, std::string_view key,
              const std::vector<std::string>& values) {
  put(out, key, std::to_string(values.size()));
  for (const auto& v : values)
    put(out, key, v);
}

void put_command(std::string& out, std::string_view key,
                 const std::optional<command>& c) {
  if (!c)
    put(out, key, "none");
  else if (c->is_shell())
    put(out, key, "sh -c " + c->shell);
  else
    put_list(out, key, c->argv);
}

void put_action(std::string& out, const exec_probe& p) {
  put_command(out, "probe.exec", p.command);
}

void put_action(std::string& out, const http_get_probe& p) {
  put(out, "probe.http_get.host", p.host);
  put(out, "probe.http_get.port", std::to_string(p.port));
  put(out, "probe.http_get.path", p.path);
}

void put_action(std::string& out, const tcp_socket_probe& p) {
  put(out, "probe.tcp_socket.host", p.host);
  put(out, "probe.tcp_socket.port", std::to_string(p.port));
}

void put_probe(std::string& out, const std::optional<probe_spec>& p) {
  if (!p) {
    put(out, "probe", "none");
    return;
  }
  std::visit([&](const auto& a) { put_action(out, a); }, p->action);
  put(out, "probe.period_ms", std::to_string(p->period.count()));
  put(out, "probe.timeout_ms", std::to_string(p->timeout.count()));
  put(out, "probe.initial_delay_ms", std::to_string(p->initial_delay.count()));
  put(out, "probe.success_threshold", std::to_string(p->success_threshold));
  put(out, "probe.failure_threshold", std::to_string(p->failure_threshold));
}

} // namespace

std::string canonical_form(const local_resource& r) {
  // Not `quiet`: it decides when a change is reported, not what runs, so
  // editing it must not rebuild the resource.
  std::string out;
  put_command(out, "cmd", r.cmd);
  put_command(out, "serve_cmd", r.serve_cmd);
  put_list(out, "deps", r.deps);
  put_list(out, "ignore", r.ignore);
  put(out, "dir", r.dir);
  put(out, "env", std::to_string(r.env.size()));
  for (const auto& [name, value] : r.env) {
    put(out, "env.name", name);
    put(out, "env.value", value);
  }
  put_probe(out, r.readiness_probe);
  put(out, "restart", to_string(r.restart));
  if (r.container) {
    put(out, "container.image", r.container->image);
    put_command(out, "container.cmd", r.container->cmd);
  }
  if (r.compose) {
    put(out, "compose.file", r.compose->file);
    put(out, "compose.service", r.compose->service);
    put(out, "compose.image", r.compose->image);
  }
  if (r.k8s) {
    // What is applied, not where it was read from: an edit of the YAML
    // redeploys, a moved file with the same objects does not.
    put(out, "k8s.objects", std::to_string(r.k8s->objects.size()));
    for (const auto& o : r.k8s->objects)
      put(out, "k8s.object", o.yaml);
    put(out, "k8s.images", std::to_string(r.k8s->images.size()));
    for (const auto& image : r.k8s->images)
      put(out, "k8s.image", image.name);
  }
  return out;
}

std::string canonical_form(const image_config& image) {
  std::string out;
  put(out, "image", image.name);
  put(out, "context", image.context);
  put_list(out, "ignore", image.ignore);
  put_list(out, "only", image.only);
  put(out, "from", std::to_string(image.from.size()));
  for (const auto& dep : image.from)
    put(out, "from", dep.name);
  switch (image.kind) {
  case build_kind::default_build:
    put(out, "build", "default");
    break;
  case build_kind::docker:
    put(out, "build", "docker");
    put(out, "docker.dockerfile", image.docker.dockerfile);
    put(out, "docker.target", image.docker.target);
    put(out, "docker.build_args",
        std::to_string(image.docker.build_args.size()));
    for (const auto& [name, value] : image.docker.build_args) {
      put(out, "docker.build_arg.name", name);
      put(out, "docker.build_arg.value", value);
    }
    break;
  case build_kind::custom:
    put(out, "build", "custom");
    put_command(out, "custom.command", image.custom.cmd);
    put_list(out, "custom.deps", image.custom.deps);
    put(out, "custom.outputs_image_ref_to", image.custom.outputs_image_ref_to);
    break;
  }
  return out;
}

std::uint64_t fnv1a_64(std::string_view bytes) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string config_hash(const local_resource& r) {
  return config_hash(canonical_form(r));
}

std::string config_hash(std::string_view canonical) {
  constexpr char digits[] = "0123456789abcdef";
  std::uint64_t h = fnv1a_64(canonical);
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[static_cast<std::size_t>(i)] = digits[h & 0xf];
  return out;
}

} // namespace actordev::config
