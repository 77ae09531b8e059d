#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace actordev::bench {

/// An HTTP answer: its status code and body.
struct http_answer {
  int status = 0;
  std::string body;
};

/// GETs `path` from 127.0.0.1:`port` over HTTP/1.0 (the server closes the
/// connection after its answer). Nothing when the connection is refused or
/// reset, or when the whole exchange takes longer than `timeout`. Blocks.
std::optional<http_answer> http_get(int port, std::string_view path,
                                    std::chrono::milliseconds timeout);

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick),
/// or nothing.
std::optional<int> free_port();

} // namespace actordev::bench
