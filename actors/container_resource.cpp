#include "actors/container_resource.hpp"

#include "runtime/config/config_hash.hpp"
#include "runtime/config/config_messages.hpp"
#include "runtime/config/image_graph.hpp"
#include "runtime/path_match.hpp"
#include "runtime/watch/glob.hpp"

#include <algorithm>

namespace actordev {

namespace {

std::string state_dir(const config::project_config& cfg) {
  return (cfg.dir == "/" ? std::string{} : cfg.dir) + "/.actordev";
}

} // namespace

bool container_resource::operator==(const container_resource& o) const {
  if (!(resource == o.resource) || root != o.root ||
      images.size() != o.images.size())
    return false;
  for (std::size_t i = 0; i < images.size(); ++i)
    if (!(images[i].config == o.images[i].config))
      return false;
  return true;
}

container_ptr make_container_resource(const config::project_config& cfg,
                                      const config::local_resource& r) {
  auto out = std::make_shared<container_resource>();
  out->resource = r;
  out->work_dir = cfg.dir;
  const auto base = state_dir(cfg);
  out->state_dir = base;
  out->root = base + "/containers/" + r.name;
  // One folder level per image, whatever its name: '/' becomes "%2F" and
  // the stamp takes "%stamp" ('%' is in no image name), so "team" and
  // "team/web", or "web" and "web.stamp", never share a path.
  auto dir_of = [&](const std::string& name) {
    std::string flat;
    for (char ch : name)
      flat += ch == '/' ? std::string{"%2F"} : std::string(1, ch);
    return base + "/images/" + flat;
  };
  for (const auto& name : config::images_run(r)) {
    const auto* img = cfg.find_image(name);
    if (!img)
      continue;
    for (const auto* step : config::build_order(cfg, *img)) {
      auto same = [&](const container_image& c) {
        return c.config.name == step->name;
      };
      if (std::any_of(out->images.begin(), out->images.end(), same))
        continue;
      container_image ci;
      ci.config = *step;
      ci.fingerprint = config::config_hash(config::canonical_form(*step));
      ci.dir = dir_of(step->name);
      ci.stamp = ci.dir + "%stamp";
      for (const auto& dep : step->from)
        ci.from.push_back(dir_of(dep.name));
      out->images.push_back(std::move(ci));
    }
  }
  return out;
}

std::function<bool(const std::string& path, bool is_dir)>
image_copy_filter(const config::image_config& image,
                  const std::string& state_dir) {
  std::vector<watch::glob> ignore;
  for (const auto& pattern : image.ignore)
    if (auto g = watch::glob::compile(pattern))
      ignore.push_back(std::move(g).value());
  auto only = image.only;
  return [ignore = std::move(ignore), only = std::move(only),
          state_dir](const std::string& path, bool is_dir) {
    if (path_under(path, state_dir))
      return false;
    if (std::any_of(ignore.begin(), ignore.end(),
                    [&](const auto& g) { return g.covers(path); }))
      return false;
    if (only.empty())
      return true;
    return std::any_of(only.begin(), only.end(), [&](const auto& o) {
      return path_under(path, o) || (is_dir && path_under(o, path));
    });
  };
}

} // namespace actordev
