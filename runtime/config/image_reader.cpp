#include "runtime/config/image_reader.hpp"

#include "runtime/config/live_update_reader.hpp"
#include "runtime/config/paths.hpp"
#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <algorithm>
#include <array>

namespace actordev::config::detail {

namespace {

struct image_context {
  yaml_reader& r;
  image_config& img;
  std::string owner; // "in image 'web'"
  std::string_view base;
};

std::vector<std::pair<std::string, std::string>>
read_build_args(image_context& c, const entry& e) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!expect_map(c.r, e, c.owner) || !e.value.IsMap())
    return out;
  const std::string owner = "in the build_args of image '" + c.img.name + "'";
  for (const auto& arg : entries(c.r, e.value, owner, "build arg")) {
    if (auto v = read_string(c.r, arg, owner, true))
      out.emplace_back(arg.name, std::move(*v));
  }
  return out;
}

void read_docker(image_context& c, const entry& e) {
  c.img.kind = build_kind::docker;
  c.img.docker.dockerfile = resolve_path("Dockerfile", c.img.context);
  if (!expect_map(c.r, e, c.owner) || !e.value.IsMap())
    return;
  const std::string owner = "in the docker build of image '" + c.img.name + "'";
  auto map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"dockerfile", "target", "build_args"}, {}, owner);
  if (const entry* f = find(map, "dockerfile"))
    if (auto p = read_path(c.r, *f, owner, c.base))
      c.img.docker.dockerfile = *p;
  if (const entry* t = find(map, "target"))
    if (auto v = read_string(c.r, *t, owner))
      c.img.docker.target = *v;
  if (const entry* a = find(map, "build_args"))
    c.img.docker.build_args = read_build_args(c, *a);
}

void read_custom(image_context& c, const entry& e) {
  c.img.kind = build_kind::custom;
  const std::string owner = "in the custom build of image '" + c.img.name + "'";
  if (!expect_map(c.r, e, c.owner))
    return;
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"command", "deps", "outputs_image_ref_to"}, {}, owner);
  const entry* cmd = find(map, "command");
  const entry* deps = find(map, "deps");
  if (!cmd || !deps) {
    c.r.error(e.key.Mark(),
              "the custom build of image '" + shorten(c.img.name) +
                  "' needs '" + (cmd ? "deps" : "command") + "'",
              "write custom: {command: ./build.sh, deps: [src]}; the command "
              "builds $EXPECTED_REF and deps are the files it reads");
  }
  if (cmd)
    if (auto command = read_command(c.r, *cmd, owner))
      c.img.custom.cmd = std::move(*command);
  if (deps)
    if (auto paths = read_path_list(c.r, *deps, owner, c.base))
      c.img.custom.deps = std::move(*paths);
  if (const entry* out = find(map, "outputs_image_ref_to"))
    if (auto p = read_path(c.r, *out, owner, c.base))
      c.img.custom.outputs_image_ref_to = *p;
}

void read_from(image_context& c, const entry& e) {
  std::vector<list_item> items;
  if (e.value.IsScalar()) {
    if (auto v = read_string(c.r, e, c.owner))
      items.push_back({*v, e.value.Mark()});
  } else if (auto list = read_string_items(c.r, e, c.owner)) {
    items = std::move(*list);
  }
  for (auto& item : items) {
    auto same = [&](const resource_dep& d) { return d.name == item.text; };
    if (item.text == c.img.name)
      c.r.error(item.mark,
                "image '" + shorten(c.img.name) + "' is built FROM itself",
                "remove it from 'from'");
    else if (std::none_of(c.img.from.begin(), c.img.from.end(), same))
      c.img.from.push_back({std::move(item.text), to_position(item.mark)});
  }
}

struct field_reader {
  std::string_view key;
  void (*read)(image_context&, const entry&);
};

const std::array<field_reader, 8> fields{{
    {"context",
     [](image_context& c, const entry& e) {
       if (auto p = read_path(c.r, e, c.owner, c.base))
         c.img.context = *p;
     }},
    {"ignore",
     [](image_context& c, const entry& e) {
       if (auto p = read_path_list(c.r, e, c.owner, c.img.context, true))
         c.img.ignore = std::move(*p);
     }},
    {"only",
     [](image_context& c, const entry& e) {
       if (auto p = read_path_list(c.r, e, c.owner, c.img.context))
         c.img.only = std::move(*p);
     }},
    {"from", read_from},
    {"docker", read_docker},
    {"custom", read_custom},
    {"live_update",
     [](image_context& c, const entry& e) {
       c.img.live_update = read_live_update(c.r, e, c.img.name, c.base);
     }},
    {"build_on",
     [](image_context& c, const entry& e) {
       if (auto v = read_choice(c.r, e, c.owner, {"any", "local", "remote"})) {
         c.img.build_on = static_cast<build_place>(*v);
         c.img.build_on_position = to_position(e.key.Mark());
       }
     }},
}};

const std::vector<std::string>& field_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& f : fields)
      out.emplace_back(f.key);
    return out;
  }();
  return keys;
}

image_config read_image(yaml_reader& r, const entry& e, std::string_view base) {
  image_config img;
  img.name = e.name;
  img.position = to_position(e.key.Mark());
  img.context = std::string{base};
  if (!valid_image_name(e.name))
    r.error(e.key.Mark(),
            "image name '" + shorten(e.name) +
                "' is not valid: use lowercase letters, digits, '.', '_', "
                "'-', and '/' between parts",
            "e.g. 'web' or 'team/web'; actordev picks the tag");
  image_context c{r, img, "in image '" + shorten(e.name) + "'", base};
  if (!e.value.IsMap() && !e.value.IsNull()) {
    r.error(e,
            "image '" + shorten(e.name) + "': expected a map of keys, found " +
                describe(e.value),
            "indent its keys below the name, e.g. " + shorten(e.name) +
                ": {context: .}");
    return img;
  }
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(r, e.value, c.owner);
  check_keys(r, map, field_keys(), {}, c.owner);
  if (find(map, "docker") && find(map, "custom"))
    r.error(find(map, "custom")->key.Mark(),
            "image '" + shorten(e.name) +
                "' has both 'docker' and 'custom': it is built one way",
            "keep one of them");
  // `context` first: `ignore` and `only` are relative to it.
  for (std::string_view key : {"context", "ignore", "only", "from", "docker",
                               "custom", "live_update", "build_on"})
    if (const entry* field = find(map, key))
      for (const auto& f : fields)
        if (f.key == key)
          f.read(c, *field);
  return img;
}

} // namespace

bool valid_image_name(std::string_view name) noexcept {
  if (name.empty() || name.front() == '/' || name.back() == '/' ||
      name.find("//") != std::string_view::npos)
    return false;
  auto ok = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
           ch == '_' || ch == '-' || ch == '/';
  };
  if (!std::all_of(name.begin(), name.end(), ok))
    return false;
  // No part may be "." or "..": the name becomes a folder under .actordev.
  std::size_t at = 0;
  while (at <= name.size()) {
    auto end = std::min(name.find('/', at), name.size());
    auto part = name.substr(at, end - at);
    if (part == "." || part == ".." || part.front() == '.')
      return false;
    at = end + 1;
  }
  return true;
}

void read_images(yaml_reader& r, const entry& e, project_config& cfg) {
  if (!expect_map(r, e, "at the top level") || !e.value.IsMap())
    return;
  for (const auto& img : entries(r, e.value, "in images", "image name"))
    cfg.images.push_back(read_image(r, img, cfg.dir));
}

} // namespace actordev::config::detail
