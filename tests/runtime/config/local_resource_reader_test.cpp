// The errors of a local resource: names, keys, types and required keys.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;
using namespace std::chrono_literals;

TEST_CASE("an unknown key in a resource lists the keys and suggests one",
          "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    comand: make
)") == at + "3:5: error: unknown key 'comand' in resource 'api'; expected "
            "one of: cmd, serve_cmd, deps, ignore, quiet_ms, dir, env, "
            "allow_parallel, build_on, resource_deps, trigger_mode, auto_init, "
            "readiness_probe, restart, labels, container, compose, k8s\n"
            "  hint: did you mean 'cmd'?");
}

TEST_CASE("a resource without cmd or serve_cmd is an error", "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    deps: [src]
)") == at + "2:3: error: resource 'api' has nothing to run: it needs 'cmd' "
            "(a job that runs to completion), 'serve_cmd' (a server that "
            "keeps running), both, 'container' (an image run in a "
            "container), 'compose' (a docker compose service) or 'k8s' "
            "(Kubernetes objects)\n"
            "  hint: e.g. add cmd: make build");
  CHECK(only_error("resources: {api: }\n").message.find("has nothing to run") !=
        std::string::npos);
  CHECK(only_error("resources: {api: {}}\n").line == 1);
}

TEST_CASE("a resource that is not a map is an error", "[config]") {
  CHECK(error_text("resources:\n  api: make build\n") ==
        at + "2:8: error: resource 'api': expected a map of keys, found the "
             "string 'make build'\n"
             "  hint: indent its keys below the name, e.g. api: {cmd: make}");
}

TEST_CASE("resources must be a map", "[config]") {
  CHECK(error_text("resources:\n  - api\n") ==
        at + "2:3: error: 'resources' at the top level: expected a map, "
             "found a list\n"
             "  hint: put its keys on the lines below 'resources:', "
             "indented");
}

TEST_CASE("a duplicate resource name is an error at the second one",
          "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    cmd: make api
  db:
    serve_cmd: postgres
  api:
    cmd: make api2
)") == at + "6:3: error: duplicate resource name 'api' in resources; first "
            "given at line 2, column 3\n"
            "  hint: YAML map keys must be unique: rename or remove one of "
            "them");
}

TEST_CASE("a key given twice in a resource is an error", "[config]") {
  CHECK(only_error(R"(
resources:
  api:
    cmd: make
    cmd: make again
)")
            .message ==
        "duplicate key 'cmd' in resource 'api'; first given at line 3, "
        "column 5");
}

TEST_CASE("a resource name with other characters is an error", "[config]") {
  CHECK(error_text("resources:\n  my api: {cmd: x}\n") ==
        at + "2:3: error: resource name 'my api' is not valid: use only "
             "letters, digits, '.', '_' and '-'\n"
             "  hint: rename it, e.g. 'my-api'");
  CHECK(only_error("resources:\n  a/b: {cmd: x}\n").message ==
        "resource name 'a/b' is not valid: use only letters, digits, '.', "
        "'_' and '-'");
}

TEST_CASE("an empty resource name is an error", "[config]") {
  CHECK(error_text("resources:\n  \"\": {cmd: x}\n") ==
        at + "2:3: error: a resource name is empty\n"
             "  hint: name it with letters, digits, '.', '_' or '-', e.g. "
             "'api'");
}

TEST_CASE("the name uncategorized is reserved", "[config]") {
  CHECK(error_text("resources:\n  uncategorized: {cmd: x}\n") ==
        at + "2:3: error: resource name 'uncategorized' is reserved\n"
             "  hint: it names the Kubernetes objects that no resource "
             "claims; pick another name");
}

TEST_CASE("deps given as a string is a type error", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: make\n    deps: src\n") ==
        at + "4:11: error: 'deps' in resource 'api': expected a list, "
             "found the string 'src'\n"
             "  hint: write a list: deps: [src], or one '- item' per line");
}

TEST_CASE("a list item that is not a string is an error at the item",
          "[config]") {
  CHECK(
      error_text("resources:\n  api:\n    cmd: make\n    deps: [src, [a]]\n") ==
      at + "4:17: error: 'deps' in resource 'api', item 2: expected a "
           "string, found a list\n"
           "  hint: each item is one string; quote it if needed");
  CHECK(only_error("resources: {api: {cmd: make, labels: [a, \"\"]}}\n")
            .message == "'labels' in resource 'api', item 2 is empty");
  CHECK(only_error("resources: {api: {cmd: make, labels: [a, ~]}}\n").message ==
        "'labels' in resource 'api', item 2: expected a string, found "
        "nothing (null)");
}

