// The `images:` section and `container:` resources: what loads, and the
// errors of each key.
#include "config_fixture.hpp"

#include "runtime/config/config_messages.hpp"

using namespace actordev;
using namespace actordev::config;
using namespace actordev::config::test;

TEST_CASE("an image reads its context, filters, bases and build",
          "[config][images]") {
  auto cfg = loaded(R"(
images:
  base:
    context: base
  web:
    context: web
    ignore: ['**/*.pyc']
    only: [app, requirements.txt]
    from: base
  api:
    context: api
    docker:
      dockerfile: api/Dockerfile.dev
      target: dev
      build_args: {PY: "3.11"}
  tool:
    custom:
      command: ./build.sh
      deps: [tool/src]
      outputs_image_ref_to: out/ref.txt
resources:
  w: {container: {image: web, cmd: python3 server.py}}
)");
  REQUIRE(cfg.images.size() == 4);
  const auto& web = cfg.images[1];
  CHECK(web.name == "web");
  CHECK(web.position == position{4, 3});
  CHECK(web.context == "/home/dev/shop/web");
  CHECK(web.ignore == std::vector<std::string>{"/home/dev/shop/web/**/*.pyc"});
  CHECK(web.only == std::vector<std::string>{"/home/dev/shop/web/app",
                                             "/home/dev/shop/web/"
                                             "requirements.txt"});
  REQUIRE(web.from.size() == 1);
  CHECK(web.from[0].name == "base");
  CHECK(web.kind == build_kind::default_build);
  CHECK(web.watched() == web.only);

  const auto& api = cfg.images[2];
  CHECK(api.kind == build_kind::docker);
  CHECK(api.docker.dockerfile == "/home/dev/shop/api/Dockerfile.dev");
  CHECK(api.docker.target == "dev");
  CHECK(api.docker.build_args ==
        std::vector<std::pair<std::string, std::string>>{{"PY", "3.11"}});

  const auto& tool = cfg.images[3];
  CHECK(tool.context == "/home/dev/shop");
  CHECK(tool.kind == build_kind::custom);
  CHECK(tool.custom.cmd.shell == "./build.sh");
  CHECK(tool.custom.deps ==
        std::vector<std::string>{"/home/dev/shop/tool/src"});
  CHECK(tool.custom.outputs_image_ref_to == "/home/dev/shop/out/ref.txt");
  CHECK(tool.watched() == tool.custom.deps);

  const auto& w = *cfg.find("w");
  REQUIRE(w.container);
  CHECK(w.container->image == "web");
  CHECK(w.container->cmd.shell == "python3 server.py");
}

TEST_CASE("a docker build defaults to the Dockerfile in its context",
          "[config][images]") {
  auto cfg = loaded("images: {api: {context: api, docker: {}}}\n");
  CHECK(cfg.images[0].docker.dockerfile == "/home/dev/shop/api/Dockerfile");
}

TEST_CASE("a container resource becomes a container manifest with its "
          "images, bases first",
          "[config][images]") {
  auto cfg = loaded(R"(
images:
  web: {context: web, from: [mid]}
  mid: {context: mid, from: base}
  base: {context: base}
resources:
  w: {container: {image: web, cmd: ./run}}
)");
  auto loaded_event = to_config_loaded(cfg);
  REQUIRE(loaded_event.manifests_size() == 1);
  const auto& m = loaded_event.manifests(0);
  CHECK(m.type() == msg::MANIFEST_CONTAINER);
  CHECK(std::vector<std::string>(m.images().begin(), m.images().end()) ==
        std::vector<std::string>{"base", "mid", "web"});
  REQUIRE(loaded_event.images_size() == 3);
  CHECK(loaded_event.images(0).name() == "web");
  CHECK(loaded_event.images(0).image_deps(0) == "mid");
}

