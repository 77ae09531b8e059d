#include "tools/actordev/down_k8s.hpp"

#include "adapters/command_output.hpp"
#include "runtime/k8s/kubectl_commands.hpp"
#include "runtime/manifest_table.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace actordev::cli {

int down_k8s(const std::string& dir) {
  namespace fs = std::filesystem;
  const auto state = fs::path{dir} / ".actordev" / "k8s";
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it{state, ec}, end; !ec && it != end;
       it.increment(ec))
    if (it->path().extension() == ".yaml")
      files.push_back(it->path());
  // Sorted, with uncategorized last.
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    auto last = [](const fs::path& p) {
      return p.stem() == std::string{uncategorized_name};
    };
    return last(a) != last(b) ? last(b) : a < b;
  });
  int failed = 0;
  for (const auto& file : files) {
    const auto name = file.stem().string();
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
