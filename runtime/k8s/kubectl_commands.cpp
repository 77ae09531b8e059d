#include "runtime/k8s/kubectl_commands.hpp"

#include "runtime/config/command.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cctype>

namespace actordev::k8s {

namespace {

using config::shell_quote;
using google::protobuf::Value;

std::string in_namespace(const std::string& name_space) {
  return name_space.empty() ? "" : " -n " + shell_quote(name_space);
}

std::string exec_prefix(const pod_container& where, bool input) {
  return std::string{"kubectl exec"} + (input ? " -i" : "") +
         in_namespace(where.name_space) + " " + shell_quote(where.pod) +
         " -c " + shell_quote(where.container) + " --";
}

/// A klog line: "E1122 03:09:42.274420    4385 file.go:265] ...".
bool klog_line(std::string_view line) {
  return line.size() > 21 &&
         std::string_view{"IWEF"}.find(line[0]) != std::string_view::npos &&
         std::isdigit(static_cast<unsigned char>(line[1])) && line[5] == ' ' &&
         line[8] == ':' && line.find("] ") != std::string_view::npos;
}

} // namespace

std::string kubectl_error(std::string_view err) {
  std::string_view last_log;
  while (!err.empty()) {
    auto end = err.find('\n');
    auto line = err.substr(0, end);
    err = end == std::string_view::npos ? std::string_view{}
                                        : err.substr(end + 1);
    if (docker::first_line(line).empty())
      continue;
    if (!klog_line(line))
      return docker::first_line(line);
    last_log = line.substr(line.find("] ") + 2);
  }
  return docker::first_line(last_log);
}

std::string apply_command(const std::string& file) {
  return "kubectl apply -f " + shell_quote(file);
}

std::string replace_command(const std::string& file) {
  return "kubectl replace --force -f " + shell_quote(file);
}

bool immutable_field(std::string_view err) {
  return err.find("field is immutable") != std::string_view::npos;
}

std::string delete_command(const std::string& file) {
  return "kubectl delete -f " + shell_quote(file) +
         " --ignore-not-found --wait=false";
}

std::string watch_command(const std::string& resource,
                          const std::string& name_space) {
  return "kubectl get pods -w -o json --output-watch-events" +
         in_namespace(name_space) + " -l " +
         shell_quote(std::string{resource_label} + "=" + resource);
}

std::string nodes_command() {
  return "kubectl get nodes -o json";
}

std::string sync_command(const pod_container& where, const std::string& staging,
                         const std::vector<std::string>& paths) {
  std::string out = "tar -C " + shell_quote(staging) + " -cf -";
  for (const auto& p : paths)
    out += " " + shell_quote(p.empty() || p.front() != '/' ? p : p.substr(1));
  return out + " | " + exec_prefix(where, true) + " tar -C / -xf -";
}

std::string remove_command(const pod_container& where,
                           const std::vector<std::string>& paths) {
  std::string out = exec_prefix(where, false) + " rm -rf";
  for (const auto& p : paths)
    out += " " + shell_quote(p);
  return out;
}

std::string exec_command(const pod_container& where, const std::string& cmd) {
  return exec_prefix(where, false) + " sh -c " + shell_quote(cmd);
}

std::string exec_failure(int exit_code, std::string_view err) {
  if ((exit_code == 126 || exit_code == 127) &&
      err.find("\"tar\"") != std::string_view::npos)
    return "the container has no 'tar', which live update needs to copy "
           "files into it: add tar to the image (e.g. RUN apk add tar, or "
           "apt-get install tar), or use a base image that has it";
  auto line = kubectl_error(err);
  return line.empty() ? "exit " + std::to_string(exit_code) : line;
}

docker::cluster_answer read_nodes(int exit_code, std::string_view out,
                                  std::string_view err) {
  if (exit_code == 127)
    return {{},
            "kubectl is not installed here (the shell could not find it): "
            "install kubectl, or put it on PATH"};
  if (exit_code != 0) {
    auto why = kubectl_error(err);
    return {{},
            why.empty() ? "kubectl get nodes failed (exit " +
                              std::to_string(exit_code) + ")"
                        : why};
  }
  Value v;
  if (!google::protobuf::util::JsonStringToMessage(std::string{out}, &v).ok() ||
      v.kind_case() != Value::kStructValue)
    return {{},
            "kubectl get nodes printed no JSON: " + docker::first_line(out)};
  const auto& fields = v.struct_value().fields();
  auto items = fields.find("items");
  if (items == fields.end() || items->second.kind_case() != Value::kListValue ||
      items->second.list_value().values_size() == 0)
    return {{}, "the cluster has no nodes"};
  const auto& node = items->second.list_value().values(0);
  std::string arch;
  if (node.kind_case() == Value::kStructValue) {
    const auto& n = node.struct_value().fields();
    auto status = n.find("status");
    if (status != n.end() &&
        status->second.kind_case() == Value::kStructValue) {
      const auto& s = status->second.struct_value().fields();
      auto info = s.find("nodeInfo");
      if (info != s.end() && info->second.kind_case() == Value::kStructValue) {
        const auto& i = info->second.struct_value().fields();
        auto a = i.find("architecture");
        if (a != i.end() && a->second.kind_case() == Value::kStringValue)
          arch = docker::normalize_arch(a->second.string_value());
      }
    }
  }
  if (arch.empty())
    return {{}, "kubectl get nodes named no architecture"};
  return {arch, {}};
}

} // namespace actordev::k8s
