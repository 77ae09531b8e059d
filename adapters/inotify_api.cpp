#include "adapters/inotify_api.hpp"

#include <cerrno>
#include <climits>
#include <fstream>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace actordev::adapters {

namespace {

class kernel_inotify_api final : public inotify_api {
public:
  int init() override {
    int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    return fd < 0 ? -errno : fd;
  }

  int add_watch(int fd, const std::string& path, std::uint32_t mask) override {
    int wd = ::inotify_add_watch(fd, path.c_str(), mask);
    return wd < 0 ? -errno : wd;
  }

  int rm_watch(int fd, int wd) override {
    return ::inotify_rm_watch(fd, wd) < 0 ? -errno : 0;
  }

  int wait_readable(int fd, std::chrono::milliseconds timeout) override {
    pollfd p{fd, POLLIN, 0};
    auto ms = timeout.count() < 0 ? 0 : timeout.count();
    int n = ::poll(&p, 1, ms > INT_MAX ? INT_MAX : static_cast<int>(ms));
    if (n < 0)
      return -errno;
    return n > 0 ? 1 : 0;
  }

  std::ptrdiff_t read(int fd, char* buf, std::size_t size) override {
    auto n = ::read(fd, buf, size);
    return n < 0 ? -errno : n;
  }

  void close(int fd) override { ::close(fd); }

  std::optional<long> read_limit(const std::string& name) override {
    std::ifstream in("/proc/sys/" + name);
    long value = 0;
    if (in >> value)
      return value;
    return std::nullopt;
  }
};

} // namespace

inotify_api& real_inotify_api() {
  static kernel_inotify_api api;
  return api;
}

} // namespace actordev::adapters
