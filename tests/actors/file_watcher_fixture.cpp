#include "file_watcher_fixture.hpp"

#include "runtime/config/config_error.hpp"
#include "runtime/config/load_config.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace actordev::test {

namespace fs = std::filesystem;

int limited_inotify_api::add_watch(int fd, const std::string& path,
                                   std::uint32_t mask) {
  bool below =
      !limited.empty() && (path == limited || path.starts_with(limited + "/"));
  return below ? -ENOSPC : real_.add_watch(fd, path, mask);
}

file_watcher_fixture::file_watcher_fixture() {
  std::string p =
      (fs::temp_directory_path() / "actordev-watcher-XXXXXX").string();
  REQUIRE(::mkdtemp(p.data()) != nullptr);
  root_ = fs::canonical(p).string();
  add_message_types(cfg_);
  sys_ = std::make_unique<caf::actor_system>(cfg_);
  scheduler_ = std::make_unique<caf::scoped_actor>(*sys_);
  listener_ = std::make_unique<caf::scoped_actor>(*sys_);
  log_ = std::make_unique<caf::scoped_actor>(*sys_);
  driver_ = std::make_unique<caf::scoped_actor>(*sys_);
}

file_watcher_fixture::~file_watcher_fixture() {
  if (watcher_)
    (*driver_)->send_exit(watcher_, caf::exit_reason::user_shutdown);
  std::error_code ec;
  fs::remove_all(root_, ec);
}

std::string file_watcher_fixture::path(std::string_view rel) const {
  return root_ + "/" + std::string{rel};
}

void file_watcher_fixture::write(std::string_view rel,
                                 std::string_view content) {
  std::string p = path(rel);
  std::error_code ec;
  fs::create_directories(fs::path(p).parent_path(), ec);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  REQUIRE(out.good());
}

void file_watcher_fixture::make_dirs(std::string_view rel) {
  std::error_code ec;
  fs::create_directories(path(rel), ec);
  REQUIRE_FALSE(ec);
}

config::project_config
file_watcher_fixture::write_config(std::string_view yaml) {
  write("actordev.yaml", yaml);
  auto loaded = config::load_config(yaml, path("actordev.yaml"));
  INFO((loaded.ok() ? std::string{} : config::format(loaded.error())));
  REQUIRE(loaded.ok());
  return loaded.value();
}

void file_watcher_fixture::start(std::string_view yaml,
                                 std::string_view limited) {
  if (!limited.empty())
    inotify_.limited = path(limited);
  file_watcher_spec spec;
  spec.inotify = &inotify_;
  spec.config = write_config(yaml);
  spec.scheduler = caf::actor{*scheduler_};
  spec.config_listener = caf::actor{*listener_};
  spec.log = caf::actor{*log_};
  watcher_ = sys_->spawn<file_watcher, caf::detached>(std::move(spec));
  watched(); // answered once the roots are watched
}

void file_watcher_fixture::update(std::string_view yaml) {
  auto config =
      std::make_shared<const config::project_config>(write_config(yaml));
  (*driver_)
      ->request(watcher_, expect_within, update_atom::value, config)
      .receive([] {},
               [](caf::error& e) { FAIL("update failed: " << to_string(e)); });
}

std::vector<std::string> file_watcher_fixture::watched() {
  std::vector<std::string> out;
  (*driver_)
      ->request(watcher_, expect_within, caf::get_atom::value)
      .receive(
          [&](const std::vector<std::string>& roots) {
            for (const auto& r : roots)
              out.push_back(fs::relative(r, root_).string());
          },
          [](caf::error& e) { FAIL("no roots: " << to_string(e)); });
  return out;
}

msg::Event file_watcher_fixture::next_event() {
  msg::Event out;
  (*scheduler_)
      ->receive([&](const msg::Event& e) { out = e; },
                caf::after(expect_within) >> [] { FAIL("no FilesChanged"); });
  return out;
}

std::vector<std::string> file_watcher_fixture::next_batch() {
  return describe(next_event());
}

std::vector<std::string>
file_watcher_fixture::describe(const msg::Event& e) const {
  std::vector<std::string> out;
  for (const auto& files : e.files_changed().changes()) {
    bool config = files.target().type() == msg::TARGET_CONFIG;
    std::string line = config ? "config" : files.target().name();
    if (config)
      CHECK(files.target().name() == path("actordev.yaml"));
    else
      CHECK(files.target().type() == msg::TARGET_LOCAL);
    line += ":";
    for (const auto& p : files.paths())
      line += " " + fs::relative(p, root_).string();
    out.push_back(line);
  }
  return out;
}

std::int64_t file_watcher_fixture::next_config_change() {
  std::int64_t out = 0;
  (*listener_)
      ->receive(
          [&](config_changed_atom, std::int64_t first_us) { out = first_us; },
          caf::after(expect_within) >> [] { FAIL("no config change"); });
  return out;
}

std::string file_watcher_fixture::next_log_line() {
  std::string out;
  (*log_)->receive(
      [&](const msg::LogLine& l) {
        CHECK(l.stream() == msg::LOG_SYSTEM);
        CHECK(l.resource() == "actordev");
        out = l.text();
      },
      caf::after(expect_within) >> [] { FAIL("no log line"); });
  return out;
}

} // namespace actordev::test
