#include "tools/bench_live_update/options.hpp"

#include "tools/actordev/whole_number.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <vector>

namespace actordev::bench {

namespace {

constexpr std::size_t quick_edits = 10;

/// `actordev` in the folder of this program: the build tree's tools/.
std::string actordev_beside_me() {
  std::error_code ec;
  auto me = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string{"actordev"}
            : (me.parent_path() / "actordev").string();
}

} // namespace

const std::string_view live_update_usage =
    "usage: bench_live_update [--quick] [--markdown] [--edits N]\n"
    "         [--pause-ms MS] [--timeout-ms MS] [--poll-ms MS] [--in-place]\n"
    "         [--actordev PATH] [--example DIR] [--keep]\n"
    "\n"
    "Live-update latency of the local container runtime: copies the\n"
    "live-update example to a temporary folder (on a free port), runs\n"
    "`actordev up` there, then edits app/handler.py again and again. Each\n"
    "edit's latency is from the save to the first answer of GET / whose\n"
    "body has the edit's token: synced, restarted and serving.\n"
    "\n"
    "  --quick          a smoke run: 10 edits\n"
    "  --markdown       print the report as markdown (for "
    "docs/performance.md)\n"
    "  --edits N        measured edits, after one warm-up edit (default "
    "100)\n"
    "  --pause-ms MS    wait after an edit is served (default 500)\n"
    "  --timeout-ms MS  an edit not served by then is missed (default "
    "10000)\n"
    "  --poll-ms MS     wait between two GETs while waiting (default 2)\n"
    "  --in-place       write handler.py in place (open, truncate, write),\n"
    "                   not to a temporary file renamed over it\n"
    "  --actordev PATH  the actordev to run (default: beside this program)\n"
    "  --example DIR    the project to copy (default: the source tree's\n"
    "                   docs/examples/live-update)\n"
    "  --keep           keep the temporary folder (logs, project)\n"
    "\n"
    "Exit status: 0 when every edit was served; 1 when one was not, or\n"
    "actordev failed, or left a process behind; 2 for a wrong command "
    "line.\n";

result<live_update_options, std::string>
parse_live_update_options(std::span<char* const> args) {
  live_update_options o;
  CLI::App app{"bench_live_update"};
  app.set_help_flag(); // live_update_usage is the help
  app.add_flag("-h,--help", o.help);
  app.add_flag("--quick", o.quick);
  app.add_flag("--markdown", o.markdown);
  app.add_flag("--in-place", o.in_place);
  app.add_flag("--keep", o.keep);
  auto* edits = app.add_option("--edits", o.edits)->check(cli::whole_number(1));
  app.add_option("--pause-ms", o.pause_ms)->check(cli::whole_number(0));
  app.add_option("--timeout-ms", o.timeout_ms)->check(cli::whole_number(1));
  app.add_option("--poll-ms", o.poll_ms)->check(cli::whole_number(0));
  app.add_option("--actordev", o.actordev);
  app.add_option("--example", o.example);
  // CLI11 takes the arguments last first.
  std::vector<std::string> rest(args.rbegin(), args.rend());
  try {
    app.parse(rest);
  } catch (const CLI::ParseError& e) {
    return result<live_update_options, std::string>::failure(e.what());
  }
  if (o.quick && edits->count() == 0)
    o.edits = quick_edits;
  if (o.actordev.empty())
    o.actordev = actordev_beside_me();
  if (o.example.empty())
    o.example = ACTORDEV_LIVE_UPDATE_EXAMPLE;
  return o;
}

} // namespace actordev::bench
