#include "runtime/config/image_checks.hpp"

#include "runtime/config/image_graph.hpp"
#include "runtime/config/suggest.hpp"
#include "runtime/path_match.hpp"

#include <algorithm>

namespace actordev::config {

namespace {

struct checker {
  const project_config& cfg;
  std::vector<config_error>& out;

  void error(position at, std::string message, std::string hint) {
    out.push_back(
        {cfg.path, at.line, at.column, std::move(message), std::move(hint)});
  }

  std::vector<std::string> image_names() const {
    std::vector<std::string> names;
    for (const auto& i : cfg.images)
      names.push_back(i.name);
    return names;
  }

  std::string unknown_hint(const std::string& name) const {
    auto hint = did_you_mean(name, image_names());
    return hint.empty() ? "define '" + shorten(name) + "' under images:" : hint;
  }
};

void check_from(checker& c) {
  for (const auto& img : c.cfg.images)
    for (const auto& dep : img.from)
      if (!c.cfg.find_image(dep.name))
        c.error(dep.position,
                "image '" + img.name + "' is built FROM '" + shorten(dep.name) +
                    "', which is not an image in this config",
                c.unknown_hint(dep.name));
}

enum class mark { unvisited, on_path, done };

/// Reports the first cycle through `from` reachable from image `i`.
bool find_cycle(checker& c, std::size_t i, std::vector<mark>& marks,
                std::vector<std::size_t>& path) {
  marks[i] = mark::on_path;
  path.push_back(i);
  for (const auto& dep : c.cfg.images[i].from) {
    const auto* next = c.cfg.find_image(dep.name);
    if (!next)
      continue;
    auto j = static_cast<std::size_t>(next - c.cfg.images.data());
    if (marks[j] == mark::on_path) {
      std::string cycle;
      bool in = false;
      for (auto n : path) {
        in = in || n == j;
        if (in)
          cycle += c.cfg.images[n].name + " -> ";
      }
      c.error(dep.position,
              "images are built FROM each other in a cycle: " + cycle +
                  c.cfg.images[j].name,
              "an image cannot be its own base; remove one 'from' entry of "
              "the cycle");
      return true;
    }
    if (marks[j] == mark::unvisited && find_cycle(c, j, marks, path))
      return true;
  }
  path.pop_back();
  marks[i] = mark::done;
  return false;
}

bool check_cycles(checker& c) {
  std::vector<mark> marks(c.cfg.images.size(), mark::unvisited);
  for (std::size_t i = 0; i < c.cfg.images.size(); ++i) {
    std::vector<std::size_t> path;
    if (marks[i] == mark::unvisited && find_cycle(c, i, marks, path))
      return false;
  }
  return true;
}

void check_containers(checker& c) {
  for (const auto& r : c.cfg.resources) {
    if (!r.container)
      continue;
    const auto* img = c.cfg.find_image(r.container->image);
    if (!img) {
      c.error(r.container->image_position,
              "resource '" + r.name + "' runs image '" +
                  shorten(r.container->image) +
                  "', which is not an image in this config",
              c.unknown_hint(r.container->image));
    } else if (img->kind == build_kind::docker) {
      c.error(r.container->image_position,
              "resource '" + r.name + "' runs image '" + img->name +
                  "' in the local container runtime, which runs folders, "
                  "but the image is a docker build",
              "drop 'docker' from the image (its build output is then a "
              "copy of its context), or build the folder with 'custom'");
    }
  }
}

bool runs_on_k8s(const local_resource& r, const std::string& image) {
  return r.k8s &&
         std::any_of(r.k8s->images.begin(), r.k8s->images.end(),
                     [&](const resource_dep& d) { return d.name == image; });
}

bool deployed(const project_config& cfg, const std::string& image) {
  return std::any_of(cfg.resources.begin(), cfg.resources.end(),
                     [&](const local_resource& r) {
                       return (r.container && r.container->image == image) ||
                              (r.compose && r.compose->image == image) ||
                              runs_on_k8s(r, image);
                     });
}

// Kubernetes runs Docker images too: each must be known, and not also run
// by the local container runtime.
void check_k8s(checker& c) {
  for (const auto& r : c.cfg.resources) {
    if (!r.k8s)
      continue;
    for (const auto& image : r.k8s->images) {
      const auto* img = c.cfg.find_image(image.name);
      if (!img) {
        c.error(image.position,
                "resource '" + r.name + "' runs image '" + shorten(image.name) +
                    "', which is not an image in this config",
                c.unknown_hint(image.name));
        continue;
      }
      for (const auto& other : c.cfg.resources)
        if (other.container && other.container->image == image.name) {
          c.error(image.position,
                  "image '" + image.name +
                      "' is run both by Kubernetes (resource '" + r.name +
                      "') and by the local container runtime (resource '" +
                      other.name + "'), which build it differently",
                  "give each runtime an image of its own");
          break;
        }
      if (img->live_update.restart_container)
        c.error(img->live_update.position,
                "restart_container in the live_update of image '" + img->name +
                    "' is not supported on Kubernetes (resource '" + r.name +
                    "' runs it): a pod's container cannot be restarted in "
                    "place",
                "remove it, and have the server reload its code (e.g. a "
                "file-watching dev server), or restart it from a run step");
    }
  }
}

// A compose service runs a Docker image: the image must be known, and not
// also run by the local container runtime, which builds it as a folder.
void check_compose(checker& c) {
  for (const auto& r : c.cfg.resources) {
    if (!r.compose || r.compose->image.empty())
      continue;
    const auto& name = r.compose->image;
    if (!c.cfg.find_image(name)) {
      c.error(r.compose->image_position,
              "resource '" + r.name + "' runs image '" + shorten(name) +
                  "', which is not an image in this config",
              c.unknown_hint(name));
      continue;
    }
    for (const auto& other : c.cfg.resources)
      if (other.container && other.container->image == name) {
        c.error(r.compose->image_position,
                "image '" + name +
                    "' is run both by docker compose (resource '" + r.name +
                    "') and by the local container runtime (resource '" +
                    other.name + "'), which build it differently",
                "give each runtime an image of its own");
        break;
      }
  }
}

bool under_any(const std::string& path, const std::vector<std::string>& roots) {
  return std::any_of(roots.begin(), roots.end(),
                     [&](const auto& root) { return path_under(path, root); });
}

std::string listed(const std::vector<std::string>& roots) {
  return join(roots, ", ");
}

void check_live_update(checker& c, const image_config& img) {
  const auto& lu = img.live_update;
  const std::string of = "the live_update of image '" + img.name + "'";
  if (lu.syncs.empty()) {
    c.error(lu.position,
            of + " has no sync step, so its other steps are unused: a live "
                 "update happens only when a changed file matches a sync",
            "add a sync step, e.g. - sync: {local: src, remote: /app/src}, "
            "or remove live_update");
    return;
  }
  if (!deployed(c.cfg, img.name))
    c.error(lu.position,
            of + " is unused: no resource runs image '" + img.name + "'",
            "run the image from a resource (container: {image: " + img.name +
                ", cmd: ...}, compose: {..., image: " + img.name +
                "} or k8s: {..., image: " + img.name +
                "}), or move the live_update to the image a resource runs");
  auto roots = watched_roots(c.cfg, img);
  for (const auto& s : lu.syncs)
    if (!under_any(s.local, roots))
      c.error(s.position,
              "sync of '" + s.local + "' in " + of +
                  " is outside what the image's build watches (" +
                  listed(roots) +
                  "): such files never reach the image, so they cannot be "
                  "synced into its container",
              "sync a path inside the image's context, or widen the context");
  for (const auto& f : lu.fall_back_on) {
    bool meets = std::any_of(roots.begin(), roots.end(), [&](const auto& r) {
      return path_under(f.path, r) || path_under(r, f.path);
    });
    if (!meets)
      c.error(f.position,
              "fall_back_on '" + f.path + "' in " + of +
                  " is an unused step: it is outside what the image's build "
                  "watches (" +
                  listed(roots) + "), so a change there never reaches it",
              "give a path inside the image's context, or remove it");
  }
  std::vector<std::string> synced;
  for (const auto& s : lu.syncs)
    synced.push_back(s.local);
  for (const auto& run : lu.runs)
    for (const auto& t : run.trigger)
      if (!under_any(t, synced))
        c.error(run.position,
                "trigger '" + t + "' of a run step in " + of +
                    " is not covered by any sync: a change to it causes a "
                    "full rebuild, never this run",
                "sync the trigger too, or remove it from the trigger list");
}

// `build_on: remote` needs a builder, and an image that a builder can
// make: the local container runtime's (a folder), not a Docker image.
void check_build_on(checker& c) {
  for (const auto& img : c.cfg.images) {
    if (img.build_on != build_place::remote)
      continue;
    if (c.cfg.builders.empty()) {
      c.error(img.build_on_position,
              "image '" + img.name + "' has build_on: remote, but no "
              "builders are configured",
              "list them under builders: [{address: HOST:PORT, tls: DIR}], "
              "or write build_on: any");
      continue;
    }
    bool docker = img.kind == build_kind::docker;
    for (const auto& r : c.cfg.resources)
      docker = docker || (r.compose && r.compose->image == img.name) ||
               runs_on_k8s(r, img.name);
    if (docker)
      c.error(img.build_on_position,
              "image '" + img.name + "' is a Docker image, which builds on "
              "this machine's Docker; build_on: remote is for images of the "
              "local container runtime",
              "drop build_on, or write build_on: local");
  }
}

// A local resource's `build_on`: its `cmd` goes to a builder with its
// `deps` as its files, so it needs builders (for `remote`), a `cmd`, and
// every file and its folder inside the project's folder.
void check_resource_build_on(checker& c) {
  auto inside = [&](const std::string& path) {
    return path == c.cfg.dir || path.rfind(c.cfg.dir + "/", 0) == 0;
  };
  for (const auto& r : c.cfg.resources) {
    if (r.build_on == build_place::local || r.container || r.compose || r.k8s)
      continue;
    auto where = "resource '" + r.name + "' has build_on: " +
                 (r.build_on == build_place::remote ? "remote" : "any");
    if (!r.cmd) {
      c.error(r.build_on_position, where + ", but no cmd to run there",
              "build_on says where cmd runs; serve_cmd always runs here");
      continue;
    }
    if (c.cfg.builders.empty() && r.build_on == build_place::remote) {
      c.error(r.build_on_position, where + ", but no builders are configured",
              "list them under builders: [{address: HOST:PORT, tls: DIR}], "
              "or write build_on: any");
      continue;
    }
    if (r.deps.empty()) {
      c.error(r.build_on_position, where + ", but no deps to send",
              "list the files and folders its cmd reads under deps: a "
              "builder gets those only");
      continue;
    }
    for (const auto& path : r.deps)
      if (!inside(path)) {
        c.error(r.build_on_position,
                where + ", but its deps entry " + path +
                    " lies outside the project's folder " + c.cfg.dir,
                "a builder gets the project's files only: move it inside, "
                "or write build_on: local");
        break;
      }
    // The command's folder must be among what is sent (or the top).
    auto sent = [&](const std::string& dir) {
      if (dir.empty() || dir == c.cfg.dir)
        return true;
      for (const auto& d : r.deps)
        if (dir == d || dir.rfind(d + "/", 0) == 0)
          return true;
      return false;
    };
    if (!sent(r.dir))
      c.error(r.build_on_position,
              where + ", but its dir " + r.dir +
                  " is not among its deps, so it would not exist on the "
                  "builder",
              "add the folder to deps, or run the command from the "
              "config's folder");
  }
}

} // namespace

std::vector<config_error> check_images(const project_config& cfg) {
  std::vector<config_error> out;
  checker c{cfg, out};
  check_from(c);
  if (!check_cycles(c))
    return out;
  check_containers(c);
  check_compose(c);
  check_k8s(c);
  check_build_on(c);
  check_resource_build_on(c);
  for (const auto& img : cfg.images)
    if (!img.live_update.empty() || !img.live_update.fall_back_on.empty() ||
        img.live_update.restart_container)
      check_live_update(c, img);
  return out;
}

} // namespace actordev::config