TEST_CASE("env given as a list is a type error", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: make\n    env: [A=1]\n") ==
        at + "4:10: error: 'env' in resource 'api': expected a map, found "
             "a list\n"
             "  hint: put its keys on the lines below 'env:', indented");
}

TEST_CASE("an env value must be a string", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: make\n    env:\n      A:\n") ==
        at + "5:7: error: 'A' in the env of resource 'api': expected a "
             "string, found nothing (null)\n"
             "  hint: give a value, or remove the key");
  CHECK(only_error("resources: {api: {cmd: make, env: {A: [1]}}}\n").message ==
        "'A' in the env of resource 'api': expected a string, found a "
        "list");
}

TEST_CASE("an env name with '=' is an error", "[config]") {
  CHECK(only_error("resources: {api: {cmd: make, env: {\"A=B\": 1}}}\n")
            .message ==
        "environment variable name 'A=B' in the env of resource 'api' is "
        "not valid");
}

TEST_CASE("an env variable given twice is an error", "[config]") {
  CHECK(only_error("resources: {api: {cmd: make, env: {A: 1, A: 2}}}\n")
            .message ==
        "duplicate variable 'A' in the env of resource 'api'; first given "
        "at line 1, column 36");
}

TEST_CASE("a boolean written as yes is an error with a hint", "[config]") {
  CHECK(error_text(
            "resources:\n  api:\n    cmd: make\n    allow_parallel: yes\n") ==
        at + "4:21: error: 'allow_parallel' in resource 'api': expected "
             "true or false, found the string 'yes'\n"
             "  hint: write true or false ('yes' is a string in YAML 1.2)");
}

TEST_CASE("a quoted boolean is an error with a hint", "[config]") {
  CHECK(error_text(
            "resources:\n  api:\n    cmd: make\n    auto_init: \"false\"\n") ==
        at + "4:16: error: 'auto_init' in resource 'api': expected true or "
             "false, found the string 'false'\n"
             "  hint: remove the quotes: booleans are written true or false");
  CHECK(only_error("resources: {api: {cmd: make, auto_init: 1}}\n").message ==
        "'auto_init' in resource 'api': expected true or false, found the "
        "integer 1");
}

TEST_CASE("labels given as a map is a type error", "[config]") {
  CHECK(only_error("resources: {api: {cmd: make, labels: {a: b}}}\n").message ==
        "'labels' in resource 'api': expected a list, found a map");
}

TEST_CASE("a cmd that is a map is a type error", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: {run: make}\n") ==
        at + "3:10: error: 'cmd' in resource 'api': expected a command (a "
             "string, or a list of arguments), found a map\n"
             "  hint: write e.g. cmd: make build");
}

TEST_CASE("an empty cmd is an error", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: \"  \"\n") ==
        at + "3:10: error: 'cmd' in resource 'api' is empty\n"
             "  hint: give the command to run, or remove the key");
  CHECK(error_text("resources:\n  api:\n    serve_cmd: []\n") ==
        at + "3:16: error: 'serve_cmd' in resource 'api' is an empty "
             "list\n"
             "  hint: give the program and its arguments, e.g. [make, "
             "build]");
  CHECK(only_error("resources: {api: {cmd: [\"\", x]}}\n").message ==
        "'cmd' in resource 'api', item 1 is empty");
}

TEST_CASE("a null cmd is an error at its key", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd:\n") ==
        at + "3:5: error: 'cmd' in resource 'api': expected a command (a "
             "string, or a list of arguments), found nothing (null)\n"
             "  hint: write e.g. cmd: make build");
}

TEST_CASE("restart without a serve_cmd is an error", "[config]") {
  CHECK(
      error_text("resources:\n  api:\n    cmd: make\n    restart: always\n") ==
      at + "4:5: error: 'restart' in resource 'api' applies only to a "
           "serve_cmd, and the resource has none\n"
           "  hint: remove 'restart', or run the server with serve_cmd");
}

TEST_CASE("a readiness_probe without a serve_cmd is an error", "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    cmd: make
    readiness_probe: {tcp_socket: {port: 80}}
)") == at + "4:5: error: 'readiness_probe' in resource 'api' applies only "
            "to a serve_cmd, and the resource has none\n"
            "  hint: remove 'readiness_probe', or run the server with "
            "serve_cmd");
}

TEST_CASE("an unknown restart policy suggests the closest one", "[config]") {
  CHECK(
      error_text(
          "resources:\n  api:\n    serve_cmd: x\n    restart: on_failure\n") ==
      at + "4:14: error: 'restart' in resource 'api': expected one of "
           "never, on-failure, always, found the string 'on_failure'\n"
           "  hint: did you mean 'on-failure'?");
}

