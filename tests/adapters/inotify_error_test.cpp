// The wording of watcher errors: what went wrong, where, and what to do.
#include "adapters/inotify_error.hpp"

#include <catch2/catch.hpp>

#include <cerrno>

using namespace actordev::adapters;
using Catch::Matchers::Contains;

TEST_CASE("the suggested watch limit is always above the current one",
          "[inotify]") {
  CHECK(suggested_limit(8192, 524288) == 524288);
  CHECK(suggested_limit(524288, 524288) == 1048576);
  CHECK(suggested_limit(std::nullopt, 524288) == 524288);
  CHECK_THAT(watch_limit_error("/p", {600000, 600000}).message,
             Contains("fs.inotify.max_user_watches = 600000") &&
                 Contains("sudo sysctl fs.inotify.max_user_watches=1200000"));
}

TEST_CASE("a watch limit message says when the limit could not be read",
          "[inotify]") {
  CHECK_THAT(watch_limit_error("/p", {}).message,
             Contains("fs.inotify.max_user_watches = unknown") &&
                 Contains("sudo sysctl fs.inotify.max_user_watches=524288"));
}

TEST_CASE("a watch limit message names a lower cap of the user namespace",
          "[inotify]") {
  auto e = watch_limit_error("/p", {8192, 100});
  CHECK_THAT(e.message, Contains("allows only 100 (user.max_inotify_watches)"));
  CHECK_THAT(watch_limit_error("/p", {8192, 8192}).message,
             !Contains("allows only"));
}

TEST_CASE("other errors carry the OS's words and the path", "[inotify]") {
  auto e = os_error("cannot watch", "/p/secret", EACCES);
  CHECK(e.code == watch_errc::os_error);
  CHECK(e.path == "/p/secret");
  CHECK(e.message == "cannot watch /p/secret: Permission denied");
}
