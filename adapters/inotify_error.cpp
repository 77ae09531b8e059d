#include "adapters/inotify_error.hpp"

#include <cstring>

namespace actordev::adapters {

namespace {

std::string value_or_unknown(std::optional<long> v) {
  return v ? std::to_string(*v) : std::string("unknown");
}

/// "fs.inotify.NAME = N, shared by ...; this user namespace allows only M
/// (user.NS_NAME)" — the part of a limit message that says where we stand.
std::string describe_limit(const std::string& sysctl,
                           const std::string& ns_sysctl, inotify_limit limit,
                           std::string_view per_what) {
  std::string s = sysctl + " = " + value_or_unknown(limit.system) +
                  ", shared by every program this user runs";
  s += per_what;
  if (limit.user_namespace &&
      (!limit.system || *limit.user_namespace < *limit.system))
    s += "; this user namespace (a container?) allows only " +
         std::to_string(*limit.user_namespace) + " (" + ns_sysctl + ")";
  return s;
}

/// "Raise it with: sudo sysctl K=V (to keep it after a reboot: ...)".
std::string how_to_raise(const std::string& sysctl, long value) {
  std::string kv = sysctl + "=" + std::to_string(value);
  return "Raise it with: sudo sysctl " + kv +
         " (to keep it after a reboot: echo " + kv +
         " | sudo tee /etc/sysctl.d/60-" + sysctl + ".conf)";
}

} // namespace

long suggested_limit(std::optional<long> current, long floor) {
  if (current && *current >= floor)
    return *current * 2;
  return floor;
}

watch_error watch_limit_error(const std::string& dir, inotify_limit limit) {
  const std::string sysctl = "fs.inotify.max_user_watches";
  std::string message =
      "cannot watch " + dir + ": the inotify watch limit was reached (" +
      describe_limit(sysctl, "user.max_inotify_watches", limit,
                     "; one watch per directory") +
      "). " + how_to_raise(sysctl, suggested_limit(limit.system, 524288));
  return {watch_errc::watch_limit, dir, std::move(message)};
}

watch_error instance_limit_error(inotify_limit limit,
                                 std::optional<long> open_files) {
  const std::string sysctl = "fs.inotify.max_user_instances";
  std::string message =
      "cannot start watching files: too many inotify instances (" +
      describe_limit(sysctl, "user.max_inotify_instances", limit, "") +
      "), or this process has too many open files (ulimit -n = " +
      value_or_unknown(open_files) + "). " +
      how_to_raise(sysctl, suggested_limit(limit.system, 1024));
  return {watch_errc::instance_limit, "", std::move(message)};
}

watch_error root_missing_error(const std::string& path) {
  return {watch_errc::root_missing, path,
          "cannot watch " + path +
              ": it does not exist (create it, or fix the path)"};
}

watch_error os_error(std::string_view doing, const std::string& path, int err) {
  std::string message(doing);
  if (!path.empty())
    message += " " + path;
  message += ": ";
  message += std::strerror(err);
  return {watch_errc::os_error, path, std::move(message)};
}

} // namespace actordev::adapters