TEST_CASE("an unknown trigger_mode lists the modes", "[config]") {
  CHECK(error_text(
            "resources:\n  api:\n    cmd: x\n    trigger_mode: sometimes\n") ==
        at + "4:19: error: 'trigger_mode' in resource 'api': expected one "
             "of auto, manual, found the string 'sometimes'\n"
             "  hint: write one of: auto, manual");
  CHECK(only_error("resources: {api: {cmd: x, trigger_mode: Manual}}\n").hint ==
        "did you mean 'manual'?");
}

TEST_CASE("a dir of '~' is an error, since it is not expanded", "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: x\n    dir: ~/src\n") ==
        at + "4:10: error: 'dir' in resource 'api': '~' is not expanded "
             "in paths\n"
             "  hint: write the path relative to the config's folder, or "
             "absolute");
  CHECK(only_error("resources: {api: {cmd: x, deps: [~/a]}}\n").message ==
        "'deps' in resource 'api', item 1: '~' is not expanded in paths");
}

TEST_CASE("an empty dir is an error", "[config]") {
  CHECK(only_error("resources: {api: {cmd: x, dir: \"\"}}\n").message ==
        "'dir' in resource 'api' is empty");
}

TEST_CASE("an image key on its own in a resource says where it goes",
          "[config]") {
  CHECK(error_text("resources:\n  api:\n    cmd: x\n    image: api\n") ==
        at + "4:5: error: a resource names its image inside 'container', "
             "not on its own\n"
             "  hint: write container: {image: web, cmd: ./server}, and "
             "define the image under images:");
}

TEST_CASE("every bad key of a resource is reported", "[config]") {
  auto errors = errors_of(R"(
resources:
  api:
    cmd: [make, {}]
    deps: src
    allow_parallel: maybe
    labels: {a: 1}
    dir: [x]
)");
  CHECK(errors.size() == 5);
}

TEST_CASE("a resource's quiet_ms replaces the global quiet window for it",
          "[config]") {
  auto cfg = loaded(R"(
settings: {watch: {quiet_ms: 50}}
resources:
  api: {cmd: make api, deps: [src], quiet_ms: 400}
  web: {cmd: npm start, deps: [web]}
  gen: {cmd: make gen, quiet_ms: 0}
)");
  CHECK(cfg.find("api")->quiet == 400ms);
  CHECK_FALSE(cfg.find("web")->quiet);
  CHECK(cfg.find("gen")->quiet == 0ms);
  CHECK(cfg.settings.watch.quiet == 50ms);
}

TEST_CASE("a negative quiet_ms in a resource is an error", "[config]") {
  CHECK(error_text("resources: {api: {cmd: x, quiet_ms: -5}}\n") ==
        at + "1:37: error: 'quiet_ms' in resource 'api' must be at least 0, "
             "found -5\n"
             "  hint: durations are whole milliseconds, e.g. quiet_ms: 500");
}

TEST_CASE("a quiet_ms in a resource with a unit gets a hint in milliseconds",
          "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    cmd: x
    quiet_ms: 2s
)") == at + "4:15: error: 'quiet_ms' in resource 'api': expected a duration "
            "in whole milliseconds, found the string '2s'\n"
            "  hint: durations are whole milliseconds, without a unit: "
            "write quiet_ms: 2000");
}

TEST_CASE("a resource's quiet_ms longer than settings.watch.max_batch_ms is "
          "an error",
          "[config]") {
  CHECK(error_text(R"(
settings: {watch: {max_batch_ms: 1000}}
resources:
  api:
    cmd: x
    quiet_ms: 1500
)") == at + "5:15: error: 'quiet_ms' in resource 'api' (1500) must be at "
            "most settings.watch.max_batch_ms (1000)\n"
            "  hint: a batch waits quiet_ms for calm but never longer than "
            "max_batch_ms: lower quiet_ms or raise settings.watch."
            "max_batch_ms");
  CHECK(only_error("resources: {api: {cmd: x, quiet_ms: 10001}}\n").message ==
        "'quiet_ms' in resource 'api' (10001) must be at most "
        "settings.watch.max_batch_ms (10000)");
}

TEST_CASE("settings written after the resources still bound their quiet_ms",
          "[config]") {
  CHECK(only_error(R"(
resources: {api: {cmd: x, quiet_ms: 600}}
settings: {watch: {max_batch_ms: 500}}
)")
            .line == 1);
  CHECK(loaded(R"(
resources: {api: {cmd: x, quiet_ms: 600}}
settings: {watch: {max_batch_ms: 700}}
)")
            .find("api")
            ->quiet == 600ms);
}
