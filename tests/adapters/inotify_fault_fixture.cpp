#include "inotify_fault_fixture.hpp"

#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <vector>

namespace actordev::adapters::inotify_test {

void faulty_inotify_api::fail_add_watch_after(int successes, int err) {
  add_watch_budget_ = successes;
  add_watch_error_ = err;
}

int faulty_inotify_api::init() {
  return init_error_ != 0 ? -init_error_ : real_.init();
}

int faulty_inotify_api::add_watch(int fd, const std::string& path,
                                  std::uint32_t mask) {
  if (add_watch_budget_ && *add_watch_budget_ <= 0)
    return -add_watch_error_;
  int wd = real_.add_watch(fd, path, mask);
  if (wd >= 0 && add_watch_budget_)
    --*add_watch_budget_;
  return wd;
}

int faulty_inotify_api::rm_watch(int fd, int wd) {
  return real_.rm_watch(fd, wd);
}

int faulty_inotify_api::wait_readable(int fd,
                                      std::chrono::milliseconds timeout) {
  return overflow_pending_ ? 1 : real_.wait_readable(fd, timeout);
}

std::ptrdiff_t faulty_inotify_api::read(int fd, char* buf, std::size_t size) {
  if (!overflow_pending_)
    return real_.read(fd, buf, size);
  overflow_pending_ = false;
  std::vector<char> lost(64 * 1024);
  for (int i = 0; i < 64 && real_.read(fd, lost.data(), lost.size()) > 0; ++i)
    continue;
  inotify_event overflow{};
  overflow.wd = -1;
  overflow.mask = IN_Q_OVERFLOW;
  std::memcpy(buf, &overflow, sizeof overflow);
  return sizeof overflow;
}

void faulty_inotify_api::close(int fd) {
  real_.close(fd);
}

std::optional<long> faulty_inotify_api::read_limit(const std::string& name) {
  if (auto i = limits_.find(name); i != limits_.end())
    return i->second;
  return real_.read_limit(name);
}

} // namespace actordev::adapters::inotify_test
