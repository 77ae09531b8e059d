// Kubernetes resources end to end: the real actordev against a stand-in
// `kubectl` (and `docker`, for image builds) on PATH (tests/stand_ins/),
// which record every call and answer in kubectl 1.28's formats. What a
// user sees: the status lines, what was applied, and what actordev asked
// kubectl to do.
#include "session_fixture.hpp"
#include "stand_in_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>

using namespace actordev::test;

namespace {

/// The stand-in kubectl: its calls, less the watches and the cluster
/// checks, are the actions.
class kubectl_stand_in : public stand_in {
public:
  kubectl_stand_in()
      : stand_in("KUBECTL_STANDIN_STATE") {}
  std::string actions() const {
    return calls_without({"\"pods\", \"-w\"", "\"nodes\""});
  }
};

/// The stand-in docker, which builds the images.
class docker_stand_in : public stand_in {
public:
  docker_stand_in()
      : stand_in("DOCKER_STANDIN_STATE") {}
};

const std::string web_yaml = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: web
          ports: [{containerPort: 8000}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8000}]
)";

const std::string infra_yaml = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {PORT: "8000"}
)";

const std::string migrate_yaml = R"(apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: busybox, command: [true]}]
)";

/// A project whose resource web runs image web (a Deployment) and
/// live-updates it: `web/` synced to `/app`, then `more_steps` (YAML list
/// items, each line indented by 6 spaces).
void write_web_project(const temp_project& p,
                       const std::string& more_steps = {}) {
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("web/app.py", "v = 1\n");
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", R"(
images:
  web:
    context: web
    live_update:
      - sync: {local: web, remote: /app}
)" + more_steps + R"(resources:
  web: {k8s: {yaml: k8s/web.yaml, image: web}}
)");
}

/// The pods of the stand-in cluster, as files (pods/NS/POD.json).
std::vector<std::string> pod_files(const kubectl_stand_in& kubectl) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator
           it{kubectl.state() + "/pods", ec},
       end;
       !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json")
      out.push_back(it->path().stem().string());
  return out;
}

} // namespace

TEST_CASE("a Kubernetes resource is built, applied with its image and "
          "label, and ready once its pod goes Pending, Running, Ready",
          "[e2e][k8s]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  kubectl.set("hold_web");
  temp_project p;
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("k8s/web.yaml", web_yaml);
  p.write("k8s/infra.yaml", infra_yaml);
  p.write("actordev.yaml", R"(
images:
  web: {context: web}
k8s_yaml: k8s/infra.yaml
resources:
  web:
    k8s: {yaml: k8s/web.yaml, image: web}
)");
  running_actordev up{p, "up"};
  up.wait_for("uncategorized ● ready"); // a ConfigMap: ready once applied
  up.wait_for([&] { return !pod_files(kubectl).empty(); },
              "a pod of web to be created");
  up.wait_for("web           ● starting");
  CHECK(up.output().find("web           ● ready") == std::string::npos);
  kubectl.set("hold_web", false);
  up.wait_for("web           ● ready");

  // What was applied: the built ref, pulled if not present, and the label
  // pods are watched by.
  auto applied = read_text(p.dir() + "/.actordev/k8s/web.yaml");
  CHECK(applied.find("image: web:actordev-") != std::string::npos);
  CHECK(applied.find("imagePullPolicy: IfNotPresent") != std::string::npos);
  CHECK(applied.find("actordev.dev/resource: \"web\"") != std::string::npos);
  CHECK(applied.find("kind: Service") != std::string::npos);
  auto actions = kubectl.actions();
  auto uncategorized =
      actions.find(R"(["apply", "-f", ")" + p.dir() +
                   "/.actordev/k8s/uncategorized.yaml.next\"]");
  auto web = actions.find(R"(["apply", "-f", ")" + p.dir() +
                          "/.actordev/k8s/web.yaml.next\"]");
  REQUIRE(uncategorized != std::string::npos);
  REQUIRE(web != std::string::npos);
  CHECK(uncategorized < web); // uncategorized objects deploy first...
  // ...because web is held while they do.
  CHECK(up.output().find("web           ● waiting for uncategorized "
                         "Kubernetes objects to deploy") != std::string::npos);
  CHECK(kubectl.calls().find(R"(["get", "pods", "-w", "-o", "json", )"
                             R"("--output-watch-events", "-l", )"
                             R"("actordev.dev/resource=web"])") !=
        std::string::npos);
  CHECK(docker.calls().find(R"(["build", "-t", "web:actordev-)") !=
        std::string::npos);

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  // What was applied stays, as with Tilt: `down` deletes it.
  CHECK(kubectl.actions().find("\"delete\"") == std::string::npos);
}

