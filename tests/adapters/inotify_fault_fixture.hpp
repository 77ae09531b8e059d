#pragma once

#include "adapters/inotify_api.hpp"

#include <map>
#include <optional>
#include <string>

namespace actordev::adapters::inotify_test {

/// The kernel's inotify with faults injected on demand (as leveldb's
/// fault-injecting Env wraps the real one): everything not told to fail
/// goes to the real system calls, so the watcher under test still sees
/// real directories and real events.
class faulty_inotify_api final : public inotify_api {
public:
  /// init() fails with `err` (e.g. EMFILE).
  void fail_init(int err) { init_error_ = err; }
  /// After `successes` more successful add_watch calls, every add_watch
  /// fails with `err` (e.g. ENOSPC: the watch limit).
  void fail_add_watch_after(int successes, int err);
  /// The next read discards everything the kernel has queued and returns
  /// an IN_Q_OVERFLOW event instead, as a kernel whose queue filled up
  /// does; the descriptor reads as ready until then.
  void overflow_next_read() { overflow_pending_ = true; }
  /// Reports `value` for /proc/sys/<name> instead of the real one.
  void set_limit(const std::string& name, long value) { limits_[name] = value; }

  int init() override;
  int add_watch(int fd, const std::string& path, std::uint32_t mask) override;
  int rm_watch(int fd, int wd) override;
  int wait_readable(int fd, std::chrono::milliseconds timeout) override;
  std::ptrdiff_t read(int fd, char* buf, std::size_t size) override;
  void close(int fd) override;
  std::optional<long> read_limit(const std::string& name) override;

private:
  inotify_api& real_ = real_inotify_api();
  int init_error_ = 0;
  std::optional<int> add_watch_budget_;
  int add_watch_error_ = 0;
  bool overflow_pending_ = false;
  std::map<std::string, long> limits_;
};

} // namespace actordev::adapters::inotify_test
