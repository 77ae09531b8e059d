#include "actors/cli_manifest.hpp"

#include "actors/atoms.hpp"
#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "adapters/image_ref_file.hpp"
#include "adapters/wall_clock.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/command.hpp"
#include "runtime/docker/docker_commands.hpp"

#include <fmt/core.h>

#include <atomic>
#include <fstream>
#include <memory>

namespace actordev {

namespace {

constexpr auto builder_answer = std::chrono::seconds{10};

/// A fresh tag for each image build: "actordev-<this process's start, in
/// base 36>-<a process-wide count>". A tag must never be reused: with
/// imagePullPolicy IfNotPresent, a pod whose template names a ref already
/// on the node runs the old image, and `kubectl apply` of an unchanged
/// ref changes nothing.
std::string fresh_tag() {
  static const std::string session = [] {
    auto t = static_cast<std::uint64_t>(adapters::wall_clock_us() / 1000);
    std::string out;
    do {
      out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[t % 36]);
      t /= 36;
    } while (t > 0);
    return out;
  }();
  static std::atomic<std::uint64_t> count{0};
  return fmt::format("actordev-{}-{}", session, ++count);
}

} // namespace

cli_manifest::cli_manifest(caf::actor_config& cfg, cli_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , command_dir_(opts_.spec->work_dir) {}

void cli_manifest::after_command(
    const std::string& command, step then,
    const std::vector<std::pair<std::string, std::string>>& extra_env,
    bool last) {
  const auto& spec = *opts_.spec;
  command_id_ = ++next_id_;
  command_then_ = std::move(then);
  command_stderr_.clear();
  command_exit_ = 0;
  if (last)
    last_id_ = command_id_;
  auto env = spec.resource.env;
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  auto id = command_id_;
  request(opts_.builder, builder_answer,
          run_request(spec.resource.name, command, command_dir_, env,
                      opts_.grace, id))
      .then(
          [this, id](caf::actor runner) {
            if (id != command_id_) { // already ended or superseded
              send(runner, stop_atom::value);
              return;
            }
            command_runner_ = runner;
            if (stopping_ && id != last_id_)
              send(runner, stop_atom::value);
          },
          [this, id](caf::error& err) {
            send(this, not_started(opts_.spec->resource.name, id,
                                   system().render(err)));
          });
}

caf::message_handler cli_manifest::plumbing() {
  return {
      [this](const msg::BuildGrant&) { on_grant(); },
      [this](const msg::LogLine& line) { on_line(line); },
      [this](const msg::ProcessExited& e) { on_process_exited(e); },
      [this](fs_done_atom, std::uint64_t id, const std::string& error) {
        on_fs_done(id, error);
      },
  };
}

void cli_manifest::on_process_exited(const msg::ProcessExited& e) {
  if (e.run_id() != command_id_)
    return;
  command_id_ = 0;
  command_runner_ = nullptr;
  command_exit_ = e.code();
  auto then = std::move(command_then_);
  command_then_ = nullptr;
  if (then)
    then(failed(e)   ? describe(e)
         : stopping_ ? std::string{"actordev is stopping"}
                     : std::string{});
  maybe_stopped();
}

void cli_manifest::on_line(const msg::LogLine& line) {
  if (line.stream() == msg::LOG_STDERR && command_id_ != 0) {
    command_stderr_ += line.text();
    command_stderr_ += '\n';
    constexpr std::size_t keep = 4096;
    if (command_stderr_.size() > keep)
      command_stderr_.erase(0, command_stderr_.size() - keep);
  }
  send(opts_.log, line);
}

void cli_manifest::stop_command() {
  if (command_runner_)
    send(command_runner_, stop_atom::value);
}

void cli_manifest::after_fs(std::function<std::string()> work, step then) {
  fs_.start(this, ++next_id_, std::move(work), std::move(then));
}

void cli_manifest::on_fs_done(std::uint64_t id, const std::string& error) {
  if (fs_.finish(id, error, stopping_))
    maybe_stopped();
}

void cli_manifest::on_grant() {
  if (stopping_)
    return end_build("actordev is stopping", -1);
  if (job_) { // a live update is under way: build once it is done
    grant_waiting_ = true;
    return;
  }
  if (building_ || !idle())
    return end_build("a build or live update of this resource is under way",
                     -1);
  building_ = true;
  building_spec_ = opts_.spec;
  build_images([this](const std::string& error) {
    if (!error.empty()) {
      building_ = false;
      return end_build(error, -1);
    }
    deploy();
  });
}

void cli_manifest::build_images(step then) {
  refs_.clear();
  build_image(0, std::move(then));
}

void cli_manifest::build_image(std::size_t k, step then) {
  const auto& spec = *building_spec_;
  if (k == spec.images.size())
    return then("");
  const auto& img = spec.images[k].config;
  auto ref = img.name + ":" + fresh_tag();
  auto fail = [then, name = img.name](const std::string& error) {
    then("image " + name + ": " + error);
  };
  note(fmt::format("building image {}", img.name));
  if (img.kind != config::build_kind::custom) {
    after_command(docker::build_command(img, ref),
                  [this, k, ref, fail, then](const std::string& error) {
                    if (!error.empty())
                      return fail("docker build failed (" + error + ")");
                    refs_.push_back(ref);
                    build_image(k + 1, then);
                  });
    return;
  }
  // In the environment, not as a prefix of the line: `$EXPECTED_REF` in
  // the command's own words, or after a `&&`, must see it.
  const auto ref_file = img.custom.outputs_image_ref_to;
  auto build = [this, k, ref, fail, then, ref_file,
                cmd = config::shell_line(img.custom.cmd)](const std::string&) {
    after_command(
        cmd,
        [this, k, ref, fail, then, ref_file](const std::string& error) {
          if (!error.empty())
            return fail("the custom build failed (" + error + ")");
          if (ref_file.empty()) {
            refs_.push_back(ref);
            return build_image(k + 1, then);
          }
          auto built = std::make_shared<std::string>();
          after_fs(
              [ref_file, built] {
                std::string e;
                *built = adapters::read_image_ref(ref_file, e);
                return e;
              },
              [this, k, built, fail, then](const std::string& e) {
                if (!e.empty())
                  return fail(e);
                refs_.push_back(*built);
                build_image(k + 1, then);
              });
        },
        {{"EXPECTED_REF", ref}});
  };
  if (ref_file.empty())
    return build("");
  // Never read back a ref an earlier build wrote.
  after_fs(
      [ref_file] {
        adapters::forget_image_ref(ref_file);
        return std::string{};
      },
      [build, fail](const std::string& error) {
        if (!error.empty())
          return fail(error);
        build("");
      });
}

void cli_manifest::finish_build(const std::string& error, int exit_code,
                                msg::TargetType deploy, msg::ResultKind kind) {
  send(opts_.scheduler,
       image_build_finished(building_spec_ ? *building_spec_ : *opts_.spec,
                            refs_, error, exit_code, deploy, kind));
}

void cli_manifest::note(const std::string& text) {
  send(opts_.log, system_line(opts_.spec->resource.name, text));
}

void cli_manifest::on_exit() {
  opts_.scheduler = nullptr;
  opts_.builder = nullptr;
  opts_.log = nullptr;
  command_runner_ = nullptr;
  command_then_ = nullptr;
  fs_.reset();
}

} // namespace actordev
