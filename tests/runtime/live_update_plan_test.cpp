// What a live update does about changed files: the examples of Tilt's
// live update reference (../shared/seeds/live-update-reference.txt), then
// deletions, fall_back_on, several images and odd remote paths.
#include "runtime/live_update_plan.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <utility>

using namespace actordev;
using action = live_update_plan::action;

namespace {

msg::LiveUpdateSpec
spec(std::initializer_list<std::pair<const char*, const char*>> syncs,
     std::initializer_list<std::vector<std::string>> run_triggers = {},
     std::vector<std::string> fall_back_on = {}) {
  msg::LiveUpdateSpec out;
  for (const auto& f : fall_back_on)
    out.add_fall_back_on(f);
  for (const auto& [local, remote] : syncs) {
    auto* s = out.add_syncs();
    s->set_local(local);
    s->set_remote(remote);
  }
  int k = 0;
  for (const auto& triggers : run_triggers) {
    auto* r = out.add_runs();
    r->set_cmd("step " + std::to_string(k++));
    for (const auto& t : triggers)
      r->add_trigger(t);
  }
  return out;
}

std::vector<changed_file> changed(std::initializer_list<const char*> paths) {
  std::vector<changed_file> out;
  for (const auto* p : paths)
    out.push_back({p, true});
  return out;
}

} // namespace

TEST_CASE("a change is synced, rebuilt or ignored by where it is, as in "
          "Tilt's reference",
          "[live_update]") {
  // docker_build('my-img', './server', live_update=[
  //     sync('./server/src', '/app'),
  //     sync('./server/package.json', '/app/web/package.json')])
  auto lu = spec({{"/p/server/src", "/app"},
                  {"/p/server/package.json", "/app/web/package.json"}});
  std::vector<std::string> context = {"/p/server"};

  auto a = plan_live_update(lu, context, changed({"/p/server/src/A.txt"}));
  CHECK(a.what == action::live_update);
  CHECK(a.copies ==
        std::vector<file_copy>{{"/p/server/src/A.txt", "/app/A.txt"}});

  auto pkg = plan_live_update(lu, context, changed({"/p/server/package.json"}));
  CHECK(pkg.what == action::live_update);
  CHECK(pkg.copies == std::vector<file_copy>{
                          {"/p/server/package.json", "/app/web/package.json"}});

  auto other =
      plan_live_update(lu, context, changed({"/p/server/some_file.txt"}));
  CHECK(other.what == action::full_rebuild);
  CHECK(other.why == "/p/server/some_file.txt is watched by the build but no "
                     "sync covers it");

  auto outside = plan_live_update(lu, context, changed({"/p/stuff.txt"}));
  CHECK(outside.what == action::nothing);
  CHECK(outside.copies.empty());
}

TEST_CASE("run steps run when they have no trigger or a changed file meets "
          "one, in order",
          "[live_update]") {
  // docker_build('my-img', '.', live_update=[
  //     sync('./src', '/app'),
  //     run('/app/setup.sh'),
  //     run('cd /app/web && yarn install', trigger='./src/web/yarn.lock'),
  //     run('/app/run_configs.sh',
  //         trigger=['./configs/foo.yaml', './configs/bar.yaml'])])
  auto lu = spec({{"/p/src", "/app"}},
                 {{},
                  {"/p/src/web/yarn.lock"},
                  {"/p/configs/foo.yaml", "/p/configs/bar.yaml"}});
  std::vector<std::string> context = {"/p"};

  auto main = plan_live_update(lu, context, changed({"/p/src/main.py"}));
  CHECK(main.what == action::live_update);
  CHECK(main.runs == std::vector<std::size_t>{0});

  auto lock = plan_live_update(lu, context, changed({"/p/src/web/yarn.lock"}));
  CHECK(lock.what == action::live_update);
  CHECK(lock.copies ==
        std::vector<file_copy>{{"/p/src/web/yarn.lock", "/app/web/yarn.lock"}});
  CHECK(lock.runs == std::vector<std::size_t>{0, 1});

  // A trigger is no sync: a file that only meets a trigger rebuilds.
  auto config = plan_live_update(lu, context, changed({"/p/configs/foo.yaml"}));
  CHECK(config.what == action::full_rebuild);
  CHECK(config.runs.empty());

  // One synced change and one the build does not watch: the latter is
  // left out, runs included.
  auto both = plan_live_update(lu, {"/p/src"},
                               changed({"/p/src/web/yarn.lock", "/p/README"}));
  CHECK(both.what == action::live_update);
  CHECK(both.copies.size() == 1);
  CHECK(both.runs == std::vector<std::size_t>{0, 1});
}

