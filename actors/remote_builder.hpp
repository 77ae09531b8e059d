#pragma once

#include "adapters/blob_store.hpp"
#include "adapters/tree_files.hpp"
#include "runtime/remote/kept_trees.hpp"

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "actordev/msg/remote_build.pb.h"

namespace actordev {

/// What a remote builder needs.
struct remote_builder_options {
  std::string name;    ///< how it is known: the address it listens on
  std::string version; ///< actordev's, told to clients
  std::string workdir; ///< everything it writes lies under it
  unsigned slots = 1;  ///< builds at once
  std::uint64_t store_cap = std::uint64_t{4} << 30; ///< blob store, bytes
  std::chrono::milliseconds default_grace{5000};
  /// Told of every build's process group (see run_recorder), so that a
  /// builder killed mid-build has its builds stopped at its next start.
  caf::actor recorder;
  /// A line for the builder's own log (a client connected, a build ended).
  std::function<void(const std::string&)> note;
};

/// The actor `actordev builder` publishes (docs/remote-builders.md). Spawn
/// it detached: it reads and writes blobs itself. Its protocol, each
/// message from a client's builder link:
/// - msg::BuilderHello → msg::BuilderInfo.
/// - msg::RemoteBuild → msg::MissingBlobs: the manifests are checked, a
///   slot is taken, and the digests its store lacks are named (or the
///   error says why the build is refused).
/// - msg::BlobChunk → msg::BlobAck, for each missing blob in order.
/// - msg::StartBuild → msg::BlobAck at once; then the build runs under
///   `workdir/builds/`, its output lines go to the client as msg::LogLine,
///   and msg::RemoteBuildDone ends it.
/// - msg::FetchBlob → msg::BlobChunk: a piece of an output file.
/// - msg::CancelBuild: kills the build's process group, removes its folder
///   and frees its slot; a client sends it when done with a build too.
/// A client that goes down has its builds cancelled.
class remote_builder : public caf::event_based_actor {
public:
  remote_builder(caf::actor_config& cfg, remote_builder_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.remote_builder"; }

private:
  using key = std::pair<caf::actor_addr, std::uint64_t>;
  struct build {
    caf::actor client;
    msg::RemoteBuild request;
    /// Blobs not received yet, with the size the manifest gives them.
    std::map<std::string, std::uint64_t> missing;
    std::vector<std::string> pinned; ///< store blobs it uses
    std::string dir;                 ///< workdir/builds/<n>
    /// Where its command runs: a kept folder (workdir/trees/<name>), or
    /// dir/work when another build has that one or it cannot be brought
    /// up to date (then `work_note` says why, for the log).
    std::string work_dir;
    std::shared_ptr<std::string> work_used, work_note;
    std::uint64_t seq = 0;           ///< runs and fs jobs answer with it
    caf::actor runner;
    enum class stage { receiving, writing, running, collecting, done };
    stage at = stage::receiving; ///< done: kept for FetchBlob
    std::shared_ptr<adapters::file_tree> output;
    std::shared_ptr<std::string> ref;
  };

  msg::MissingBlobs on_build(const msg::RemoteBuild& r);
  msg::BlobAck on_chunk(const msg::BlobChunk& c);
  msg::BlobAck on_start(const msg::StartBuild& s);
  msg::BlobChunk on_fetch(const msg::FetchBlob& f);
  void run_command(build& b);
  void collect(build& b);
  void finish(build& b, const std::string& error, int exit_code);
  void cancel(const key& k);
  build* find(std::uint64_t build_id);
  build* find_seq(std::uint64_t seq);
  unsigned busy() const;
  std::string who(const caf::actor_addr& client) const;
  void note(const std::string& text);

  remote_builder_options opts_;
  adapters::blob_store store_;
  std::string store_error_;
  std::map<key, build> builds_;
  /// Monitored clients, by the name their hello gave (user@host).
  std::map<caf::actor_addr, std::string> clients_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t builds_done_ = 0; ///< finished or failed, since start
  remote::kept_trees trees_;
  /// The digests of the kept folders' files, so a rebuild reads only what
  /// a build changed there.
  std::shared_ptr<adapters::digest_cache> tree_digests_ =
      std::make_shared<adapters::digest_cache>();
};

} // namespace actordev
