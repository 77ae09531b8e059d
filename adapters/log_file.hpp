#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace actordev::adapters {

/// Why a message log could not be created, written or pruned: what was
/// being done, the file or folder, and the OS's words.
struct log_file_error {
  std::string what; ///< "cannot create the message log", ...
  std::string path;
  std::string reason; ///< strerror's words

  /// "cannot create the message log PATH: REASON".
  std::string describe() const;
};

/// One message log file, open for appending. Move-only; the destructor
/// closes it. Not thread-safe: one owner (the log writer actor) at a time.
class log_file {
public:
  /// Takes over `fd`, open for writing at its end, as the file `path`.
  /// Tests use it to write to /dev/full.
  log_file(int fd, std::string path);
  log_file(log_file&& other) noexcept;
  log_file& operator=(log_file&& other) noexcept;
  log_file(const log_file&) = delete;
  log_file& operator=(const log_file&) = delete;
  ~log_file();

  const std::string& path() const { return path_; }
  bool is_open() const { return fd_ >= 0; }

  /// Appends all of `bytes` (short writes and EINTR are retried). On an
  /// error the file is cut back to where it was, so it still ends with a
  /// whole record. Fails once closed.
  [[nodiscard]] std::optional<log_file_error> append(std::string_view bytes);

  /// Closes the file; later appends fail. Closing twice does nothing.
  std::optional<log_file_error> close();

private:
  int fd_ = -1;
  std::string path_;
};

/// The name of a log started at `started_us` (microseconds since the
/// epoch), in UTC so that names sort as the starts did:
/// "20261121-101530.123.alog"; `clash` 2, 3 ... adds "-2", "-3".
std::string log_file_name(std::int64_t started_us, int clash = 1);

/// Creates a new log in `dir` (and the folders up to it), named after
/// `started_us` (log_file_name, the next free clash number when taken),
/// and writes `start` to it. Never replaces a file. On an error nothing is
/// left behind but the folders.
std::variant<log_file, log_file_error> create_log_in(const std::string& dir,
                                                     std::int64_t started_us,
                                                     std::string_view start);

/// Creates the log `path` (and the folders up to it) and writes `start` to
/// it. An existing file is replaced only when it is empty or starts with
/// `replaceable_prefix` (a log of ours): a mistyped path is an error,
/// never a lost file.
std::variant<log_file, log_file_error>
create_log_at(const std::string& path, std::string_view start,
              std::string_view replaceable_prefix);

/// Removes the oldest `*.alog` regular files of `dir` (by name: a name is
/// its start time) until `keep` are left; 0 keeps all. Never removes
/// `spare` (the log just created) nor any other file. Returns the removed
/// paths, or the first error.
std::variant<std::vector<std::string>, log_file_error>
prune_logs(const std::string& dir, std::size_t keep, const std::string& spare);

} // namespace actordev::adapters
