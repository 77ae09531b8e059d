#pragma once

#include "actors/atoms.hpp"
#include "actors/build_pool.hpp"
#include "actors/fs_job.hpp"
#include "actors/container_resource.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace actordev {

/// One image build of the local container runtime.
struct image_build_request {
  std::string resource;   ///< whose build it is (log lines)
  container_image image;  ///< its config, folders and bases
  std::string ref;        ///< the ref it gets ($EXPECTED_REF)
  bool may_reuse = false; ///< a fresh base may be reused, not rebuilt
  std::string work_dir;   ///< custom builds run here (the config's folder)
  std::string state_dir;  ///< `.actordev`, never copied into an image
  /// The remote builder the engine chose for this build (host:port);
  /// empty: here, unless the image must build remotely.
  std::string builder;
};
using image_build_ptr = std::shared_ptr<const image_build_request>;

/// (image_build_atom, request): build one image into its folder; the
/// sender gets (image_built_atom, reused, ref, error) once it is done, and
/// the build's output lines before.
using image_build_atom = caf::atom_constant<caf::atom("ibuild")>;
using image_built_atom = caf::atom_constant<caf::atom("ibuilt")>;

/// What an image builder needs.
struct image_builder_options {
  caf::actor builder; ///< runs commands here (msg::RunCommand)
  caf::actor pool;    ///< remote builders; empty: every build runs here
  caf::actor log;     ///< receives msg::LogLine
  std::chrono::milliseconds grace{5000};
};

/// Builds the images of one container resource, one at a time, for its
/// manifest (DESIGN.md §3, "builder"). A base whose stamp is fresh is
/// reused. Otherwise, the image is built in a staging folder that replaces
/// its folder only once the build succeeded:
/// - on a remote builder when the pool chooses one (`build_on` is not
///   `local`, and a custom build's deps lie in the project's folder): its
///   bases and files travel by digest, the output comes back;
/// - or here: the bases' folders, then a copy of the context (less
///   `ignore`, within `only`), or the custom command with
///   $ACTORDEV_IMAGE_DIR and $EXPECTED_REF.
/// `stop_atom` stops a build under way (its command, or its remote job),
/// which then ends with an error (image_built_atom, "actordev is
/// stopping").
class image_builder : public caf::event_based_actor {
public:
  image_builder(caf::actor_config& cfg, image_builder_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.image_builder"; }

private:
  using step = std::function<void(const std::string& error)>;

  void start(image_build_ptr req);
  void build_here();
  void build_remote();
  /// A job for the pool, or why this build cannot travel.
  std::optional<remote_job> remote_job_for(std::string& why) const;
  void commit(std::string ref, bool read_ref_file);
  void fail(const std::string& error);
  void answer(bool reused, const std::string& ref, const std::string& error);
  void after_fs(std::function<std::string()> job, step then);
  void note(const std::string& text);

  image_builder_options opts_;
  image_build_ptr req_; ///< the build under way
  caf::actor asker_;    ///< of the build under way
  std::string staging_;
  std::shared_ptr<std::filesystem::file_time_type> started_;
  std::uint64_t next_id_ = 0;
  fs_step fs_; ///< the filesystem job awaited
  std::uint64_t run_id_ = 0; ///< the custom command's RunCommand
  caf::actor runner_;
  bool remote_ = false; ///< a pool job is under way
  bool stopping_ = false;
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::image_build_ptr)
