#include "adapters/process_output.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace actordev::adapters {

namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// How long the next piece of `rest` (longer than `cap` >= 4) is: `cap`, or
/// up to three bytes less so that a UTF-8 sequence is not split. Invalid
/// UTF-8 is cut at `cap`.
std::size_t piece_length(std::string_view rest, std::size_t cap) {
  for (std::size_t back = 0; back < 4; ++back) {
    if (!is_utf8_continuation(rest[cap - back]))
      return cap - back;
  }
  return cap;
}

} // namespace

line_splitter::line_splitter(output_stream stream, std::size_t cap)
    : stream_(stream)
    , cap_(std::max<std::size_t>(cap, 4)) {}

void line_splitter::feed(std::string_view bytes,
                         std::vector<output_line>& lines) {
  while (!bytes.empty()) {
    auto newline = bytes.find('\n');
    auto end = newline == std::string_view::npos ? bytes.size() : newline;
    partial_.append(bytes.substr(0, end));
    emit_pieces(lines);
    if (newline == std::string_view::npos)
      return;
    lines.push_back({stream_, std::move(partial_), false});
    partial_.clear();
    bytes.remove_prefix(newline + 1);
  }
}

void line_splitter::finish(std::vector<output_line>& lines) {
  if (partial_.empty())
    return;
  lines.push_back({stream_, std::move(partial_), false});
  partial_.clear();
}

void line_splitter::emit_pieces(std::vector<output_line>& lines) {
  // A piece is cut only once a byte beyond the cap is known not to be the
  // newline: a line of exactly `cap` bytes arrives whole.
  std::size_t start = 0;
  while (partial_.size() - start > cap_) {
    auto rest = std::string_view(partial_).substr(start);
    auto length = piece_length(rest, cap_);
    lines.push_back({stream_, std::string(rest.substr(0, length)), true});
    start += length;
  }
  partial_.erase(0, start);
}

output_pipe::output_pipe(output_stream stream, int fd, std::size_t cap)
    : fd_(fd)
    , splitter_(stream, cap) {
  int flags = ::fcntl(fd_, F_GETFL);
  if (flags != -1)
    ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
}

output_pipe::output_pipe(output_pipe&& other) noexcept
    : fd_(std::exchange(other.fd_, -1))
    , splitter_(std::move(other.splitter_)) {}

output_pipe& output_pipe::operator=(output_pipe&& other) noexcept {
  if (this != &other) {
    close_fd();
    fd_ = std::exchange(other.fd_, -1);
    splitter_ = std::move(other.splitter_);
  }
  return *this;
}

output_pipe::~output_pipe() {
  close_fd();
}

void output_pipe::read_available(std::vector<output_line>& lines,
                                 std::size_t budget) {
  std::array<char, 16 * 1024> buffer;
  std::size_t taken = 0;
  while (fd_ != -1 && taken < budget) {
    auto n = ::read(fd_, buffer.data(), buffer.size());
    if (n > 0) {
      splitter_.feed({buffer.data(), static_cast<std::size_t>(n)}, lines);
      taken += static_cast<std::size_t>(n);
    } else if (n == -1 && errno == EINTR) {
      continue;
    } else if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    } else {
      close(lines); // end of file, or an error that ends the stream
    }
  }
}

void output_pipe::close(std::vector<output_line>& lines) {
  splitter_.finish(lines);
  close_fd();
}

void output_pipe::close_fd() {
  if (fd_ != -1)
    ::close(fd_);
  fd_ = -1;
}

} // namespace actordev::adapters
