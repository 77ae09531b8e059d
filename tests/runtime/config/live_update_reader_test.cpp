// An image's `live_update:`: the steps, their order, and the reference's
// rules on what each step may name.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;

namespace {

/// A config whose image `web` (context web/, built FROM `base`, context
/// base/) has the live_update `steps` (one step per line, indented by 6)
/// and runs in resource `w`.
std::string with_steps(std::string_view steps) {
  return std::string{R"(
images:
  base: {context: base}
  web:
    context: web
    from: base
    live_update:
)"} + std::string{steps} +
         "resources:\n  w: {container: {image: web, cmd: ./run}}\n";
}

} // namespace

TEST_CASE("live_update steps are read in order, with paths resolved",
          "[config][live_update]") {
  auto cfg = loaded(
      with_steps(R"(      - fall_back_on: [web/requirements.txt, base/setup.cfg]
      - sync: {local: web/src, remote: /app/src/}
      - sync: {local: base/lib, remote: /lib}
      - run: {cmd: pip install -r /app/req.txt, trigger: web/src/req.txt}
      - run: ./reload
      - restart_container: true
)"));
  const auto& lu = cfg.find_image("web")->live_update;
  REQUIRE(lu.fall_back_on.size() == 2);
  CHECK(lu.fall_back_on[0].path == "/home/dev/shop/web/requirements.txt");
  CHECK(lu.fall_back_on[1].position == position{7, 9});
  REQUIRE(lu.syncs.size() == 2);
  CHECK(lu.syncs[0] == sync_step{"/home/dev/shop/web/src", "/app/src", {8, 9}});
  CHECK(lu.syncs[1].local == "/home/dev/shop/base/lib");
  REQUIRE(lu.runs.size() == 2);
  CHECK(lu.runs[0].cmd.shell == "pip install -r /app/req.txt");
  CHECK(lu.runs[0].trigger ==
        std::vector<std::string>{"/home/dev/shop/web/src/req.txt"});
  CHECK(lu.runs[1].cmd.shell == "./reload");
  CHECK(lu.runs[1].trigger.empty());
  CHECK(lu.restart_container);
}

TEST_CASE("a live_update step out of order is an error naming both kinds",
          "[config][live_update]") {
  CHECK(error_text(with_steps(R"(      - sync: {local: web, remote: /app}
      - run: make
      - sync: {local: base, remote: /base}
)")) == at + "9:9: error: live_update step 3 (sync) of image 'web' comes "
             "after a run step\n"
             "  hint: live_update steps go in this order: fall_back_on, "
             "sync, run, restart_container; move this step");
  CHECK(error_text(with_steps(R"(      - sync: {local: web, remote: /app}
      - restart_container: true
      - run: make
)"))
            .find("live_update step 3 (run) of image 'web' comes after a "
                  "restart_container step") != std::string::npos);
  CHECK(error_text(with_steps(R"(      - sync: {local: web, remote: /app}
      - fall_back_on: web/x
)"))
            .find("step 2 (fall_back_on) of image 'web' comes after a sync "
                  "step") != std::string::npos);
}

TEST_CASE("a malformed live_update step says what a step looks like",
          "[config][live_update]") {
  CHECK(error_text(with_steps("      - {sync: {local: web, remote: /a}, run: "
                              "make}\n"))
            .find("live_update step 1 of image 'web': expected a map with "
                  "one key") != std::string::npos);
  CHECK(error_text(with_steps("      - synk: {local: web, remote: /a}\n"))
            .find("did you mean 'sync'?") != std::string::npos);
  CHECK(error_text(with_steps("      - sync: {local: web}\n")) ==
        at + "7:9: error: a sync step of image 'web' needs 'remote'\n"
             "  hint: write sync: {local: src, remote: /app/src}");
  CHECK(error_text(with_steps("      - sync: {local: web, remote: app}\n")) ==
        at + "7:36: error: 'remote' in the live_update of image 'web' is "
             "'app', which is not absolute: container paths start at the "
             "container's root\n"
             "  hint: write it from the root, e.g. remote: /app/app");
  CHECK(error_text(with_steps("      - sync: {local: web, remote: "
                              "/app/../../etc}\n"))
            .find("contains '..'") != std::string::npos);
  CHECK(error_text(with_steps("      - sync: {local: web, remote: /a}\n      "
                              "- run: {trigger: web/x}\n"))
            .find("a run step of image 'web' needs 'cmd'") !=
        std::string::npos);
  CHECK(error_text("images:\n  web: {live_update: {sync: x}}\n")
            .find("expected a list of steps, found a map") !=
        std::string::npos);
}

TEST_CASE("a sync outside what the image's build watches is an error",
          "[config][live_update]") {
  CHECK(
      error_text(with_steps("      - sync: {local: docs, remote: /docs}\n")) ==
      at + "7:9: error: sync of '/home/dev/shop/docs' in the live_update "
           "of image 'web' is outside what the image's build watches "
           "(/home/dev/shop/base, /home/dev/shop/web): such files never "
           "reach the image, so they cannot be synced into its container\n"
           "  hint: sync a path inside the image's context, or widen the "
           "context");
  // A base image's context counts (the reference's dependent images).
  CHECK(loaded(with_steps("      - sync: {local: base/x, remote: /x}\n"))
            .images.size() == 2);
}

TEST_CASE("a trigger that no sync covers is an error",
          "[config][live_update]") {
  CHECK(error_text(with_steps(R"(      - sync: {local: web/src, remote: /app}
      - run: {cmd: make, trigger: [web/src/a, web/configs/foo.yaml]}
)")) == at + "8:9: error: trigger '/home/dev/shop/web/configs/foo.yaml' of "
             "a run step in the live_update of image 'web' is not covered "
             "by any sync: a change to it causes a full rebuild, never this "
             "run\n"
             "  hint: sync the trigger too, or remove it from the trigger "
             "list");
}

TEST_CASE("unused live_update steps are errors", "[config][live_update]") {
  SECTION("steps with no sync never run") {
    CHECK(error_text(with_steps("      - run: make\n")) ==
          at + "6:5: error: the live_update of image 'web' has no sync "
               "step, so its other steps are unused: a live update happens "
               "only when a changed file matches a sync\n"
               "  hint: add a sync step, e.g. - sync: {local: src, remote: "
               "/app/src}, or remove live_update");
  }
  SECTION("a fall_back_on path outside the build never matches") {
    CHECK(error_text(with_steps(R"(      - fall_back_on: elsewhere/x
      - sync: {local: web, remote: /app}
)"))
              .find("fall_back_on '/home/dev/shop/elsewhere/x' in the "
                    "live_update of image 'web' is an unused step") !=
          std::string::npos);
    // A folder holding the context is fine: every change matches.
    CHECK(loaded(with_steps(R"(      - fall_back_on: .
      - sync: {local: web, remote: /app}
)"))
              .images.size() == 2);
  }
  SECTION("restart_container: false does nothing") {
    CHECK(error_text(with_steps(R"(      - sync: {local: web, remote: /app}
      - restart_container: false
)"))
              .find("'restart_container: false' in the live_update of image "
                    "'web' is an unused step") != std::string::npos);
  }
  SECTION("a live_update on an image no resource runs") {
    CHECK(error_text(R"(
images:
  base:
    live_update: [{sync: {local: ., remote: /app}}]
  web: {from: base}
resources:
  w: {container: {image: web, cmd: ./run}}
)") == at + "3:5: error: the live_update of image 'base' is unused: no "
            "resource runs image 'base'\n"
            "  hint: run the image from a resource (container: {image: "
            "base, cmd: ...}, compose: {..., image: base} or k8s: {..., "
            "image: base}), or move the "
            "live_update to the image a resource runs");
  }
}