TEST_CASE("a crash-looping pod is shown failing with its reason",
          "[e2e][k8s]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  kubectl.set("crash_web");
  temp_project p;
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", R"(
images:
  web: {context: web}
resources:
  web: {k8s: {yaml: k8s/web.yaml, image: web}}
)");
  running_actordev up{p, "up"};
  up.wait_for("web      ● failed: CrashLoopBackOff");
  CHECK(up.output().find("web      ● ready") == std::string::npos);
}

TEST_CASE("a job's pod that completed makes its resource succeeded",
          "[e2e][k8s]") {
  kubectl_stand_in kubectl;
  kubectl.set("complete_migrate");
  temp_project p;
  p.write("k8s/migrate.yaml", migrate_yaml);
  p.write("actordev.yaml", R"(
resources:
  migrate: {k8s: {yaml: k8s/migrate.yaml}}
)");
  running_actordev up{p, "up"};
  up.wait_for("migrate  ● succeeded");
}

TEST_CASE("Kubernetes resources wait while the cluster is unreachable and "
          "deploy when it comes back",
          "[e2e][k8s][cluster]") {
  kubectl_stand_in kubectl;
  kubectl.set("unreachable");
  temp_project p;
  p.write("k8s/migrate.yaml", migrate_yaml);
  p.write("actordev.yaml", R"(
resources:
  migrate: {k8s: {yaml: k8s/migrate.yaml}}
)");
  running_actordev up{p, "up"};
  up.wait_for("migrate  ● waiting for cluster default");
  up.wait_for([&] { return count_of(kubectl.calls(), "\"nodes\"") >= 2; },
              "kubectl get nodes to be asked again");
  CHECK(kubectl.actions().find("\"apply\"") == std::string::npos);
  kubectl.set("unreachable", false);
  up.wait_for("migrate  ● ready");
  CHECK(kubectl.actions().find("\"apply\"") != std::string::npos);
}

TEST_CASE("a pod's container is live-updated through a tar stream, rm -rf "
          "and exec",
          "[e2e][k8s][live-update]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  temp_project p;
  write_web_project(p, "      - run: {cmd: pip install -r "
                       "/app/requirements.txt, trigger: web/requirements.txt}\n"
                       "      - run: echo reloaded >> reloads.txt\n");
  p.write("web/old.py", "gone soon\n");
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  auto pods = pod_files(kubectl);
  REQUIRE(pods.size() == 1);
  const auto pod = pods.front();
  up.wait_watching(p.dir() + "/web");
  replace_file(p, "web/app.py", "v = 2\n");
  up.wait_for(" synced, 1 step run ("); // the editor's temporary counts
  CHECK(kubectl.file("fs/" + pod + "/app/app/app.py") == "v = 2\n");
  CHECK(kubectl.file("fs/" + pod + "/app/reloads.txt") == "reloaded\n");
  auto actions = kubectl.actions();
  CHECK(
      actions.find(R"(["exec", "-i", ")" + pod +
                   R"(", "-c", "app", "--", "tar", "-C", "/", "-xf", "-"])") !=
      std::string::npos);
  CHECK(actions.find("pip install") == std::string::npos); // not triggered
  CHECK(count_of(docker.calls(), "\"build\"") == 1);       // not rebuilt
  CHECK(count_of(actions, "\"apply\"") == 1);

  std::filesystem::remove(p.dir() + "/web/old.py");
  up.wait_for(
      [&] {
        return kubectl.actions().find(R"(", "-c", "app", "--", "rm", "-rf", )"
                                      R"("/app/old.py")") != std::string::npos;
      },
      "the deleted file to be deleted in the container");
}

