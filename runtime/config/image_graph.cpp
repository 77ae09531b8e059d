#include "runtime/config/image_graph.hpp"

#include <algorithm>

namespace actordev::config {

namespace {

void visit(const project_config& cfg, const image_config& img,
           std::vector<const image_config*>& on_path,
           std::vector<const image_config*>& out) {
  auto has = [](const auto& list, const image_config* i) {
    return std::find(list.begin(), list.end(), i) != list.end();
  };
  if (has(out, &img) || has(on_path, &img))
    return;
  on_path.push_back(&img);
  for (const auto& dep : img.from)
    if (const auto* base = cfg.find_image(dep.name))
      visit(cfg, *base, on_path, out);
  on_path.pop_back();
  out.push_back(&img);
}

} // namespace

std::vector<const image_config*> build_order(const project_config& cfg,
                                             const image_config& image) {
  std::vector<const image_config*> on_path;
  std::vector<const image_config*> out;
  visit(cfg, image, on_path, out);
  return out;
}

std::vector<std::string> watched_roots(const project_config& cfg,
                                       const image_config& image) {
  std::vector<std::string> roots;
  for (const auto* img : build_order(cfg, image)) {
    auto own = img->watched();
    roots.insert(roots.end(), own.begin(), own.end());
  }
  return roots;
}

} // namespace actordev::config
