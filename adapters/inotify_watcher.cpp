#include "adapters/inotify_watcher.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <utility>

namespace actordev::adapters {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t watch_events = IN_CREATE | IN_CLOSE_WRITE | IN_ATTRIB |
                                       IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                       IN_DELETE_SELF | IN_MOVE_SELF;
constexpr std::uint32_t watch_flags = IN_ONLYDIR | IN_EXCL_UNLINK;
constexpr std::size_t read_buffer_size = 64 * 1024;
constexpr int max_reads_per_poll = 16;

/// The fixed part of a kernel event, copied out of the byte buffer (which
/// gives no alignment guarantee for `struct inotify_event`).
struct event_header {
  std::int32_t wd;
  std::uint32_t mask;
  std::uint32_t cookie;
  std::uint32_t len;
};
static_assert(sizeof(event_header) == sizeof(inotify_event));

/// Absolute, lexically normal, no trailing '/'; empty when impossible.
std::string normalize(const std::string& path) {
  if (path.empty())
    return {};
  std::error_code ec;
  auto abs = fs::absolute(path, ec);
  if (ec)
    return {};
  std::string s = abs.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/')
    s.pop_back();
  return s;
}

std::string join(const std::string& dir, std::string_view name) {
  std::string s = dir;
  if (s != "/")
    s += '/';
  s += name;
  return s;
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::optional<change_kind> kind_of(std::uint32_t mask) {
  if (mask & IN_CREATE)
    return change_kind::created;
  if (mask & IN_CLOSE_WRITE)
    return change_kind::modified;
  if (mask & IN_ATTRIB)
    return change_kind::attrib;
  if (mask & IN_DELETE)
    return change_kind::deleted;
  if (mask & IN_MOVED_FROM)
    return change_kind::moved_from;
  if (mask & IN_MOVED_TO)
    return change_kind::moved_to;
  return std::nullopt;
}

std::optional<long> open_files_limit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
    return std::nullopt;
  return static_cast<long>(rl.rlim_cur);
}

inotify_limit read_limit(inotify_api& api, const std::string& fs_name,
                         const std::string& user_name) {
  return {api.read_limit("fs/inotify/" + fs_name),
          api.read_limit("user/" + user_name)};
}

} // namespace

// --- lifetime ---------------------------------------------------------------

std::variant<inotify_watcher, watch_error>
inotify_watcher::open(inotify_api& api) {
  int fd = api.init();
  if (fd == -EMFILE)
    return instance_limit_error(
        read_limit(api, "max_user_instances", "max_inotify_instances"),
        open_files_limit());
  if (fd < 0)
    return os_error("cannot start watching files", "", -fd);
  return inotify_watcher(api, fd);
}

inotify_watcher::inotify_watcher(inotify_api& api, int fd)
    : api_(&api)
    , fd_(fd)
    , buf_(read_buffer_size) {}

inotify_watcher::inotify_watcher(inotify_watcher&& other) noexcept
    : api_(other.api_)
    , fd_(std::exchange(other.fd_, -1))
    , roots_(std::move(other.roots_))
    , table_(std::move(other.table_))
    , pending_errors_(std::move(other.pending_errors_))
    , buf_(std::move(other.buf_)) {}

inotify_watcher& inotify_watcher::operator=(inotify_watcher&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      api_->close(fd_);
    api_ = other.api_;
    fd_ = std::exchange(other.fd_, -1);
    roots_ = std::move(other.roots_);
    table_ = std::move(other.table_);
    pending_errors_ = std::move(other.pending_errors_);
    buf_ = std::move(other.buf_);
  }
  return *this;
}

inotify_watcher::~inotify_watcher() {
  if (fd_ >= 0)
    api_->close(fd_);
}

// --- roots ------------------------------------------------------------------

std::optional<watch_error> inotify_watcher::add_root(const std::string& path) {
  std::string p = normalize(path);
  if (p.empty())
    return root_missing_error(path);
  std::error_code ec;
  auto st = fs::status(p, ec);
  if (st.type() == fs::file_type::not_found)
    return root_missing_error(p);
  if (ec)
    return os_error("cannot watch", p, ec.value());
  root r{p, fs::is_directory(st)};
  auto known = std::find_if(roots_.begin(), roots_.end(),
                            [&](const root& x) { return x.path == p; });
  bool is_new = known == roots_.end();
  if (is_new)
    roots_.push_back(r);
  else
    known->is_dir = r.is_dir;
  if (auto error = watch_root(r)) {
    roots_.erase(std::remove_if(roots_.begin(), roots_.end(),
                                [&](const root& x) { return x.path == p; }),
                 roots_.end());
    prune(false);
    return error;
  }
  return std::nullopt;
}

