#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace actordev::adapters {

/// Why watching failed.
enum class watch_errc : std::uint8_t {
  watch_limit,    ///< ENOSPC: fs.inotify.max_user_watches reached
  instance_limit, ///< EMFILE: fs.inotify.max_user_instances (or ulimit -n)
  root_missing,   ///< the path given to add_root does not exist
  os_error,       ///< anything else the kernel said (EACCES, ENOMEM...)
};

/// A watching failure as a value. `message` is complete and meant for a
/// user: what went wrong, where, and what to do about it.
struct watch_error {
  watch_errc code = watch_errc::os_error;
  std::string path; ///< the root or directory concerned; empty for the
                    ///< inotify instance itself
  std::string message;
};

/// A kernel limit as this process sees it: the system-wide sysctl and,
/// inside a user namespace (a container), that namespace's own cap, which
/// may be lower. Either is empty when /proc could not be read.
struct inotify_limit {
  std::optional<long> system;
  std::optional<long> user_namespace;
};

/// ENOSPC from inotify_add_watch on `dir`: names the limit, its value, the
/// sysctl that raises it and how to persist that.
watch_error watch_limit_error(const std::string& dir, inotify_limit limit);

/// EMFILE from inotify_init1: the instance limit (or the process's
/// open-file limit, `open_files`), and the sysctl that raises it.
watch_error instance_limit_error(inotify_limit limit,
                                 std::optional<long> open_files);

/// add_root on a path that does not exist.
watch_error root_missing_error(const std::string& path);

/// Any other errno while `doing` something to `path`.
watch_error os_error(std::string_view doing, const std::string& path, int err);

/// The value to suggest when a limit of `current` was hit: `floor`, or
/// double the current value when that is already at or above `floor`.
long suggested_limit(std::optional<long> current, long floor);

} // namespace actordev::adapters