TEST_CASE("a change under fall_back_on rebuilds even where a sync covers it",
          "[live_update]") {
  auto lu = spec({{"/p/src", "/app"}}, {{}}, {"/p/src/requirements.txt"});
  auto p = plan_live_update(
      lu, {"/p"}, changed({"/p/src/main.py", "/p/src/requirements.txt"}));
  CHECK(p.what == action::full_rebuild);
  CHECK(p.why == "/p/src/requirements.txt matches fall_back_on "
                 "/p/src/requirements.txt");
  CHECK(p.copies.empty());
  CHECK(p.runs.empty());
  // A path that only starts like it is not under it.
  auto near =
      plan_live_update(lu, {"/p"}, changed({"/p/src/requirements.txt2"}));
  CHECK(near.what == action::live_update);
}

TEST_CASE("deleted files are deleted at their remote paths and restart is "
          "passed on",
          "[live_update]") {
  auto lu = spec({{"/p/src", "/app/"}, {"/p/src/static", "/srv/static"}});
  lu.set_restart_container(true);
  std::vector<changed_file> changes = {{"/p/src/old.py", false},
                                       {"/p/src/static/logo.png", true},
                                       {"/p/src/static/gone.css", false}};
  auto p = plan_live_update(lu, {"/p/src"}, changes);
  CHECK(p.what == action::live_update);
  // A file under two syncs goes to both places.
  CHECK(p.copies == std::vector<file_copy>{
                        {"/p/src/static/logo.png", "/app/static/logo.png"},
                        {"/p/src/static/logo.png", "/srv/static/logo.png"}});
  CHECK(p.deletions == std::vector<std::string>{"/app/old.py",
                                                "/app/static/gone.css",
                                                "/srv/static/gone.css"});
  CHECK(p.restart);
}

TEST_CASE("syncs may take files from the context of an image built FROM",
          "[live_update]") {
  // server1 is built FROM common: both contexts are watched for it.
  auto lu = spec({{"/p/common/lib", "/app/lib"}, {"/p/server1/src", "/app"}});
  std::vector<std::string> watched = {"/p/server1", "/p/common"};
  auto p = plan_live_update(
      lu, watched,
      changed({"/p/common/lib/util.py", "/p/server1/src/main.py"}));
  CHECK(p.what == action::live_update);
  CHECK(p.copies ==
        std::vector<file_copy>{{"/p/common/lib/util.py", "/app/lib/util.py"},
                               {"/p/server1/src/main.py", "/app/main.py"}});
  auto base_only =
      plan_live_update(lu, watched, changed({"/p/common/Dockerfile"}));
  CHECK(base_only.what == action::full_rebuild);
}

TEST_CASE("remote paths are joined with one slash", "[live_update]") {
  msg::SyncStep to_root;
  to_root.set_local("/p/src");
  to_root.set_remote("/");
  CHECK(remote_path(to_root, "/p/src/a/b.py") == "/a/b.py");
  CHECK(remote_path(to_root, "/p/src") == "/");
  msg::SyncStep file;
  file.set_local("/p/package.json");
  file.set_remote("/app/package.json");
  CHECK(remote_path(file, "/p/package.json") == "/app/package.json");
  msg::SyncStep slashes;
  slashes.set_local("/p/src");
  slashes.set_remote("/app//");
  CHECK(remote_path(slashes, "/p/src/x") == "/app/x");
  // A local path written with a slash at its end is the same folder.
  msg::SyncStep local_slashes;
  local_slashes.set_local("/p/src//");
  local_slashes.set_remote("/app");
  CHECK(remote_path(local_slashes, "/p/src/a.txt") == "/app/a.txt");
  CHECK(remote_path(local_slashes, "/p/src") == "/app");
  auto lu = spec({{"/p/src/", "/app"}});
  auto p = plan_live_update(lu, {"/p"}, {{"/p/src", false}});
  CHECK(p.deletions == std::vector<std::string>{"/app"});
}

TEST_CASE("no changes, or none watched, plan nothing", "[live_update]") {
  auto lu = spec({{"/p/src", "/app"}}, {{}});
  auto none = plan_live_update(lu, {"/p"}, {});
  CHECK(none.what == action::nothing);
  CHECK(none.runs.empty());
  auto elsewhere = plan_live_update(lu, {"/p"}, changed({"/q/src/x"}));
  CHECK(elsewhere.what == action::nothing);
  CHECK_FALSE(elsewhere.restart);
}
