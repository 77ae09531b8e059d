#include "support/builder_process.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace actordev::test {

builder_process::builder_process(const std::string& tls,
                                 const std::string& workdir, int slots,
                                 int port) {
  log_path_ = workdir + ".log";
  // An earlier builder's log must not be read as this one's.
  ::unlink(log_path_.c_str());
  auto slots_arg = std::to_string(slots);
  auto listen = "127.0.0.1:" + std::to_string(port);
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    // A session of its own, as a builder started from a shell or a service
    // manager has: no signal meant for its groups reaches the test.
    ::setsid();
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    ::dup2(fd, 1);
    ::execl(ACTORDEV_BIN, ACTORDEV_BIN, "builder", "--listen", listen.c_str(),
            "--tls", tls.c_str(), "--workdir", workdir.c_str(), "--slots",
            slots_arg.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::string mark = "serving builds on 127.0.0.1:";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (std::chrono::steady_clock::now() < deadline) {
    auto text = log();
    if (auto at = text.find(mark); at != std::string::npos) {
      port_ =
          static_cast<std::uint16_t>(std::stoi(text.substr(at + mark.size())));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL("actordev builder exited before it listened:\n" << text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  FAIL("actordev builder did not listen within 20 s:\n" << log());
}

builder_process::~builder_process() {
  if (pid_ <= 0)
    return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 1000; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_)
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string builder_process::log() const {
  std::ifstream in(log_path_);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

} // namespace actordev::test
