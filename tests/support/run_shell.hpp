#pragma once

#include <string>
#include <utility>

namespace actordev::test {

/// What `command` (through `sh -c`, via popen) printed on stdout, and its
/// exit code (-1 when it did not exit by itself). For tests that ask a
/// real tool (docker, kubectl, openssl).
std::pair<int, std::string> run_shell(const std::string& command);

} // namespace actordev::test
