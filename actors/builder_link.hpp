#pragma once

#include "adapters/blob_store.hpp"
#include "adapters/container_fs.hpp"
#include "adapters/tree_files.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "actordev/msg/remote_build.pb.h"

namespace actordev {

/// A folder (or file) of this machine placed at `prefix` of a tree.
struct tree_root {
  std::string path;
  std::string prefix; ///< "" or "dir/"
  adapters::copy_filter include;
};

/// A build for a remote builder, as a manifest actor asks for it: trees
/// made from local folders, a command, and where the output goes.
struct remote_job {
  std::uint64_t id = 0; ///< chosen by the asker, echoed in the answer
  std::string resource;
  std::string image;
  std::vector<tree_root> work;        ///< the files the command reads
  std::vector<tree_root> output_seed; ///< the output before the command
  std::string command;                ///< empty: the output is the seed
  std::vector<std::pair<std::string, std::string>> env;
  std::string work_subdir;
  std::string ref_file;   ///< relative to the work tree
  std::string output_dir; ///< written here; must not exist; "": none
  std::chrono::milliseconds grace{5000};
};
using remote_job_ptr = std::shared_ptr<const remote_job>;

/// (remote_build_atom, job): build `job` on the builder; the asker gets the
/// build's msg::LogLine and then (remote_built_atom, id, error, ref, lost).
/// `lost`: the builder went away or refused it before it ran; the build may
/// be run elsewhere.
using remote_build_atom = caf::atom_constant<caf::atom("rbuild")>;
using remote_built_atom = caf::atom_constant<caf::atom("rbuilt")>;
/// (remote_cancel_atom, id): forget a job; its process on the builder is
/// killed. No answer follows.
using remote_cancel_atom = caf::atom_constant<caf::atom("rcancel")>;
/// (builder_status_atom) → (msg::BuilderInfo as the builder answered the
/// link's hello (empty while not connected), bool connected, uint64
/// builds_done by this link, string last_error, uint64 blobs_sent, uint64
/// bytes_sent).
using builder_status_atom = caf::atom_constant<caf::atom("bstatus")>;

/// (builder_up_atom, name, connected, slots): a link's state changed; sent
/// to its `watcher`.
using builder_up_atom = caf::atom_constant<caf::atom("bup")>;

/// What a builder link needs.
struct builder_link_options {
  std::string host;
  std::uint16_t port = 0;
  std::string blob_dir; ///< fetched output blobs are kept here; empty: none
  std::uint64_t blob_cap = std::uint64_t{1} << 30;
  caf::actor log;     ///< msg::LogLine of resource "actordev"; may be empty
  caf::actor watcher; ///< told of every change (builder_up_atom); may be empty
  std::chrono::milliseconds answer_timeout{30000};
  std::chrono::milliseconds backoff{250};
  std::chrono::milliseconds backoff_cap{5000};
};

/// One configured remote builder, seen from `up` (docs/remote-builders.md).
/// Spawn it detached (it reads and writes blobs itself) in an actor system
/// with actordev::use_tls. It connects through CAF's openssl middleman
/// with a finite timeout (never the blocking remote_actor), monitors the
/// builder, and reconnects with backoff while it is gone. A job runs in
/// steps: scan the trees, send the manifest, upload the missing blobs in
/// 1 MiB chunks, start, forward the output lines, fetch the output blobs it
/// lacks (each digest-checked), write the output folder.
class builder_link : public caf::event_based_actor {
public:
  builder_link(caf::actor_config& cfg, builder_link_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.builder_link"; }

private:
  /// Where each file of the scanned trees was read from.
  struct scan_sources {
    adapters::tree_sources work, seed;
  };
  struct job_state {
    remote_job_ptr job;
    caf::actor asker;
    std::uint64_t build_id = 0; ///< on the wire
    msg::RemoteBuild request;
    std::map<std::string, std::string> local; ///< digest -> a local file
    std::deque<std::string> to_send;
    std::uint64_t offset = 0; ///< of to_send.front()
    /// A piece of an output blob to fetch: its digest and offset.
    struct piece {
      std::string digest;
      std::uint64_t offset = 0;
    };
    std::deque<piece> to_fetch;  ///< not asked for yet
    std::deque<piece> fetching;  ///< asked for; answers come in this order
    /// Output blobs another job of this link is fetching, with their
    /// sizes: this one waits for them (or fetches them if that one fails).
    std::map<std::string, std::uint64_t> awaiting;
    std::shared_ptr<adapters::file_tree> output;
    std::string ref;
    enum class stage { scanning, sending, running, fetching, writing };
    stage at = stage::scanning;
    std::uint64_t sent_files = 0, sent_bytes = 0, fetched_bytes = 0;
    std::shared_ptr<adapters::file_tree> work, seed; ///< scanned
    std::shared_ptr<scan_sources> sources;
  };

  void connect();
  void on_connected(caf::actor remote);
  void on_lost(const std::string& why);
  void start_job(remote_job_ptr job, caf::actor asker);
  void on_scanned(std::uint64_t id);
  void send_next_chunk(std::uint64_t id);
  void on_done(msg::RemoteBuildDone& done);
  /// Asks for more pieces, up to fetch_window at once; writes the output
  /// once every piece came.
  void fetch_more(std::uint64_t id);
  /// Queues the pieces of blob `digest` (`size` bytes) for job `j`.
  void queue_fetch(job_state& j, const std::string& digest,
                   std::uint64_t size);
  /// Lets the jobs waiting for a blob another job fetched go on.
  void wake_awaiting();
  void write_output(std::uint64_t id);
  void end(std::uint64_t id, const std::string& error, bool lost);
  job_state* find(std::uint64_t id);
  /// The error handler of a job's request: ends the job as lost.
  std::function<void(caf::error&)> lost_on_error(std::uint64_t bid);
  void note(const std::string& text);
  void tell_watcher();
  std::string name_of() const;
  /// A failed connection attempt, as a user can act on it.
  std::string connect_error(const caf::error& err) const;

  builder_link_options opts_;
  adapters::blob_store blobs_;
  /// Which job fetches each output blob now: two jobs never write one
  /// blob's pieces at once.
  std::map<std::string, std::uint64_t> fetch_owner_;
  /// Digests of local files, so a rebuild reads only what changed.
  std::shared_ptr<adapters::digest_cache> digests_ =
      std::make_shared<adapters::digest_cache>();
  caf::actor remote_;
  msg::BuilderInfo info_;
  bool connecting_ = false;
  std::chrono::milliseconds retry_;
  std::string last_error_;
  std::uint64_t done_ = 0;
  std::uint64_t blobs_sent_ = 0;
  std::uint64_t bytes_sent_ = 0;
  std::uint64_t next_build_id_ = 0;
  std::map<std::uint64_t, job_state> jobs_; ///< by build id
  /// Jobs asked for while connecting: started once connected, lost if the
  /// connection fails.
  std::vector<std::pair<remote_job_ptr, caf::actor>> waiting_;
  bool ready_ = false; ///< connected and the hello answered
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::remote_job_ptr)
