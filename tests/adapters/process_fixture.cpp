#include "process_fixture.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>

namespace actordev::test {

namespace fs = std::filesystem;
using adapters::output_stream;
using clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> texts(const transcript& t, output_stream stream) {
  std::vector<std::string> result;
  for (const auto& line : t.lines) {
    if (line.stream == stream)
      result.push_back(line.text);
  }
  return result;
}

/// The fields of /proc/PID/stat after the command name: state first.
std::string stat_after_name(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  return close == std::string::npos ? std::string() : text.substr(close + 2);
}

std::string command_name(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

} // namespace

std::vector<std::string> transcript::out() const {
  return texts(*this, output_stream::out);
}

std::vector<std::string> transcript::err() const {
  return texts(*this, output_stream::err);
}

process_fixture::process_fixture() {
  auto base = fs::temp_directory_path() / "actordev-process-XXXXXX";
  std::string pattern = base.string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  dir_ = fs::canonical(pattern).string();
}

process_fixture::~process_fixture() {
  // Only a test that already failed leaves one of these running; the name
  // check keeps a recycled pid safe.
  for (auto pid : watched_) {
    if (!is_dead(pid) && command_name(pid) == "sleep")
      ::kill(pid, SIGKILL);
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string process_fixture::script(const std::string& name) {
  return (fs::path(__FILE__).parent_path() / "process_scripts" / name).string();
}

adapters::process
process_fixture::start(const std::string& command, const std::string& dir,
                       std::map<std::string, std::string> env) {
  auto started = adapters::process::start({command, dir, std::move(env)});
  if (auto* error = std::get_if<adapters::spawn_error>(&started))
    FAIL(error->message());
  return std::move(std::get<adapters::process>(started));
}

transcript process_fixture::run_to_exit(adapters::process& p,
                                        std::chrono::milliseconds limit) {
  transcript t;
  auto deadline = clock::now() + limit;
  while (!t.exit && clock::now() < deadline) {
    auto polled = p.poll(100ms);
    t.lines.insert(t.lines.end(), polled.lines.begin(), polled.lines.end());
    t.exit = polled.exit;
  }
  REQUIRE(t.exit);
  return t;
}

bool process_fixture::poll_for_lines(adapters::process& p, transcript& into,
                                     std::size_t count,
                                     std::chrono::milliseconds limit) {
  auto deadline = clock::now() + limit;
  while (into.lines.size() < count && !into.exit && clock::now() < deadline) {
    auto polled = p.poll(100ms);
    into.lines.insert(into.lines.end(), polled.lines.begin(),
                      polled.lines.end());
    into.exit = polled.exit;
  }
  return into.lines.size() >= count;
}

pid_t process_fixture::read_pid(adapters::process& p) {
  transcript t;
  REQUIRE(poll_for_lines(p, t, 1));
  pid_t pid = std::stoi(t.lines.front().text);
  REQUIRE(pid > 1);
  watched_.push_back(pid);
  return pid;
}

std::string process_fixture::make_fifo(const std::string& name) {
  auto path = dir_ + "/" + name;
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  return path;
}

bool is_dead(pid_t pid) {
  if (::kill(pid, 0) == -1 && errno == ESRCH)
    return true;
  auto fields = stat_after_name(pid);
  return fields.empty() || fields.front() == 'Z';
}

bool wait_until_reaped(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = clock::now() + limit;
  for (;;) {
    if (::kill(pid, 0) == -1 && errno == ESRCH)
      return true;
    if (clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(10ms);
  }
}

} // namespace actordev::test