TEST_CASE("a container without tar says so, and the change rebuilds",
          "[e2e][k8s][live-update]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  kubectl.set("notar");
  temp_project p;
  write_web_project(p);
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  up.wait_watching(p.dir() + "/web");
  replace_file(p, "web/app.py", "v = 2\n");
  up.wait_for("the container has no 'tar'");
  up.wait_for([&] { return count_of(docker.calls(), "\"build\"") == 2; },
              "a second image build");
  up.wait_for([&] { return count_of(kubectl.actions(), "\"apply\"") == 2; },
              "a second apply");
}

TEST_CASE("actordev down deletes what up applied, uncategorized last",
          "[e2e][k8s][down]") {
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("k8s/migrate.yaml", migrate_yaml);
  p.write("k8s/infra.yaml", infra_yaml);
  p.write("actordev.yaml", R"(
k8s_yaml: k8s/infra.yaml
resources:
  migrate: {k8s: {yaml: k8s/migrate.yaml}}
)");
  {
    running_actordev up{p, "up"};
    up.wait_for("migrate       ● ready");
    REQUIRE_FALSE(kubectl.file("objects/default/Job/migrate.yaml").empty());
    up.signal(SIGKILL);
    up.wait_exit();
  }
  auto down = p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK(down.output.find("deleted the Kubernetes objects of migrate\n"
                         "deleted the Kubernetes objects of uncategorized") !=
        std::string::npos);
  CHECK(kubectl.actions().find(R"(["delete", "-f", ")" + p.dir() +
                               "/.actordev/k8s/migrate.yaml\", "
                               "\"--ignore-not-found\", \"--wait=false\"]") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/.actordev/k8s/migrate.yaml"));
  // Gone from the cluster, the ConfigMap of uncategorized too.
  CHECK(kubectl.file("objects/default/Job/migrate.yaml").empty());
  CHECK(kubectl.file("objects/default/ConfigMap/settings.yaml").empty());
}

TEST_CASE("bad Kubernetes YAML stops up with the YAML file's line",
          "[e2e][k8s][config]") {
  temp_project p;
  p.write("k8s/web.yaml", "kind: Deployment\nmetadata: {name: [\n");
  p.write("actordev.yaml", "resources:\n  web: {k8s: {yaml: k8s/web.yaml}}\n");
  auto up = p.actordev("up");
  CHECK(up.exit_code != 0);
  CHECK(up.output.find(p.dir() + "/k8s/web.yaml:") != std::string::npos);
  CHECK(up.output.find("error: invalid YAML") != std::string::npos);
  CHECK(up.output.find("nothing was started") != std::string::npos);
}

TEST_CASE("an edit of a resource's YAML reapplies it", "[e2e][k8s][reload]") {
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("k8s/migrate.yaml", migrate_yaml);
  p.write("actordev.yaml", R"(
resources:
  migrate: {k8s: {yaml: k8s/migrate.yaml}}
)");
  running_actordev up{p, "up"};
  up.wait_for("migrate  ● ready");
  up.wait_watching(p.dir() + "/k8s");
  auto edited = migrate_yaml;
  edited.replace(edited.find("command: [true]"), 15, "command: [date]");
  replace_file(p, "k8s/migrate.yaml", edited);
  // A Job's pod template is immutable: it is deleted and created anew.
  up.wait_for("an immutable field changed: replacing the objects");
  up.wait_for("job.batch/migrate replaced");
  up.wait_for([&] { return count_of(up.output(), "migrate  ● ready") == 2; },
              "the new job's pod to be ready");
  CHECK(read_text(p.dir() + "/.actordev/k8s/migrate.yaml").find("date") !=
        std::string::npos);
  CHECK(count_of(kubectl.actions(), "\"apply\"") == 2);
  CHECK(count_of(kubectl.actions(), "\"replace\", \"--force\"") == 1);
}