TEST_CASE("a change to an image's build changes the hash of the resources "
          "that run it",
          "[config][images]") {
  auto hash = [](std::string_view text) {
    auto cfg = loaded(text);
    return to_config_loaded(cfg).manifests(0).config_hash();
  };
  const auto plain = hash(R"(
images: {web: {context: web}}
resources: {w: {container: {image: web, cmd: ./run}}}
)");
  CHECK(plain == hash(R"(
images: {web: {context: web, live_update: [{sync: {local: web, remote: /}}]}}
resources: {w: {container: {image: web, cmd: ./run}}}
)"));
  CHECK(plain != hash(R"(
images: {web: {context: web, ignore: ['*.log']}}
resources: {w: {container: {image: web, cmd: ./run}}}
)"));
  CHECK(plain != hash(R"(
images: {web: {context: web}}
resources: {w: {container: {image: web, cmd: ./run2}}}
)"));
  CHECK(plain != hash(R"(
images: {web: {context: web, from: base}, base: {context: base}}
resources: {w: {container: {image: web, cmd: ./run}}}
)"));
}

TEST_CASE("image names must be usable as repository names",
          "[config][images]") {
  for (auto name : {"Web", "web:1", "../x", "a//b", "/web", ".hidden"}) {
    INFO(name);
    auto e = only_error(std::string{"images:\n  '"} + name + "': {}\n");
    CHECK(e.line == 2);
    CHECK(e.message.find("is not valid") != std::string::npos);
  }
  CHECK(loaded("images: {team/web-2.x_y: {}}\n").images.size() == 1);
}

TEST_CASE("an image's keys are checked", "[config][images]") {
  CHECK(error_text("images:\n  web: {contxt: .}\n") ==
        at + "2:9: error: unknown key 'contxt' in image 'web'; expected one "
             "of: context, ignore, only, from, docker, custom, live_update, "
             "build_on\n"
             "  hint: did you mean 'context'?");
  CHECK(errors_text("images:\n  web: {docker: {}, custom: {}}\n")
            .find("has both 'docker' and 'custom'") != std::string::npos);
  CHECK(error_text("images:\n  web: {custom: {command: make}}\n") ==
        at + "2:9: error: the custom build of image 'web' needs 'deps'\n"
             "  hint: write custom: {command: ./build.sh, deps: [src]}; the "
             "command builds $EXPECTED_REF and deps are the files it reads");
  CHECK(error_text("images:\n  web: {docker: {dockerfil: x}}\n")
            .find("did you mean 'dockerfile'?") != std::string::npos);
  CHECK(error_text("images:\n  web: [a]\n")
            .find("expected a map of keys, found a list") != std::string::npos);
  CHECK(error_text("images:\n  web: {from: web}\n")
            .find("image 'web' is built FROM itself") != std::string::npos);
}

TEST_CASE("a container resource needs an image and a cmd, and takes no "
          "command keys",
          "[config][images]") {
  const std::string image = "images: {web: {}}\n";
  CHECK(error_text(image + "resources:\n  w: {container: {image: web}}\n") ==
        at + "3:7: error: the container of resource 'w' needs 'cmd'\n"
             "  hint: write container: {image: web, cmd: ./server}");
  CHECK(error_text(image + "resources:\n  w:\n    container: {image: web, "
                           "cmd: ./s}\n    deps: [src]\n") ==
        at + "5:5: error: 'deps' in resource 'w' applies only to a resource "
             "that runs commands on this machine; this one runs a "
             "container\n"
             "  hint: an image's files are watched through its context: set "
             "'context' and 'ignore' on the image");
  CHECK(error_text(image + "resources:\n  w:\n    container: {image: web, "
                           "cmd: ./s}\n    serve_cmd: ./s\n")
            .find("'serve_cmd' in resource 'w' applies only") !=
        std::string::npos);
  auto cfg = loaded(image + "resources:\n  w:\n    container: {image: web, "
                            "cmd: ./s}\n    restart: always\n    env: {A: "
                            "b}\n");
  CHECK(cfg.resources[0].restart == restart_policy::always);
}

TEST_CASE("a container resource must run an image it can run",
          "[config][images]") {
  CHECK(error_text("images: {web: {}}\nresources:\n  w: {container: {image: "
                   "wbe, cmd: ./s}}\n") ==
        at + "3:26: error: resource 'w' runs image 'wbe', which is not an "
             "image in this config\n"
             "  hint: did you mean 'web'?");
  CHECK(error_text("images: {web: {docker: {}}}\nresources:\n  w: "
                   "{container: {image: web, cmd: ./s}}\n") ==
        at + "3:26: error: resource 'w' runs image 'web' in the local "
             "container runtime, which runs folders, but the image is a "
             "docker build\n"
             "  hint: drop 'docker' from the image (its build output is then "
             "a copy of its context), or build the folder with 'custom'");
}

TEST_CASE("images built FROM unknown images or in a cycle are errors",
          "[config][images]") {
  CHECK(error_text("images:\n  web: {from: bsae}\n  base: {}\n") ==
        at + "2:15: error: image 'web' is built FROM 'bsae', which is not an "
             "image in this config\n"
             "  hint: did you mean 'base'?");
  CHECK(error_text("images:\n  a: {from: b}\n  b: {from: c}\n  c: {from: "
                   "a}\n") ==
        at + "4:13: error: images are built FROM each other in a cycle: a "
             "-> b -> c -> a\n"
             "  hint: an image cannot be its own base; remove one 'from' "
             "entry of the cycle");
}

TEST_CASE("a compose resource names its file, service and image",
          "[config][images][compose]") {
  auto cfg = loaded(R"(
images: {web: {context: web, docker: {}}, base: {context: base}}
resources:
  shop-web: {compose: {file: docker-compose.yml, service: web, image: web}}
  db: {compose: {file: docker-compose.yml, service: db}}
)");
  const auto& r = cfg.resources[0];
  REQUIRE(r.compose);
  CHECK(r.compose->file == "/home/dev/shop/docker-compose.yml");
  CHECK(r.compose->service == "web");
  CHECK(r.compose->image == "web");
  auto ev = to_config_loaded(cfg);
  CHECK(ev.manifests(0).type() == msg::MANIFEST_COMPOSE);
  CHECK(ev.manifests(0).cluster() == "docker");
  CHECK(ev.manifests(0).images_size() == 1);
  CHECK(ev.manifests(1).images_size() == 0);
}

TEST_CASE("a compose resource's errors", "[config][images][compose]") {
  CHECK(error_text("resources:\n  w: {compose: {service: web}}\n") ==
        at + "2:7: error: the compose of resource 'w' needs 'file'\n"
             "  hint: write compose: {file: docker-compose.yml, service: web}");
  CHECK(error_text("resources:\n  w:\n    compose: {file: c.yml, service: "
                   "web}\n    restart: always\n") ==
        at + "4:5: error: 'restart' in resource 'w' does not apply to a "
             "docker compose service\n"
             "  hint: set 'restart:' on the service in the compose file");
  CHECK(error_text("resources:\n  w:\n    compose: {file: c.yml, service: "
                   "web}\n    readiness_probe: {tcp_socket: {port: 1}}\n")
            .find("healthy is ready") != std::string::npos);
  CHECK(error_text("resources:\n  w:\n    compose: {file: c.yml, service: "
                   "web}\n    cmd: make\n")
            .find("this one is a docker compose service") != std::string::npos);
  CHECK(error_text("images: {web: {}}\nresources:\n  w: {compose: {file: "
                   "c.yml, service: web, image: wb}}\n")
            .find("runs image 'wb', which is not an image in this config") !=
        std::string::npos);
  CHECK(error_text(R"(
images: {web: {}}
resources:
  a: {compose: {file: c.yml, service: web, image: web}}
  b: {container: {image: web, cmd: ./run}}
)") == at + "3:51: error: image 'web' is run both by docker compose "
            "(resource 'a') and by the local container runtime (resource "
            "'b'), which build it differently\n"
            "  hint: give each runtime an image of its own");
}
