#include "tools/actordev/builder_command.hpp"

#include "actors/remote_builder.hpp"
#include "actors/run_recorder.hpp"
#include "actors/system_config.hpp"
#include "actors/tls_system.hpp"
#include "adapters/tls_certs.hpp"
#include "tools/actordev/stop_recorded.hpp"
#include "tools/actordev/version.hpp"
#include "tools/actordev/whole_number.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/exit_reason.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/send.hpp>
#include <fmt/chrono.h>
#include <fmt/core.h>

#include <signal.h>

#include <csignal>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace actordev::cli {

namespace {

struct address {
  std::string host;
  std::uint16_t port = 0;
};

/// ADDR:PORT, or why not.
bool parse_listen(const std::string& text, address& out, std::string& error) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    error = "--listen " + text +
            ": expected ADDR:PORT, e.g. 127.0.0.1:7451 (an address is "
            "required: 0.0.0.0 serves every interface)";
    return false;
  }
  out.host = text.substr(0, colon);
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']')
    out.host = out.host.substr(1, out.host.size() - 2);
  auto port = text.substr(colon + 1);
  char* end = nullptr;
  long n = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || n < 0 || n > 65535) {
    error = "--listen " + text + ": '" + port + "' is not a port (0-65535)";
    return false;
  }
  out.port = static_cast<std::uint16_t>(n);
  return true;
}

std::string default_workdir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string{xdg} + "/actordev-builder";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string{home} + "/.cache/actordev-builder";
  return ".actordev-builder";
}

/// A line of the builder's log on stderr, with the time.
void say(const std::string& text) {
  static std::mutex m;
  std::lock_guard<std::mutex> lock{m};
  auto now = std::chrono::system_clock::now();
  fmt::print(stderr, "{:%H:%M:%S} {}\n",
             fmt::localtime(std::chrono::system_clock::to_time_t(now)), text);
  std::fflush(stderr);
}

} // namespace

CLI::App* add_builder_command(CLI::App& app, builder_command_options& o) {
  auto* b = app.add_subcommand(
      "builder", "Serve builds to other machines' actordev up, over mutual "
                 "TLS, until Ctrl-C");
  b->add_option("--listen", o.listen,
                "ADDR:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  b->add_option("--tls", o.tls,
                "The folder `actordev certs init` made (builder.pem, "
                "builder-key.pem, ca.pem)")
      ->required()
      ->type_name("DIR");
  b->add_option("--slots", o.slots, "How many builds run at once")
      ->capture_default_str()
      ->check(whole_number(1));
  b->add_option("--workdir", o.workdir,
                "Where builds run and blobs are kept (default: "
                "~/.cache/actordev-builder)")
      ->type_name("DIR");
  b->add_option("--store-mb", o.store_mb,
                "The blob store's size cap in MiB (least recently used "
                "blobs go first)")
      ->capture_default_str();
  return b;
}

int run_builder(const builder_command_options& o) {
  address addr;
  std::string error;
  if (!parse_listen(o.listen, addr, error)) {
    fmt::print(stderr, "actordev builder: error: {}\n", error);
    return 1;
  }
  auto files = adapters::tls_files_for(o.tls, adapters::tls_role::builder);
  if (auto err = adapters::check_tls(files); !err.empty()) {
    fmt::print(stderr,
               "actordev builder: error: {}\n  hint: make the folder with "
               "actordev certs init DIR\n",
               err);
    return 1;
  }
  auto workdir = o.workdir.empty() ? default_workdir() : o.workdir;
  std::error_code ec;
  std::filesystem::create_directories(workdir, ec);
  workdir = std::filesystem::absolute(workdir, ec).lexically_normal().string();
  if (ec) {
    fmt::print(stderr, "actordev builder: error: --workdir {}: {}\n", workdir,
               ec.message());
    return 1;
  }
  // Builds an earlier builder left running when it was killed.
  if (auto err = stop_recorded(
          workdir, std::chrono::milliseconds{2000},
          [](const adapters::recorded_group& g) {
            say(fmt::format("stopped a build an earlier builder left running "
                            "({}, process group {})",
                            g.resource, g.pgid));
          })) {
    fmt::print(stderr, "actordev builder: error: cannot read {}: {}\n",
               err->path, err->reason);
    return 1;
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  ::pthread_sigmask(SIG_BLOCK, &stop, nullptr); // every CAF thread inherits it
  std::signal(SIGPIPE, SIG_IGN);
  {
    caf::actor_system_config cfg;
    init_system_config(cfg);
    use_tls(cfg, files);
    on_refused_peer(say);
    caf::actor_system sys{cfg};
    remote_builder_options opts;
    opts.version = std::string{version};
    opts.workdir = workdir;
    opts.slots = o.slots;
    opts.store_cap = o.store_mb << 20;
    opts.note = say;
    auto recorder = sys.spawn<run_recorder>(workdir, caf::actor{});
    opts.recorder = recorder;
    // Not detached: see build_pool.cpp (CAF 0.17's detached actors can hang
    // the shutdown once they talked to a remote node).
    auto actor = sys.spawn<remote_builder>(opts);
    auto port =
        caf::openssl::publish(actor, addr.port, addr.host.c_str(), true);
    if (!port) {
      fmt::print(stderr,
                 "actordev builder: error: cannot listen on {}: {}\n  hint: "
                 "is something else listening there? Pick another port with "
                 "--listen ADDR:PORT\n",
                 o.listen, sys.render(port.error()));
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
      caf::anon_send_exit(recorder, caf::exit_reason::user_shutdown);
      return 1;
    }
    say(fmt::format("actordev builder {} serving builds on {}:{} (mutual TLS: "
                    "clients need a certificate from {}), {} slots, workdir "
                    "{}",
                    version, addr.host, *port, files.ca, o.slots, workdir));
    int sig = 0;
    ::sigwait(&stop, &sig);
    say(fmt::format("{}: stopping; builds under way are killed",
                    sig == SIGINT ? "interrupted" : "terminated"));
    caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(recorder, caf::exit_reason::user_shutdown);
    abandon_handshakes(); // a silent peer would hold the shutdown 5 s
  }
  return 0;
}

} // namespace actordev::cli