TEST_CASE("actordev ci ends once the Kubernetes resources are ready",
          "[e2e][k8s][ci]") {
  kubectl_stand_in kubectl;
  kubectl.set("complete_migrate");
  temp_project p;
  p.write("k8s/migrate.yaml", migrate_yaml);
  p.write("k8s/infra.yaml", infra_yaml);
  p.write("actordev.yaml", R"(
k8s_yaml: k8s/infra.yaml
resources:
  migrate: {k8s: {yaml: k8s/migrate.yaml}}
)");
  auto ci = p.actordev("ci --timeout 60s");
  CHECK(ci.exit_code == 0);
  CHECK(ci.output.find("migrate       ● succeeded") != std::string::npos);
  CHECK(ci.output.find("uncategorized ● ready") != std::string::npos);
}

TEST_CASE("each up builds a ref of its own, so the pods run the new image",
          "[e2e][k8s]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", R"(
images:
  web: {context: web}
resources:
  web: {k8s: {yaml: k8s/web.yaml, image: web}}
)");
  auto applied_ref = [&] {
    auto text = read_text(p.dir() + "/.actordev/k8s/web.yaml");
    auto at = text.find("image: web:actordev-");
    return at == std::string::npos ? std::string{}
                                   : text.substr(at, text.find('\n', at) - at);
  };
  std::string first;
  for (int run = 0; run < 2; ++run) {
    running_actordev up{p, "up"};
    up.wait_for("web      ● ready");
    if (run == 0)
      first = applied_ref();
    up.signal(SIGTERM);
    CHECK(up.wait_exit() == 0);
  }
  REQUIRE_FALSE(first.empty());
  CHECK(applied_ref() != first);
  CHECK(kubectl.file("objects/default/Deployment/web.yaml")
            .find(applied_ref().substr(7)) != std::string::npos);
}

TEST_CASE("while a redeploy rolls out, changes wait for the new pod instead "
          "of going to the old one",
          "[e2e][k8s][live-update]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  temp_project p;
  write_web_project(p);
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  auto pods = pod_files(kubectl);
  REQUIRE(pods.size() == 1);
  const auto old_pod = pods.front();
  // A new template (another port): the new pod is held Pending, the old
  // one keeps running, as in a rolling update.
  kubectl.set("hold_web");
  up.wait_watching(p.dir() + "/k8s");
  auto edited = web_yaml;
  edited.replace(edited.find("8000"), 4, "8001");
  replace_file(p, "k8s/web.yaml", edited);
  up.wait_for("deployment.apps/web configured");
  up.wait_for([&] { return pod_files(kubectl).size() == 2; },
              "the new pod next to the old one");
  up.wait_for([&] { return count_of(up.output(), "web      ● starting") >= 2; },
              "web to be shown starting again, not ready from the old pod");
  up.wait_watching(p.dir() + "/web");
  replace_file(p, "web/app.py", "v = 2\n");
  up.wait_for("live update: waiting for web's container to start");
  std::string new_pod;
  for (const auto& pod : pod_files(kubectl))
    if (pod != old_pod)
      new_pod = pod;
  REQUIRE_FALSE(new_pod.empty());
  kubectl.set("hold_web", false);
  up.wait_for(
      [&] {
        return kubectl.file("fs/" + new_pod + "/app/app/app.py") == "v = 2\n";
      },
      "the change to be synced into the new pod");
  up.wait_for(" synced, 0 steps run ("); // reported as a live update
  CHECK(kubectl.file("fs/" + old_pod + "/app/app/app.py").empty());
  // Once the old pod is gone, web stays ready on the new one.
  up.wait_for([&] { return pod_files(kubectl).size() == 1; },
              "the old pod to be gone");
  up.wait_for(
      [&] {
        auto out = up.output();
        auto last = out.rfind("web      ● ");
        return last != std::string::npos &&
               out.compare(last, 18, "web      ● ready") == 0;
      },
      "web to be shown ready last");
}

TEST_CASE("an object taken out of a resource's YAML is deleted from the "
          "cluster",
          "[e2e][k8s][reload]") {
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", "resources:\n  web: {k8s: {yaml: k8s/web.yaml}}\n");
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  REQUIRE_FALSE(kubectl.file("objects/default/Service/web.yaml").empty());
  up.wait_watching(p.dir() + "/k8s");
  replace_file(p, "k8s/web.yaml", web_yaml.substr(0, web_yaml.find("---")));
  up.wait_for("deleting 1 object no longer in its config");
  up.wait_for("service \"web\" deleted");
  CHECK(kubectl.file("objects/default/Service/web.yaml").empty());
  CHECK_FALSE(kubectl.file("objects/default/Deployment/web.yaml").empty());
}

