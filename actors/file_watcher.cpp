#include "actors/file_watcher.hpp"

#include "adapters/read_file.hpp"
#include "adapters/wall_clock.hpp"
#include "messages/caf_types.hpp"
#include "runtime/watch/watch_messages.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>
#include <variant>

namespace actordev {

namespace {

using poll_atom = caf::atom_constant<caf::atom("poll")>;

// Batches are timed on the steady clock, so a wall-clock jump cannot hold
// one back; messages carry wall-clock times.

/// What to add to a `adapters::steady_clock_us()` reading to get the wall
/// clock's. Read once per message, so that its times keep their order.
std::int64_t wall_offset_us() {
  return adapters::wall_clock_us() - adapters::steady_clock_us();
}

watch::path_kind kind_on_disk(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? watch::path_kind::directory
                                                 : watch::path_kind::file;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string describe(const watch::ignore_error& e) {
  std::string where = e.where;
  if (e.line > 0)
    where += ":" + std::to_string(e.line);
  return where + ": " + e.message;
}

} // namespace

file_watcher::file_watcher(caf::actor_config& cfg, file_watcher_spec spec)
    : caf::event_based_actor(cfg)
    , spec_(std::move(spec)) {}

caf::behavior file_watcher::make_behavior() {
  auto opened = adapters::inotify_watcher::open(
      spec_.inotify ? *spec_.inotify : adapters::real_inotify_api());
  if (auto* error = std::get_if<adapters::watch_error>(&opened))
    log(error->message); // nothing is watched; updates are still accepted
  else
    inotify_.emplace(std::get<adapters::inotify_watcher>(std::move(opened)));
  rebuild();
  if (inotify_)
    send(this, poll_atom::value);
  return {
      [this](poll_atom) { poll_once(); },
      [this](update_atom, const config_ptr& config) {
        if (!config)
          return;
        spec_.config = *config;
        rebuild();
      },
      [this](caf::get_atom) { return watched_; },
  };
}

// --- the loop ---------------------------------------------------------------

void file_watcher::poll_once() {
  feed(inotify_->poll(poll_timeout()));
  retry_missing();
  send_due();
  send(this, poll_atom::value);
}

std::chrono::milliseconds file_watcher::poll_timeout() const {
  auto deadline = batcher_->next_deadline();
  if (!deadline)
    return spec_.poll_interval;
  // Rounded up: waking before the deadline would only poll again at once.
  std::int64_t left_us = *deadline - adapters::steady_clock_us();
  auto left = std::chrono::milliseconds{
      (std::max<std::int64_t>(left_us, 0) + 999) / 1000};
  return std::min(left, spec_.poll_interval);
}

void file_watcher::feed(const adapters::watch_batch& batch) {
  const std::int64_t now = adapters::steady_clock_us();
  for (const auto& e : batch.events) {
    if (e.kind == adapters::change_kind::overflow) {
      batcher_->overflow(e.path, now);
      continue;
    }
    note_gone(e);
    batcher_->add(e.path, now,
                  e.is_dir ? watch::path_kind::directory
                           : watch::path_kind::file);
  }
  for (const auto& error : batch.errors)
    log(error.message);
}

void file_watcher::send_due() {
  if (auto batch = batcher_->due(adapters::steady_clock_us()))
    send_batch(*batch);
}

void file_watcher::send_batch(const watch::routed_batch& batch) {
  const std::int64_t offset = wall_offset_us();
  msg::Event event;
  event.set_time_us(batch.last_us + offset);
  *event.mutable_files_changed() = watch::to_files_changed(batch.changes);
  if (spec_.scheduler)
    send(spec_.scheduler, std::move(event));
  bool config_touched = std::any_of(
      batch.changes.begin(), batch.changes.end(), [](const auto& c) {
        return c.target.kind == watch::target_kind::config;
      });
  if (config_touched && spec_.config_listener)
    send(spec_.config_listener, config_changed_atom::value,
         batch.first_us + offset);
}

// --- the map and the roots --------------------------------------------------

void file_watcher::rebuild() {
  // Changes made under the old config are reported as it routes them.
  if (batcher_)
    if (auto batch = batcher_->flush())
      send_batch(*batch);
  auto built = watch::make_watch_map(spec_.config, read_ignore_file());
  for (const auto& error : built.errors)
    log(describe(error));
  batcher_.emplace(std::move(built.map), spec_.config);
  sync_roots();
}

std::string file_watcher::read_ignore_file() {
  std::string dir = spec_.config.dir == "/" ? "" : spec_.config.dir;
  std::string path = dir + "/.actordevignore";
  auto read = adapters::read_file(path);
  if (auto* text = std::get_if<std::string>(&read))
    return std::move(*text);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) // a missing file means no rules
    log("cannot read " + path + ": " +
        std::get<adapters::read_error>(read).reason);
  return {};
}

void file_watcher::sync_roots() {
  if (!inotify_)
    return;
  const auto wanted = batcher_->map().roots();
  auto unwanted = [&](const std::string& r) { return !contains(wanted, r); };
  for (const auto& r : watched_)
    if (unwanted(r))
      inotify_->remove_root(r);
  std::erase_if(watched_, unwanted);
  std::erase_if(missing_, unwanted);
  failed_.clear(); // tried again below
  for (const auto& r : wanted)
    if (!contains(watched_, r) && !contains(missing_, r))
      add_root(r, false);
}

void file_watcher::add_root(const std::string& root, bool report_created) {
  auto error = inotify_->add_root(root);
  if (!error) {
    watched_.push_back(root);
    // What it holds was never reported: the whole of it is new.
    if (report_created)
      batcher_->add(root, adapters::steady_clock_us(), kind_on_disk(root));
    return;
  }
  if (error->code == adapters::watch_errc::root_missing) {
    missing_.push_back(root);
    return;
  }
  failed_.push_back(root);
  log(error->message);
}

void file_watcher::retry_missing() {
  auto missing = std::exchange(missing_, {});
  for (const auto& r : missing)
    add_root(r, true);
}

// The adapter keeps a deleted root registered but watches it again only
// when it reappears inside another root: ask for it on every poll.
void file_watcher::note_gone(const adapters::watch_event& e) {
  bool gone = e.kind == adapters::change_kind::deleted ||
              e.kind == adapters::change_kind::moved_from;
  if (!gone || !e.is_dir || !contains(watched_, e.path))
    return;
  std::erase(watched_, e.path);
  missing_.push_back(e.path);
}

void file_watcher::log(const std::string& text) {
  if (!spec_.log)
    return;
  msg::LogLine line;
  line.set_resource("actordev");
  line.set_stream(msg::LOG_SYSTEM);
  line.set_text(text);
  line.set_time_us(adapters::wall_clock_us());
  send(spec_.log, std::move(line));
}

void file_watcher::on_exit() {
  spec_.scheduler = nullptr;
  spec_.config_listener = nullptr;
  spec_.log = nullptr;
}

} // namespace actordev
