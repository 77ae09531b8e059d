#include "tools/actordev/down_k8s.hpp"

#include "adapters/command_output.hpp"
#include "runtime/k8s/kubectl_commands.hpp"
#include "runtime/manifest_table.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <vector>

namespace actordev::cli {

int down_k8s(const std::string& dir) {
  namespace fs = std::filesystem;
  const auto state = fs::path{dir} / ".actordev" / "k8s";
  // NAME.yaml: what was applied; NAME.yaml.removed: objects taken out of
  // the config whose delete has not succeeded yet.
  auto resource_of = [](const fs::path& p) {
    auto name = p.filename().string();
    for (std::string_view suffix : {".yaml.removed", ".yaml"})
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        return name.substr(0, name.size() - suffix.size());
    return std::string{};
  };
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it{state, ec}, end; !ec && it != end;
       it.increment(ec))
    if (!resource_of(it->path()).empty())
      files.push_back(it->path());
  // Sorted, with uncategorized last.
  std::sort(files.begin(), files.end(), [&](const auto& a, const auto& b) {
    auto last = [&](const fs::path& p) {
      return resource_of(p) == uncategorized_name;
    };
    return last(a) != last(b) ? last(b) : a < b;
  });
  int failed = 0;
  for (const auto& file : files) {
    const auto name = resource_of(file);
    adapters::process_spec p;
    p.command = k8s::delete_command(file.string());
    p.dir = dir;
    auto out = adapters::run_command(p, std::chrono::seconds{120});
    if (out.exit_code == 0) {
      fs::remove(file, ec);
      fmt::print("deleted the Kubernetes objects of {}\n", name);
      continue;
    }
    ++failed;
    auto why = !out.error.empty() ? out.error : k8s::kubectl_error(out.err);
    fmt::print(stderr,
               "actordev down: error: cannot delete the Kubernetes objects of "
               "{}: {}\n  hint: they are listed in {}; delete them with "
               "kubectl delete -f once the cluster answers\n",
               name,
               why.empty() ? "exit " + std::to_string(out.exit_code) : why,
               file.string());
  }
  return failed;
}

} // namespace actordev::cli