void inotify_watcher::remove_root(const std::string& path) {
  std::string p = normalize(path);
  roots_.erase(std::remove_if(roots_.begin(), roots_.end(),
                              [&](const root& x) { return x.path == p; }),
               roots_.end());
  prune(false);
}

std::vector<std::string> inotify_watcher::roots() const {
  std::vector<std::string> out;
  for (const auto& r : roots_)
    out.push_back(r.path);
  return out;
}

// --- watches ----------------------------------------------------------------

std::optional<watch_error> inotify_watcher::watch_root(const root& r) {
  if (r.is_dir)
    return watch_tree(r.path, true, nullptr);
  std::string dir = parent_of(r.path);
  int wd = watch_dir(dir, true);
  if (wd == -ENOSPC)
    return watch_limit_error(
        dir, read_limit(*api_, "max_user_watches", "max_inotify_watches"));
  if (wd == -ENOENT)
    return root_missing_error(r.path);
  if (wd < 0)
    return os_error("cannot watch", dir, -wd);
  return std::nullopt;
}

// Each directory is listed only after its own watch is in place: whatever
// is created in it from then on raises an event, and whatever was created
// before is in the listing. That closes the mkdir-then-write race.
std::optional<watch_error>
inotify_watcher::watch_tree(const std::string& top, bool top_is_root,
                            std::vector<watch_event>* found) {
  std::vector<std::string> todo{top};
  while (!todo.empty()) {
    std::string dir = std::move(todo.back());
    todo.pop_back();
    bool is_root = top_is_root && dir == top;
    int wd = watch_dir(dir, is_root);
    if (wd == -ENOSPC)
      return watch_limit_error(
          dir, read_limit(*api_, "max_user_watches", "max_inotify_watches"));
    if (wd < 0 && is_root)
      return wd == -ENOENT ? root_missing_error(dir)
                           : os_error("cannot watch", dir, -wd);
    // Gone or replaced by a file since it was listed or created (build
    // tools make and remove temporary directories all the time), or a
    // bind mount looping back: nothing to watch, nothing to report.
    if (wd == -ENOENT || wd == -ENOTDIR || wd == -ELOOP || wd == 0)
      continue;
    if (wd < 0) {
      pending_errors_.push_back(os_error("cannot watch", dir, -wd));
      continue;
    }
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code type_ec;
      bool is_dir =
          it->symlink_status(type_ec).type() == fs::file_type::directory;
      std::string child = join(dir, it->path().filename().string());
      if (found)
        found->push_back({change_kind::created, child, is_dir});
      if (is_dir)
        todo.push_back(std::move(child));
    }
  }
  return std::nullopt;
}

/// Watches one directory and records it. Returns the watch descriptor,
/// -errno, or 0 when the directory is already watched as one of its own
/// ancestors (a bind mount looping back): not to be descended into.
int inotify_watcher::watch_dir(const std::string& dir, bool follow) {
  std::uint32_t mask = watch_events | watch_flags;
  if (!follow)
    mask |= IN_DONT_FOLLOW;
  int wd = api_->add_watch(fd_, dir, mask);
  if (wd < 0)
    return wd;
  if (const std::string* known = table_.dir_of(wd);
      known && *known != dir && is_under(dir, *known))
    return 0;
  if (auto stale = table_.assign(dir, wd))
    api_->rm_watch(fd_, *stale);
  return wd;
}

void inotify_watcher::forget_tree(const std::string& dir) {
  for (int wd : table_.erase_under(dir))
    api_->rm_watch(fd_, wd); // may fail: the kernel already dropped it
}

/// Drops the watches no root needs and, with `drop_missing`, those whose
/// directory no longer exists (their IN_IGNORED may have been lost).
void inotify_watcher::prune(bool drop_missing) {
  for (const auto& dir : table_.dirs()) {
    std::error_code ec;
    if (needed(dir) && (!drop_missing || fs::is_directory(dir, ec)))
      continue;
    if (auto wd = table_.wd_of(dir)) {
      table_.erase(*wd);
      api_->rm_watch(fd_, *wd);
    }
  }
}

bool inotify_watcher::needed(const std::string& dir) const {
  return std::any_of(roots_.begin(), roots_.end(), [&](const root& r) {
    return r.is_dir ? is_under(dir, r.path) : parent_of(r.path) == dir;
  });
}

bool inotify_watcher::reported(const std::string& path) const {
  return std::any_of(roots_.begin(), roots_.end(), [&](const root& r) {
    return r.is_dir ? is_under(path, r.path) : path == r.path;
  });
}

bool inotify_watcher::in_tree_root(const std::string& path) const {
  return std::any_of(roots_.begin(), roots_.end(), [&](const root& r) {
    return r.is_dir && is_under(path, r.path);
  });
}

