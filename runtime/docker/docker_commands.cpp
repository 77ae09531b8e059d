#include "runtime/docker/docker_commands.hpp"

#include "runtime/config/command.hpp"

#include <set>

namespace actordev::docker {

namespace {

using config::shell_quote;

std::string parent(const std::string& path) {
  auto at = path.find_last_of('/');
  return at == 0 || at == std::string::npos ? "/" : path.substr(0, at);
}

} // namespace

std::string build_command(const config::image_config& image,
                          const std::string& ref) {
  const auto& d = image.docker;
  std::string dockerfile =
      d.dockerfile.empty() ? image.context + "/Dockerfile" : d.dockerfile;
  std::string out = "docker build -t " + shell_quote(ref) + " -t " +
                    shell_quote(image.name) + " -f " + shell_quote(dockerfile);
  if (!d.target.empty())
    out += " --target " + shell_quote(d.target);
  for (const auto& [name, value] : d.build_args)
    out += " --build-arg " + shell_quote(name + "=" + value);
  return out + " " + shell_quote(image.context);
}

std::string compose_command(const std::string& file,
                            const std::string& override_file,
                            const std::vector<std::string>& args) {
  std::string out = "docker compose -f " + shell_quote(file);
  if (!override_file.empty())
    out += " -f " + shell_quote(override_file);
  for (const auto& a : args)
    out += " " + shell_quote(a);
  return out;
}

std::string image_override(const std::string& service, const std::string& ref) {
  // JSON is YAML: quoting every string keeps any name intact.
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    return out + "\"";
  };
  return "{\"services\": {" + quote(service) + ": {\"image\": " + quote(ref) +
         "}}}\n";
}

std::string sync_command(const std::string& id,
                         const std::vector<file_copy>& copies,
                         const std::vector<std::string>& deletions) {
  std::vector<std::string> steps;
  std::set<std::string> folders;
  for (const auto& c : copies)
    folders.insert(parent(c.remote));
  if (!folders.empty()) {
    std::string mk = "docker exec " + shell_quote(id) + " mkdir -p";
    for (const auto& f : folders)
      mk += " " + shell_quote(f);
    steps.push_back(mk);
  }
  if (!deletions.empty()) {
    std::string rm = "docker exec " + shell_quote(id) + " rm -rf";
    for (const auto& d : deletions)
      rm += " " + shell_quote(d);
    steps.push_back(rm);
  }
  // A folder's contents go into the remote folder (`SRC/.`): `docker cp
  // SRC DEST` would nest SRC inside a DEST that exists.
  for (const auto& c : copies) {
    const auto to = shell_quote(id + ":" + c.remote);
    steps.push_back("if [ -d " + shell_quote(c.local) + " ]; then docker cp " +
                    shell_quote(c.local + "/.") + " " + to +
                    "; else docker cp " + shell_quote(c.local) + " " + to +
                    "; fi");
  }
  std::string out;
  for (const auto& s : steps)
    out += (out.empty() ? "" : " && ") + s;
  return out;
}

std::string exec_command(const std::string& id, const std::string& cmd) {
  return "docker exec " + shell_quote(id) + " sh -c " + shell_quote(cmd);
}

} // namespace actordev::docker
