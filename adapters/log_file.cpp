#include "adapters/log_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace actordev::adapters {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view extension = ".alog";
constexpr std::string_view cannot_create = "cannot create the message log";

/// How many clash numbers create_log_in tries before it gives up.
constexpr int max_clashes = 1000;

log_file_error os_error(std::string_view what, const std::string& path,
                        int err) {
  return {std::string{what}, path, std::strerror(err)};
}

/// Opens a file that must not exist yet; -1 with errno set on failure.
int open_new(const std::string& path) {
  return ::open(path.c_str(),
                O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
}

std::optional<log_file_error> make_parent(const fs::path& dir) {
  if (dir.empty())
    return std::nullopt;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return log_file_error{"cannot create the folder of the message log",
                          dir.string(), ec.message()};
  return std::nullopt;
}

/// Wraps a freshly created `fd` and writes `start`; on failure removes the
/// file again.
std::variant<log_file, log_file_error>
start_log(int fd, const std::string& path, std::string_view start) {
  log_file file{fd, path};
  if (auto err = file.append(start)) {
    file.close();
    ::unlink(path.c_str());
    err->what = cannot_create;
    return *err;
  }
  return file;
}

/// Whether the existing file at `path` may be replaced: a regular file that
/// is empty or starts with `prefix`. Otherwise the error that says why not.
std::optional<log_file_error> check_replaceable(const std::string& path,
                                                std::string_view prefix) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return os_error(cannot_create, path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return log_file_error{std::string{cannot_create}, path,
                          "it exists and is not a regular file"};
  }
  std::string head(prefix.size(), '\0');
  ssize_t n = ::read(fd, head.data(), head.size());
  int err = errno;
  ::close(fd);
  if (n < 0)
    return os_error(cannot_create, path, err);
  if (st.st_size == 0 || head == prefix)
    return std::nullopt;
  return log_file_error{std::string{cannot_create}, path,
                        "it exists and is not a message log; choose another "
                        "path or remove it"};
}

/// Orders log names by start time, then clash number: "X.alog" before
/// "X-2.alog" before "X-10.alog".
std::pair<std::string, long> age_key(const std::string& name) {
  std::string stem = name.substr(0, name.size() - extension.size());
  auto dash = stem.rfind('-');
  auto dot = stem.rfind('.');
  if (dash == std::string::npos || (dot != std::string::npos && dash < dot) ||
      dash + 1 == stem.size() || dash + 10 < stem.size())
    return {stem, 1};
  auto digits = stem.substr(dash + 1);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return {stem, 1};
  return {stem.substr(0, dash), std::stol(digits)};
}

} // namespace

std::string log_file_error::describe() const {
  return what + " " + path + ": " + reason;
}

log_file::log_file(int fd, std::string path)
    : fd_(fd)
    , path_(std::move(path)) {}

log_file::log_file(log_file&& other) noexcept
    : fd_(std::exchange(other.fd_, -1))
    , path_(std::move(other.path_)) {}

log_file& log_file::operator=(log_file&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

log_file::~log_file() {
  close();
}

std::optional<log_file_error> log_file::append(std::string_view bytes) {
  constexpr std::string_view what = "cannot write the message log";
  if (fd_ < 0)
    return log_file_error{std::string{what}, path_, "it is closed"};
  struct stat st {};
  bool sized = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      // Cut off the part of a record that made it: the log still ends
      // with a whole record.
      if (sized) {
        int rc = ::ftruncate(fd_, st.st_size);
        (void)rc; // nothing more to do if even that fails
      }
      return os_error(what, path_, err);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

std::optional<log_file_error> log_file::close() {
  if (fd_ < 0)
    return std::nullopt;
  // Linux closes the descriptor even when close fails (EINTR included):
  // never retry.
  int rc = ::close(std::exchange(fd_, -1));
  if (rc != 0)
    return os_error("cannot write the message log", path_, errno);
  return std::nullopt;
}

std::string log_file_name(std::int64_t started_us, int clash) {
  std::time_t secs = static_cast<std::time_t>(started_us / 1'000'000);
  int millis = static_cast<int>(started_us % 1'000'000 / 1000);
  std::tm utc{};
  ::gmtime_r(&secs, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  char name[64];
  if (clash > 1)
    std::snprintf(name, sizeof name, "%s.%03d-%d.alog", stamp, millis, clash);
  else
    std::snprintf(name, sizeof name, "%s.%03d.alog", stamp, millis);
  return name;
}

std::variant<log_file, log_file_error> create_log_in(const std::string& dir,
                                                     std::int64_t started_us,
                                                     std::string_view start) {
  if (auto err = make_parent(dir))
    return *err;
  for (int clash = 1; clash <= max_clashes; ++clash) {
    auto path = (fs::path(dir) / log_file_name(started_us, clash)).string();
    int fd = open_new(path);
    if (fd >= 0)
      return start_log(fd, path, start);
    if (errno != EEXIST)
      return os_error(cannot_create, path, errno);
  }
  return log_file_error{std::string{cannot_create},
                        (fs::path(dir) / log_file_name(started_us)).string(),
                        "too many logs started in the same millisecond"};
}

std::variant<log_file, log_file_error>
create_log_at(const std::string& path, std::string_view start,
              std::string_view replaceable_prefix) {
  if (auto err = make_parent(fs::path(path).parent_path()))
    return *err;
  int fd = open_new(path);
  if (fd < 0 && errno == EEXIST) {
    if (auto err = check_replaceable(path, replaceable_prefix))
      return *err;
    if (::unlink(path.c_str()) != 0)
      return os_error(cannot_create, path, errno);
    fd = open_new(path);
  }
  if (fd < 0)
    return os_error(cannot_create, path, errno);
  return start_log(fd, path, start);
}

std::variant<std::vector<std::string>, log_file_error>
prune_logs(const std::string& dir, std::size_t keep, const std::string& spare) {
  constexpr std::string_view what = "cannot prune the message logs in";
  std::vector<std::string> removed;
  if (keep == 0)
    return removed;
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator i{dir, ec}, end; !ec && i != end;
       i.increment(ec)) {
    auto name = i->path().filename().string();
    std::error_code gone; // a file removed meanwhile is skipped
    if (name.size() > extension.size() && name.ends_with(extension) &&
        i->symlink_status(gone).type() == fs::file_type::regular)
      names.push_back(std::move(name));
  }
  if (ec)
    return log_file_error{std::string{what}, dir, ec.message()};
  if (names.size() <= keep)
    return removed;
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
    return age_key(a) < age_key(b);
  });
  auto spare_name = fs::path(spare).filename().string();
  bool spare_here =
      fs::equivalent(fs::path(spare).parent_path(), dir, ec) && !ec;
  std::size_t excess = names.size() - keep;
  for (const auto& name : names) {
    if (excess == 0)
      break;
    if (spare_here && name == spare_name)
      continue;
    auto path = (fs::path(dir) / name).string();
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return os_error(what, path, errno);
    removed.push_back(std::move(path));
    --excess;
  }
  return removed;
}

} // namespace actordev::adapters
