// `actordev builders`: connects to each builder of the config as `up`
// would (the same links, the same certificate) and prints what it says.
#include "tools/actordev/builders_command.hpp"

#include "tools/actordev/builders_tls.hpp"
#include "tools/actordev/duration.hpp"
#include "tools/actordev/load_project.hpp"

#include "actors/builder_link.hpp"
#include "actors/system_config.hpp"
#include "actors/tls_system.hpp"
#include "messages/caf_types.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace actordev::cli {

namespace {

/// What one builder said, or why it said nothing.
struct builder_row {
  std::string address;
  bool connected = false;
  msg::BuilderInfo info;
  std::string error;
};

/// Asks the link for its state; false when it does not answer.
bool ask(caf::scoped_actor& self, const caf::actor& link, builder_row& row) {
  bool answered = false;
  self->request(link, std::chrono::seconds{5}, builder_status_atom::value)
      .receive(
          [&](msg::BuilderInfo& info, bool connected, std::uint64_t,
              std::string& last_error, std::uint64_t, std::uint64_t) {
            row.info = std::move(info);
            row.connected = connected;
            row.error = std::move(last_error);
            answered = true;
          },
          [&](caf::error& e) { row.error = caf::to_string(e); });
  return answered;
}

void print(const std::vector<builder_row>& rows) {
  std::vector<std::vector<std::string>> table{{"BUILDER", "STATE", "SLOTS",
                                               "BUSY", "BUILT", "CLIENTS",
                                               "VERSION", "LAST ERROR"}};
  for (const auto& r : rows) {
    if (!r.connected) {
      table.push_back({r.address, "down", "-", "-", "-", "-", "-", r.error});
      continue;
    }
    table.push_back({r.address, "connected", std::to_string(r.info.slots()),
                     std::to_string(r.info.busy()),
                     std::to_string(r.info.builds_done()),
                     std::to_string(r.info.clients()), r.info.version(), ""});
  }
  std::vector<std::size_t> width(table.front().size(), 0);
  for (const auto& line : table)
    for (std::size_t i = 0; i < line.size(); ++i)
      width[i] = std::max(width[i], line[i].size());
  for (const auto& line : table) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i)
      out += i + 1 == line.size() ? line[i]
                                  : fmt::format("{:<{}}  ", line[i], width[i]);
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    fmt::print("{}\n", out);
  }
}

} // namespace

CLI::App* add_builders_command(CLI::App& app, builders_command_options& o) {
  auto* b = app.add_subcommand(
      "builders", "Connect to each builder of the config and show its state: "
                  "slots, builds running and done, or why it cannot be "
                  "reached");
  b->add_option("-f,--file", o.file, "The config file")->capture_default_str();
  b->add_option("--timeout", o.timeout,
                "How long to wait for each builder (e.g. 500ms, 5s)")
      ->capture_default_str();
  return b;
}

int run_builders(const builders_command_options& o) {
  auto timeout = parse_duration(o.timeout);
  if (!timeout || timeout->count() <= 0) {
    fmt::print(stderr,
               "actordev builders: error: --timeout {}: not a duration\n  "
               "hint: write it like 500ms, 5s or 1m\n",
               o.timeout);
    return 2;
  }
  auto project = load_project(o.file, {});
  if (!project)
    return 1;
  const auto& builders = project->project.builders;
  if (builders.empty()) {
    fmt::print("{} lists no builders (add a `builders:` list; see "
               "docs/remote-builders.md)\n",
               project->path);
    return 0;
  }
  auto tls = check_builders_tls(*project, "no builder was asked.");
  if (!tls.ok)
    return 1;
  std::vector<builder_row> rows;
  {
    caf::actor_system_config cfg;
    init_system_config(cfg);
    use_tls(cfg, *tls.files);
    caf::actor_system sys{cfg};
    caf::scoped_actor self{sys};
    std::vector<caf::actor> links;
    for (const auto& b : builders) {
      builder_link_options l;
      l.host = b.host;
      l.port = static_cast<std::uint16_t>(b.port);
      l.answer_timeout = *timeout;
      links.push_back(sys.spawn<builder_link>(std::move(l)));
      rows.push_back({b.address(), false, {}, ""});
    }
    // A link answers at once; it is done once connected or refused once.
    auto deadline =
        std::chrono::steady_clock::now() + *timeout + std::chrono::seconds{1};
    for (std::size_t i = 0; i < links.size(); ++i)
      while (ask(self, links[i], rows[i]) && !rows[i].connected &&
             rows[i].error.empty()) {
        if (std::chrono::steady_clock::now() >= deadline) {
          rows[i].error = "no answer within " + o.timeout;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
      }
    for (const auto& l : links)
      caf::anon_send_exit(l, caf::exit_reason::user_shutdown);
    abandon_handshakes(); // one with a frozen builder would hold us 5 s
  }
  print(rows);
  return std::all_of(rows.begin(), rows.end(),
                     [](const builder_row& r) { return r.connected; })
             ? 0
             : 1;
}

} // namespace actordev::cli