TEST_CASE("two images of one resource are live-updated in turn by one save",
          "[e2e][k8s][live-update]") {
  docker_stand_in docker;
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("lib/Dockerfile", "FROM python:3.12\n");
  p.write("lib/shared.py", "v = 1\n");
  p.write("k8s/app.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - {name: web, image: web}
        - {name: worker, image: worker}
)");
  p.write("actordev.yaml", R"(
images:
  web:
    context: lib
    live_update: [{sync: {local: lib, remote: /web}}]
  worker:
    context: lib
    live_update: [{sync: {local: lib, remote: /worker}}]
resources:
  app: {k8s: {yaml: k8s/app.yaml, image: [web, worker]}}
)");
  running_actordev up{p, "up"};
  up.wait_for("app      ● ready");
  auto pods = pod_files(kubectl);
  REQUIRE(pods.size() == 1);
  up.wait_watching(p.dir() + "/lib");
  replace_file(p, "lib/shared.py", "v = 2\n");
  up.wait_for(
      [&] {
        return kubectl.file("fs/" + pods[0] + "/web/web/shared.py") ==
                   "v = 2\n" &&
               kubectl.file("fs/" + pods[0] + "/worker/worker/shared.py") ==
                   "v = 2\n";
      },
      "both containers to get the change");
  up.wait_for([&] { return count_of(up.output(), "live update: ") >= 2; },
              "two live updates");
  CHECK(up.output().find("rebuilding") == std::string::npos);
  CHECK(count_of(docker.calls(), "\"build\"") == 2); // one per image
}

TEST_CASE("a custom build that writes no ref fails, even with an earlier "
          "build's ref file still there",
          "[e2e][k8s][images]") {
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("web/build.sh", "true\n");
  p.write("web/ref.txt", "web:from-an-earlier-build\n");
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", R"(
images:
  web:
    custom: {command: sh web/build.sh, deps: [web], outputs_image_ref_to: web/ref.txt}
resources:
  web: {k8s: {yaml: k8s/web.yaml, image: web}}
)");
  running_actordev up{p, "up"};
  up.wait_for("the custom build wrote no image ref to '" + p.dir() +
              "/web/ref.txt'");
  CHECK(kubectl.actions().find("\"apply\"") == std::string::npos);
}

TEST_CASE("a failed apply is not recorded as applied: the next deploy still "
          "deletes what was taken out",
          "[e2e][k8s][reload]") {
  kubectl_stand_in kubectl;
  temp_project p;
  p.write("k8s/web.yaml", web_yaml);
  p.write("actordev.yaml", "resources:\n  web: {k8s: {yaml: k8s/web.yaml}}\n");
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  up.wait_watching(p.dir() + "/k8s");
  kubectl.set("apply_fails");
  const auto without_service = web_yaml.substr(0, web_yaml.find("---"));
  replace_file(p, "k8s/web.yaml", without_service);
  up.wait_for("kubectl apply failed");
  // The record still holds the Service, which is still in the cluster.
  CHECK(read_text(p.dir() + "/.actordev/k8s/web.yaml").find("kind: Service") !=
        std::string::npos);
  CHECK_FALSE(kubectl.file("objects/default/Service/web.yaml").empty());
  kubectl.set("apply_fails", false);
  auto edited = without_service;
  edited.replace(edited.find("8000"), 4, "8001"); // a change to deploy
  replace_file(p, "k8s/web.yaml", edited);
  up.wait_for("service \"web\" deleted");
  CHECK(kubectl.file("objects/default/Service/web.yaml").empty());
  // Recorded once deleted (the record is written after the delete).
  up.wait_for(
      [&] {
        return read_text(p.dir() + "/.actordev/k8s/web.yaml")
                   .find("kind: Service") == std::string::npos;
      },
      "the record to lose the Service");
}
