#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace actordev::adapters {

/// The system calls `inotify_watcher` makes, behind a narrow interface so
/// tests can inject the faults a kernel rarely gives on demand (ENOSPC,
/// EMFILE, a queue overflow). Errors come back as `-errno`, never through
/// `errno` and never as exceptions. `real_inotify_api()` is the one
/// production implementation; fakes live under tests/.
class inotify_api {
public:
  virtual ~inotify_api() = default;

  /// inotify_init1(IN_NONBLOCK | IN_CLOEXEC): a descriptor or -errno.
  virtual int init() = 0;
  /// inotify_add_watch: a watch descriptor or -errno.
  virtual int add_watch(int fd, const std::string& path,
                        std::uint32_t mask) = 0;
  /// inotify_rm_watch: 0 or -errno.
  virtual int rm_watch(int fd, int wd) = 0;
  /// poll(2) for POLLIN: 1 when readable, 0 on timeout, or -errno.
  virtual int wait_readable(int fd, std::chrono::milliseconds timeout) = 0;
  /// read(2) on the non-blocking descriptor: bytes read or -errno
  /// (-EAGAIN once the queue is drained).
  virtual std::ptrdiff_t read(int fd, char* buf, std::size_t size) = 0;
  /// close(2).
  virtual void close(int fd) = 0;
  /// The integer in /proc/sys/<name> (e.g. "fs/inotify/max_user_watches"),
  /// or nothing when it cannot be read. Used only to word error messages.
  virtual std::optional<long> read_limit(const std::string& name) = 0;
};

/// The kernel's inotify, used by production code. Stateless; lives for the
/// whole program.
inotify_api& real_inotify_api();

} // namespace actordev::adapters
