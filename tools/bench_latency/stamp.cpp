// bench_stamp: the command bench_latency's resources run. Records the moment
// it started.
//
//   bench_stamp FILE
//
// Its first action is reading CLOCK_REALTIME; it then appends the reading
// (nanoseconds since the epoch, then a newline) to FILE, a regular file or a
// FIFO, in one write(2), and exits 0. Linked statically where the build
// allows it, so that the time from execve(2) to main is the kernel's, not
// the dynamic loader's.
#include <cstddef>
#include <cstdio>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

int main(int argc, char** argv) {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  if (argc != 2) {
    std::fputs("usage: bench_stamp FILE\n", stderr);
    return 2;
  }
  char line[32];
  int n = std::snprintf(line, sizeof line, "%lld\n",
                        static_cast<long long>(now.tv_sec) * 1000000000LL +
                            now.tv_nsec);
  int fd = ::open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::perror(argv[1]);
    return 1;
  }
  bool written = ::write(fd, line, static_cast<std::size_t>(n)) == n;
  ::close(fd);
  return written ? 0 : 1;
}
