#include "actors/image_builder.hpp"

#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "adapters/container_fs.hpp"
#include "adapters/image_folder.hpp"
#include "adapters/image_ref_file.hpp"
#include "adapters/image_stamp.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/command.hpp"
#include "runtime/remote/tree_manifest.hpp"

#include <fmt/core.h>

#include <filesystem>

namespace actordev {

namespace {

namespace fs = std::filesystem;

constexpr auto builder_answer = std::chrono::seconds{10};

remote::place place_of(config::build_place p) {
  switch (p) {
  case config::build_place::local:
    return remote::place::local;
  case config::build_place::remote:
    return remote::place::remote;
  case config::build_place::any:
    break;
  }
  return remote::place::any;
}

} // namespace

image_builder::image_builder(caf::actor_config& cfg, image_builder_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior image_builder::make_behavior() {
  return {
      [this](image_build_atom, image_build_ptr req) {
        auto asker = caf::actor_cast<caf::actor>(current_sender());
        if (!req || req_ || stopping_) {
          send(asker, image_built_atom::value, false, std::string{},
               std::string{stopping_ ? "actordev is stopping"
                                     : "an image build is under way"});
          return;
        }
        asker_ = std::move(asker);
        start(std::move(req));
      },
      [this](msg::LogLine& line) { send(opts_.log, std::move(line)); },
      [this](const msg::ProcessExited& e) {
        if (e.run_id() != run_id_)
          return;
        run_id_ = 0;
        runner_ = nullptr;
        if (failed(e))
          return fail("the custom build failed (" + describe(e) + ")");
        if (stopping_)
          return fail("actordev is stopping");
        commit(req_->ref, true);
      },
      [this](fs_done_atom, std::uint64_t id, const std::string& error) {
        fs_.finish(id, error, stopping_);
      },
      [this](build_here_atom, std::uint64_t id) {
        if (remote_ && id == next_id_) {
          remote_ = false;
          build_here();
        }
      },
      [this](remote_built_atom, std::uint64_t id, const std::string& error,
             const std::string& ref, bool) {
        if (!remote_ || id != next_id_)
          return;
        remote_ = false;
        if (!error.empty())
          return fail(error);
        if (stopping_)
          return fail("actordev is stopping");
        commit(ref.empty() ? req_->ref : ref, false);
      },
      [this](stop_atom) {
        stopping_ = true;
        if (runner_)
          send(runner_, stop_atom::value);
        if (remote_) {
          send(opts_.pool, remote_cancel_atom::value, next_id_);
          remote_ = false;
          fail("actordev is stopping");
        }
      },
  };
}

void image_builder::on_exit() {
  opts_.builder = opts_.pool = opts_.log = asker_ = nullptr;
  runner_ = nullptr;
  fs_.reset();
}

void image_builder::start(image_build_ptr req) {
  req_ = std::move(req);
  const auto& img = req_->image;
  staging_ = adapters::staging_folder(img.dir);
  started_ = std::make_shared<fs::file_time_type>();
  auto reused = std::make_shared<bool>(false);
  const auto ref_file = img.config.kind == config::build_kind::custom
                            ? img.config.custom.outputs_image_ref_to
                            : std::string{};
  note(fmt::format("building image {}", img.config.name));
  // Reuse a fresh base whose folder is there, or note when the build
  // starts (the stamp, written once it succeeded, carries that time, so a
  // change made during the build is newer).
  after_fs(
      [img, may_reuse = req_->may_reuse, reused, started = started_,
       roots = img.config.watched(), ref_file] {
        std::error_code ec;
        if (may_reuse && fs::is_directory(img.dir, ec) &&
            adapters::stamp_fresh(img.stamp, img.fingerprint, roots)) {
          *reused = true;
          return std::string{};
        }
        fs::remove(img.stamp, ec);
        adapters::forget_image_ref(ref_file); // never read an earlier build's
        *started = fs::file_time_type::clock::now();
        return std::string{};
      },
      [this, reused](const std::string& error) {
        if (!error.empty())
          return fail(error);
        if (*reused) {
          note(fmt::format("image {} is unchanged: reused",
                           req_->image.config.name));
          return answer(true, req_->image.config.name + ":reused", "");
        }
        // `remote` always goes to the pool; `any` where the engine chose.
        const auto on = req_->image.config.build_on;
        if (opts_.pool && (on == config::build_place::remote ||
                           (on == config::build_place::any &&
                            !req_->builder.empty())))
          return build_remote();
        build_here();
      });
}

std::optional<remote_job>
image_builder::remote_job_for(std::string& why) const {
  const auto& img = req_->image;
  remote_job job;
  job.id = next_id_;
  job.resource = req_->resource;
  job.image = img.config.name;
  job.output_dir = staging_;
  job.grace = opts_.grace;
  for (const auto& base : img.from)
    job.output_seed.push_back({base, "", {}});
  if (img.config.kind == config::build_kind::default_build) {
    job.output_seed.push_back({img.config.context, "",
                               image_copy_filter(img.config, req_->state_dir)});
    return job;
  }
  if (img.config.kind != config::build_kind::custom) {
    why = "it is a docker build";
    return std::nullopt;
  }
  for (const auto& dep : img.config.custom.deps) {
    auto rel = remote::path_inside(dep, req_->work_dir);
    if (rel.empty()) {
      why = "its custom deps lie outside the project's folder (" + dep + ")";
      return std::nullopt;
    }
    job.work.push_back({dep, rel + "/", {}});
  }
  if (const auto& out = img.config.custom.outputs_image_ref_to; !out.empty()) {
    job.ref_file = remote::path_inside(out, req_->work_dir);
    if (job.ref_file.empty()) {
      why = "its outputs_image_ref_to lies outside the project's folder";
      return std::nullopt;
    }
  }
  job.command = config::shell_line(img.config.custom.cmd);
  job.env.emplace_back("EXPECTED_REF", req_->ref);
  return job;
}

void image_builder::build_remote() {
  ++next_id_;
  std::string why;
  auto job = remote_job_for(why);
  if (!job) {
    if (req_->image.config.build_on == config::build_place::remote)
      return fail("it cannot be built remotely: " + why);
    return build_here();
  }
  remote_ = true;
  send(opts_.pool, pool_build_atom::value,
       std::make_shared<const remote_job>(std::move(*job)),
       static_cast<std::int32_t>(place_of(req_->image.config.build_on)),
       req_->builder);
}

void image_builder::build_here() {
  const auto& img = req_->image;
  after_fs(
      [staging = staging_, bases = img.from] {
        return adapters::prepare_image_folder(staging, bases);
      },
      [this](const std::string& error) {
        if (!error.empty())
          return fail(error);
        const auto& cfg = req_->image.config;
        if (cfg.kind == config::build_kind::custom) {
          run_id_ = ++next_id_;
          std::vector<std::pair<std::string, std::string>> env{
              {"EXPECTED_REF", req_->ref}, {"ACTORDEV_IMAGE_DIR", staging_}};
          request(opts_.builder, builder_answer,
                  run_request(req_->resource,
                              config::shell_line(cfg.custom.cmd),
                              req_->work_dir, env, opts_.grace, run_id_))
              .then(
                  [this, id = run_id_](caf::actor runner) {
                    if (id != run_id_)
                      return send(runner, stop_atom::value);
                    runner_ = runner;
                    if (stopping_)
                      send(runner_, stop_atom::value);
                  },
                  [this, id = run_id_](caf::error& err) {
                    send(this,
                         not_started(req_->resource, id, system().render(err)));
                  });
          return;
        }
        after_fs(
            [context = cfg.context, staging = staging_,
             filter = image_copy_filter(cfg, req_->state_dir)] {
              return adapters::copy_tree(context, staging, filter);
            },
            [this](const std::string& e) {
              if (!e.empty())
                return fail(e);
              commit(req_->ref, false);
            });
      });
}

void image_builder::commit(std::string ref, bool read_ref_file) {
  const auto& img = req_->image;
  auto ref_out = std::make_shared<std::string>(std::move(ref));
  auto ref_file = read_ref_file && img.config.kind == config::build_kind::custom
                      ? img.config.custom.outputs_image_ref_to
                      : std::string{};
  after_fs(
      [staging = staging_, img, ref_file, ref_out, started = started_] {
        std::string error;
        if (!ref_file.empty()) {
          *ref_out = adapters::read_image_ref(ref_file, error);
          if (!error.empty())
            return error;
        }
        if (auto err = adapters::commit_image_folder(staging, img.dir);
            !err.empty())
          return err;
        if (auto err = adapters::write_stamp(img.stamp, img.fingerprint);
            !err.empty())
          return err;
        std::error_code ec;
        fs::last_write_time(img.stamp, *started, ec);
        return std::string{};
      },
      [this, ref_out](const std::string& error) {
        if (!error.empty())
          return fail(error);
        answer(false, *ref_out, "");
      });
}

void image_builder::fail(const std::string& error) {
  std::error_code ec;
  fs::remove(req_->image.stamp, ec);
  adapters::discard_image_folder(staging_);
  answer(false, "", "image " + req_->image.config.name + ": " + error);
}

void image_builder::answer(bool reused, const std::string& ref,
                           const std::string& error) {
  req_ = nullptr;
  send(asker_, image_built_atom::value, reused, ref, error);
}

void image_builder::after_fs(std::function<std::string()> job, step then) {
  fs_.start(this, ++next_id_, std::move(job), std::move(then));
}

void image_builder::note(const std::string& text) {
  send(opts_.log, system_line(req_->resource, text));
}

} // namespace actordev
