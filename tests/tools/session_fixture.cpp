#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace actordev::test {

namespace {

/// How often a wait looks again.
constexpr auto poll_interval = 20ms;

/// Every process whose session is `sid`.
std::vector<pid_t> session_members(pid_t sid) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() ||
        !std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isdigit(c); }))
      continue;
    auto pid = static_cast<pid_t>(std::stol(name));
    if (session_of(pid) == sid)
      out.push_back(pid);
  }
  return out;
}

/// True when one of `pid`'s inotify instances watches inode `ino`.
bool inotify_watches(pid_t pid, ino_t ino) {
  const auto proc = "/proc/" + std::to_string(pid);
  std::error_code ec;
  std::ostringstream hex;
  hex << "ino:" << std::hex << ino << ' ';
  for (const auto& fd : std::filesystem::directory_iterator(proc + "/fd", ec)) {
    auto target = std::filesystem::read_symlink(fd.path(), ec);
    if (ec || target.string() != "anon_inode:inotify")
      continue;
    auto info = read_text(proc + "/fdinfo/" + fd.path().filename().string());
    if (info.find(hex.str()) != std::string::npos)
      return true;
  }
  return false;
}

} // namespace

running_actordev::running_actordev(const temp_project& project,
                                   const std::string& args)
    : out_path_(out_dir_.dir() + "/output") {
  // Built before fork: the child may only make async-signal-safe calls.
  const std::string command = "exec '" ACTORDEV_BIN "' " + args;
  const std::string& dir = project.dir();
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    ::setsid(); // a session of its own, so the destructor can end it all
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD})
      ::signal(sig, SIG_DFL);
    int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0 || ::chdir(dir.c_str()) != 0)
      ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
    ::_exit(127);
  }
}

running_actordev::~running_actordev() {
  // Rounds, because a member may fork while its siblings die; bounded,
  // because a SIGKILLed process is gone within a few.
  for (int round = 0; round < 50; ++round) {
    auto members = session_members(pid_);
    std::erase_if(members, [](pid_t p) { return !alive(p); });
    if (!exited_)
      ::kill(pid_, SIGKILL);
    for (pid_t p : members)
      ::kill(p, SIGKILL);
    reap();
    if (exited_ && members.empty())
      break;
    std::this_thread::sleep_for(poll_interval);
  }
}

std::string running_actordev::output() const {
  return read_text(out_path_);
}

void running_actordev::wait_for(const std::string& text,
                                std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (output().find(text) == std::string::npos) {
    if (!running()) {
      if (output().find(text) != std::string::npos)
        return;
      FAIL("actordev exited (code " << exit_code_ << ") before printing '"
                                    << text << "'; it printed:\n"
                                    << output());
    }
    if (std::chrono::steady_clock::now() > deadline)
      FAIL("actordev did not print '" << text << "' within " << timeout.count()
                                      << " ms; it printed:\n"
                                      << output());
    std::this_thread::sleep_for(poll_interval);
  }
}

void running_actordev::wait_for(const std::function<bool()>& done,
                                const std::string& what,
                                std::chrono::milliseconds timeout) {
  wait_until(done, what, timeout,
             [this] { return "actordev printed:\n" + output(); });
}

void running_actordev::wait_watching(const std::string& path,
                                     std::chrono::milliseconds timeout) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  wait_for([&] { return inotify_watches(pid_, st.st_ino); },
           "actordev watches " + path, timeout);
}

void running_actordev::signal(int sig) {
  if (!exited_)
    ::kill(pid_, sig);
}

int running_actordev::wait_exit(std::chrono::milliseconds timeout) {
  wait_for([this] { return !running(); }, "actordev exits", timeout);
  return exit_code_;
}

bool running_actordev::running() {
  return !reap();
}

bool running_actordev::reap() {
  if (exited_)
    return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_)
    return false;
  exited_ = true;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

void wait_until(const std::function<bool()>& done, const std::string& what,
                std::chrono::milliseconds timeout,
                const std::function<std::string()>& detail) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline)
      FAIL("timed out after " << timeout.count() << " ms waiting until " << what
                              << "\n"
                              << detail());
    std::this_thread::sleep_for(poll_interval);
  }
}

void replace_file(const temp_project& project, const std::string& name,
                  const std::string& text) {
  auto tmp = project.write(name + ".new", text);
  std::filesystem::rename(tmp, project.dir() + "/" + name);
}

std::string read_text(const std::string& path) {
  std::ifstream in{path};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in{path};
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

int count_lines(const std::string& path, const std::string& line) {
  auto lines = read_lines(path);
  return static_cast<int>(std::count(lines.begin(), lines.end(), line));
}

int count_of(const std::string& s, const std::string& text) {
  int n = 0;
  for (auto at = s.find(text); at != std::string::npos;
       at = s.find(text, at + text.size()))
    ++n;
  return n;
}

std::string replace_all(std::string text, const std::string& from,
                        const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

pid_t read_pid(const std::string& path) {
  std::ifstream in{path};
  long pid = -1;
  if (!(in >> pid))
    return -1;
  return static_cast<pid_t>(pid);
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  REQUIRE(ok);
  return ntohs(addr.sin_port);
}

} // namespace actordev::test
