#include "tools/bench_live_update/project.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace actordev::bench {

namespace fs = std::filesystem;

namespace {

using project_result = result<bench_project, std::string>;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Writes `text` to `path` with open(O_TRUNC), one write and close.
std::string write_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return fmt::format("cannot open {}: {}", path, std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) ==
            static_cast<ssize_t>(text.size());
  int error = errno;
  if (::close(fd) != 0 || !ok)
    return fmt::format("cannot write {}: {}", path, std::strerror(error));
  return {};
}

/// `config` with every `example_port` replaced by `port`; at least two of
/// them (the server's env and the readiness probe), else nothing.
std::optional<std::string> with_port(std::string config, int port) {
  auto to = std::to_string(port);
  int replaced = 0;
  for (auto at = config.find(example_port); at != std::string::npos;
       at = config.find(example_port, at + to.size()), ++replaced)
    config.replace(at, example_port.size(), to);
  return replaced >= 2 ? std::optional{config} : std::nullopt;
}

} // namespace

project_result make_project(const std::string& example, int port,
                            const std::string& root) {
  bench_project p;
  p.port = port;
  p.root = root;
  p.dir = p.root + "/project";
  p.config = p.dir + "/actordev.yaml";
  p.handler = p.dir + "/app/handler.py";
  std::error_code ec;
  fs::create_directory(p.dir, ec);
  // Not the state of an `actordev up` run in the example itself.
  for (const auto& entry : fs::directory_iterator(example, ec))
    if (entry.path().filename() != ".actordev" && !ec)
      fs::copy(entry.path(), fs::path(p.dir) / entry.path().filename(),
               fs::copy_options::recursive, ec);
  if (ec)
    return project_result::failure(
        fmt::format("cannot copy {} to {}: {}", example, p.dir, ec.message()));
  auto config = with_port(read_text(p.config), port);
  if (!config)
    return project_result::failure(fmt::format(
        "{}/actordev.yaml does not name port {} in its env and its probe "
        "(pass --example a copy of docs/examples/live-update)",
        example, example_port));
  if (auto err = write_file(p.config, *config); !err.empty())
    return project_result::failure(err);
  if (!fs::exists(p.handler, ec))
    return project_result::failure(
        fmt::format("{} has no app/handler.py to edit", example));
  return p;
}

std::string token(std::size_t n) {
  return fmt::format("edit-{:06}", n);
}

std::string handler_text(std::size_t n) {
  return fmt::format("def greeting():\n"
                     "    return \"hello from the container, {}\"\n"
                     "# {}\n",
                     token(n), n % 2 ? ".." : ".");
}

std::string save_handler(const bench_project& p, const std::string& text,
                         bool in_place) {
  if (in_place)
    return write_file(p.handler, text);
  // Beside the file, so that the rename stays within one filesystem.
  auto temporary = p.dir + "/app/.handler.py.bench-tmp";
  if (auto err = write_file(temporary, text); !err.empty())
    return err;
  if (::rename(temporary.c_str(), p.handler.c_str()) != 0)
    return fmt::format("cannot rename {} to {}: {}", temporary, p.handler,
                       std::strerror(errno));
  return {};
}

} // namespace actordev::bench
