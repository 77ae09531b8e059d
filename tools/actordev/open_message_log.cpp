#include "tools/actordev/open_message_log.hpp"

#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_format.hpp"
#include "tools/actordev/version.hpp"

#include <filesystem>
#include <fmt/core.h>

namespace actordev::cli {

namespace {

msg::LogHeader make_header(const loaded_project& project,
                           const std::vector<std::string>& names,
                           std::string_view command, std::int64_t started_us) {
  msg::LogHeader h;
  h.set_actordev_version(std::string{version});
  h.set_started_us(started_us);
  h.set_command(std::string{command});
  h.set_config_path(project.project.path);
  h.set_config_yaml(project.text);
  for (const auto& n : names)
    h.add_resources(n);
  return h;
}

} // namespace

std::string default_log_dir(const std::string& project_dir) {
  return (std::filesystem::path(project_dir) / ".actordev" / "logs").string();
}

std::optional<adapters::log_file>
open_message_log(const message_log_setting& setting,
                 const loaded_project& project,
                 const std::vector<std::string>& names,
                 std::string_view command, std::int64_t started_us) {
  auto start = message_log::encode_start(
      make_header(project, names, command, started_us));
  auto dir = default_log_dir(project.project.dir);
  auto created =
      setting.path.empty()
          ? adapters::create_log_in(dir, started_us, start)
          : adapters::create_log_at(setting.path, start, message_log::magic);
  if (auto* err = std::get_if<adapters::log_file_error>(&created)) {
    fmt::print(stderr,
               "actordev: warning: {}; running without a message log\n  "
               "hint: pass --message-log PATH to record it elsewhere, or "
               "--no-message-log\n",
               err->describe());
    return std::nullopt;
  }
  auto file = std::get<adapters::log_file>(std::move(created));
  if (setting.path.empty()) {
    auto pruned = adapters::prune_logs(dir, setting.keep, file.path());
    if (auto* err = std::get_if<adapters::log_file_error>(&pruned))
      fmt::print(stderr, "actordev: warning: {}\n", err->describe());
  }
  return file;
}

} // namespace actordev::cli