// --- events -----------------------------------------------------------------

watch_batch inotify_watcher::poll(std::chrono::milliseconds timeout) {
  watch_batch out;
  if (fd_ < 0)
    return out;
  // Errors already waiting are news: report them without waiting.
  auto wait = pending_errors_.empty() ? timeout : std::chrono::milliseconds(0);
  int ready = api_->wait_readable(fd_, wait);
  if (ready > 0)
    drain(out);
  else if (ready < 0 && ready != -EINTR)
    pending_errors_.push_back(os_error("waiting for file events", "", -ready));
  take_pending_errors(out);
  return out;
}

void inotify_watcher::drain(watch_batch& out) {
  for (int i = 0; i < max_reads_per_poll; ++i) {
    auto n = api_->read(fd_, buf_.data(), buf_.size());
    if (n == -EINTR)
      continue;
    if (n == -EAGAIN || n == 0)
      return;
    if (n < 0) {
      pending_errors_.push_back(
          os_error("reading file events", "", static_cast<int>(-n)));
      return;
    }
    dispatch(static_cast<std::size_t>(n), out);
  }
}

void inotify_watcher::dispatch(std::size_t size, watch_batch& out) {
  std::size_t off = 0;
  while (size - off >= sizeof(event_header)) {
    event_header h{};
    std::memcpy(&h, buf_.data() + off, sizeof h);
    std::size_t end = off + sizeof h + h.len;
    if (end > size)
      return;
    const char* name = buf_.data() + off + sizeof h;
    handle(h.wd, h.mask, std::string_view(name, ::strnlen(name, h.len)), out);
    off = end;
  }
}

void inotify_watcher::handle(int wd, std::uint32_t mask, std::string_view name,
                             watch_batch& out) {
  if (mask & IN_Q_OVERFLOW) {
    on_overflow(out);
    return;
  }
  const std::string* dir = table_.dir_of(wd);
  if (!dir)
    return; // a watch already dropped: its paths are no longer known
  if (mask & IN_IGNORED) {
    table_.erase(wd);
    return;
  }
  if (name.empty())
    on_self(std::string(*dir), mask, out); // a copy: on_self may erase it
  else
    on_child(join(*dir, name), mask, out);
}

void inotify_watcher::on_child(const std::string& path, std::uint32_t mask,
                               watch_batch& out) {
  auto kind = kind_of(mask);
  if (!kind)
    return;
  bool is_dir = (mask & IN_ISDIR) != 0;
  if (is_dir && (mask & (IN_DELETE | IN_MOVED_FROM)))
    forget_tree(path);
  if (reported(path))
    out.events.push_back({*kind, path, is_dir});
  if (is_dir && (mask & (IN_CREATE | IN_MOVED_TO)) && in_tree_root(path))
    if (auto error = watch_tree(path, false, &out.events))
      pending_errors_.push_back(std::move(*error));
}

// Events about a watched directory itself. A subdirectory's are also told
// to its parent's watch, which is the one reported; only a root's own
// directory (or a file root's parent) has no watched parent to tell.
void inotify_watcher::on_self(const std::string& dir, std::uint32_t mask,
                              watch_batch& out) {
  bool moved = (mask & IN_MOVE_SELF) != 0;
  if (!moved && !(mask & (IN_DELETE_SELF | IN_UNMOUNT)))
    return;
  for (const auto& r : roots_)
    if ((r.is_dir ? r.path : parent_of(r.path)) == dir)
      out.events.push_back(
          {moved ? change_kind::moved_from : change_kind::deleted, r.path,
           r.is_dir});
  // A moved directory's watches follow it to a place we have no path for.
  if (moved)
    forget_tree(dir);
}

void inotify_watcher::on_overflow(watch_batch& out) {
  for (const auto& r : roots_)
    out.events.push_back({change_kind::overflow, r.path, r.is_dir});
  // Lost events may include directories created (to watch), deleted or
  // moved (whose IN_IGNORED never came): re-add, then drop what is gone.
  for (const auto& r : roots_)
    if (auto error = watch_root(r);
        error && error->code != watch_errc::root_missing)
      pending_errors_.push_back(std::move(*error));
  prune(true);
}

// One watch-limit error per batch: once the limit is hit, every new
// directory fails the same way and the first message says it all.
void inotify_watcher::take_pending_errors(watch_batch& out) {
  bool limit_reported = false;
  for (auto& e : pending_errors_) {
    if (e.code == watch_errc::watch_limit) {
      if (limit_reported)
        continue;
      limit_reported = true;
    }
    out.errors.push_back(std::move(e));
  }
  pending_errors_.clear();
}

} // namespace actordev::adapters
