#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::adapters {

/// Which of a process's output pipes a line came from.
enum class output_stream { out, err };

/// One line a process wrote, without its newline. `text` holds the bytes as
/// written: nothing checks or repairs UTF-8, and a '\r' before the newline is
/// kept.
struct output_line {
  output_stream stream = output_stream::out;
  std::string text;
  /// The line was longer than the cap: this piece stops there and the next
  /// line of the same stream continues it.
  bool cut = false;

  bool operator==(const output_line&) const = default;
};

/// The longest piece of a line delivered at once (64 KiB).
inline constexpr std::size_t default_line_cap = 64 * 1024;

/// Splits one stream of bytes into lines. Pure: no I/O.
///
/// A line longer than `cap` bytes is delivered in pieces of at most `cap`
/// bytes, each but the last marked `cut`. A piece ends before a UTF-8
/// sequence rather than inside it when the bytes look like UTF-8.
class line_splitter {
public:
  /// `cap` below 4 is raised to 4 (the longest UTF-8 sequence).
  explicit line_splitter(output_stream stream,
                         std::size_t cap = default_line_cap);

  /// Takes the next bytes of the stream; appends each completed line (and
  /// each cap-sized piece) to `lines`.
  void feed(std::string_view bytes, std::vector<output_line>& lines);

  /// At the end of the stream: appends the last line if it had no newline.
  void finish(std::vector<output_line>& lines);

private:
  void emit_pieces(std::vector<output_line>& lines);

  output_stream stream_;
  std::size_t cap_;
  std::string partial_;
};

/// The parent's end of a child's stdout or stderr pipe: non-blocking reads
/// fed through a line_splitter. Owns the descriptor. Move-only.
class output_pipe {
public:
  /// An already closed pipe.
  output_pipe() = default;

  /// Takes ownership of `fd` (the read end) and makes it non-blocking.
  output_pipe(output_stream stream, int fd, std::size_t cap);

  output_pipe(output_pipe&& other) noexcept;
  output_pipe& operator=(output_pipe&& other) noexcept;
  output_pipe(const output_pipe&) = delete;
  output_pipe& operator=(const output_pipe&) = delete;
  ~output_pipe();

  /// The descriptor to poll for POLLIN, or -1 once closed.
  int fd() const { return fd_; }

  /// Reads what is there now, at most about `budget` bytes, without
  /// blocking, and appends the completed lines. At end of file (or a read
  /// error) delivers the partial line and closes.
  void read_available(std::vector<output_line>& lines, std::size_t budget);

  /// Delivers the partial line and closes; unread bytes are dropped.
  void close(std::vector<output_line>& lines);

private:
  void close_fd();

  int fd_ = -1;
  line_splitter splitter_{output_stream::out};
};

} // namespace actordev::adapters
