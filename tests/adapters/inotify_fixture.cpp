#include "inotify_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace actordev::adapters::inotify_test {

namespace fs = std::filesystem;

temp_tree::temp_tree() {
  std::string p =
      (fs::temp_directory_path() / "actordev-inotify-XXXXXX").string();
  REQUIRE(::mkdtemp(p.data()) != nullptr);
  path_ = p;
}

temp_tree::~temp_tree() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string temp_tree::operator/(std::string_view rel) const {
  return path_ + "/" + std::string(rel);
}

void write_file(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  REQUIRE(out.good());
}

void make_dirs(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  REQUIRE_FALSE(ec);
}

void move_path(const std::string& from, const std::string& to) {
  REQUIRE(std::rename(from.c_str(), to.c_str()) == 0);
}

void remove_tree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  REQUIRE_FALSE(ec);
}

long proc_sys(const std::string& name) {
  std::ifstream in("/proc/sys/" + name);
  long v = -1;
  in >> v;
  return in ? v : -1;
}

inotify_watcher open_watcher(inotify_api& api) {
  auto opened = inotify_watcher::open(api);
  if (auto* error = std::get_if<watch_error>(&opened))
    FAIL(error->message);
  return std::move(std::get<inotify_watcher>(opened));
}

bool event_log::wait_until(const std::function<bool()>& done,
                           std::chrono::milliseconds within) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (!done()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      UNSCOPED_INFO(describe());
      return false;
    }
    auto batch = watcher_->poll(std::min(left, std::chrono::milliseconds(50)));
    events_.insert(events_.end(), batch.events.begin(), batch.events.end());
    errors_.insert(errors_.end(), batch.errors.begin(), batch.errors.end());
  }
  return true;
}

bool event_log::wait_for(const std::function<bool(const watch_event&)>& pred,
                         std::chrono::milliseconds within) {
  return wait_until(
      [&] { return std::any_of(events_.begin(), events_.end(), pred); },
      within);
}

bool event_log::wait_for(change_kind kind, const std::string& path,
                         std::chrono::milliseconds within) {
  return wait_for_any({kind}, path, within);
}

bool event_log::wait_for_any(std::vector<change_kind> kinds,
                             const std::string& path,
                             std::chrono::milliseconds within) {
  return wait_for(
      [&](const watch_event& e) {
        return e.path == path &&
               std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end();
      },
      within);
}

bool event_log::wait_for_error(std::chrono::milliseconds within) {
  return wait_until([&] { return !errors_.empty(); }, within);
}

bool event_log::saw(change_kind kind, const std::string& path) const {
  return std::any_of(events_.begin(), events_.end(), [&](const auto& e) {
    return e.kind == kind && e.path == path;
  });
}

bool event_log::saw_path(const std::string& path) const {
  return std::any_of(events_.begin(), events_.end(),
                     [&](const auto& e) { return e.path == path; });
}

std::string event_log::describe() const {
  constexpr std::size_t shown = 50;
  std::string s = "seen " + std::to_string(events_.size()) + " events";
  std::size_t skip = events_.size() > shown ? events_.size() - shown : 0;
  if (skip > 0)
    s += ", the last " + std::to_string(shown);
  s += ":";
  for (std::size_t i = skip; i < events_.size(); ++i)
    s += "\n  " + to_string(events_[i]);
  for (const auto& e : errors_)
    s += "\n  error: " + e.message;
  return s;
}

void event_log::clear() {
  events_.clear();
  errors_.clear();
}

} // namespace actordev::adapters::inotify_test
