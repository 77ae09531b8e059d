#include "actors/remote_builder.hpp"

#include "actors/atoms.hpp"
#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "actors/process_runner.hpp"
#include "actors/remote_tree.hpp"
#include "messages/caf_types.hpp"
#include "runtime/remote/tree_manifest.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace actordev {

namespace {

namespace fs = std::filesystem;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' ||
                        s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
  return s;
}

/// A name a peer gave, fit for the builder's log: at most 100 characters,
/// control bytes shown as '?'.
std::string printable(const std::string& name) {
  std::string out = name.substr(0, 100);
  for (auto& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = '?';
  return out;
}

/// How a build is named in the builder's log: "web (image base)".
std::string what(const msg::RemoteBuild& r) {
  auto image = printable(r.image());
  return printable(r.resource()) + (image.empty() || image == r.resource()
                                        ? ""
                                        : " (image " + image + ")");
}

} // namespace

remote_builder::remote_builder(caf::actor_config& cfg,
                               remote_builder_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , store_(opts_.workdir + "/store", opts_.store_cap) {}

caf::behavior remote_builder::make_behavior() {
  store_error_ = store_.open();
  std::error_code ec;
  fs::remove_all(opts_.workdir + "/builds", ec); // an earlier run's
  set_down_handler([this](caf::down_msg& dm) {
    auto name = who(dm.source);
    clients_.erase(dm.source);
    std::vector<key> gone;
    for (const auto& [k, b] : builds_)
      if (k.first == dm.source)
        gone.push_back(k);
    if (!gone.empty())
      note(fmt::format("{} went away: {} of its builds cancelled", name,
                       gone.size()));
    for (const auto& k : gone)
      cancel(k);
  });
  return {
      [this](const msg::BuilderHello& h) {
        auto client = caf::actor_cast<caf::actor>(current_sender());
        if (client) {
          if (!clients_.count(client.address()))
            monitor(client);
          auto name = printable(h.client());
          clients_[client.address()] = name.empty() ? "a client" : name;
        }
        note(fmt::format("client {} connected", who(client.address())));
        msg::BuilderInfo info;
        info.set_name(opts_.name);
        info.set_slots(opts_.slots);
        info.set_busy(busy());
        info.set_version(opts_.version);
        info.set_builds_done(builds_done_);
        info.set_clients(static_cast<std::uint32_t>(clients_.size()));
        return info;
      },
      [this](const msg::RemoteBuild& r) { return on_build(r); },
      [this](const msg::BlobChunk& c) { return on_chunk(c); },
      [this](const msg::StartBuild& s) { return on_start(s); },
      [this](const msg::FetchBlob& f) { return on_fetch(f); },
      [this](const msg::CancelBuild& c) {
        auto client = caf::actor_cast<caf::actor_addr>(current_sender());
        cancel({client, c.build_id()});
      },
      [this](msg::LogLine& line) {
        // From a build's runner: to its client.
        auto from = current_sender();
        for (auto& [k, b] : builds_)
          if (b.runner &&
              from == caf::actor_cast<caf::strong_actor_ptr>(b.runner))
            return send(b.client, std::move(line));
      },
      [this](const msg::ProcessExited& e) {
        auto* b = find_seq(e.run_id());
        if (!b)
          return trees_.stopped(e.run_id()); // a cancelled build's
        if (b->at != build::stage::running)
          return;
        b->runner = nullptr;
        if (failed(e))
          return finish(*b, describe(e), e.code());
        collect(*b);
      },
      [this](fs_done_atom, std::uint64_t seq, const std::string& error) {
        auto* b = find_seq(seq);
        if (!b)
          return trees_.stopped(seq); // a cancelled build's
        if (!error.empty())
          return finish(*b, error, -1);
        if (b->at == build::stage::writing) {
          b->work_dir = *b->work_used;
          if (!b->work_note->empty())
            note("cannot bring the kept folder up to date (" + *b->work_note +
                 "); this build runs in a fresh one");
          return b->request.command().empty() ? collect(*b) : run_command(*b);
        }
        if (b->at == build::stage::collecting)
          finish(*b, "", 0);
      },
  };
}

void remote_builder::on_exit() {
  for (auto& [k, b] : builds_)
    if (b.runner)
      send(b.runner, stop_atom::value);
  builds_.clear();
  opts_.recorder = nullptr;
}

unsigned remote_builder::busy() const {
  unsigned n = 0;
  for (const auto& [k, b] : builds_)
    n += b.at != build::stage::done;
  return n;
}

remote_builder::build* remote_builder::find(std::uint64_t build_id) {
  auto client = caf::actor_cast<caf::actor_addr>(current_sender());
  auto it = builds_.find({client, build_id});
  return it == builds_.end() ? nullptr : &it->second;
}

remote_builder::build* remote_builder::find_seq(std::uint64_t seq) {
  for (auto& [k, b] : builds_)
    if (b.seq == seq)
      return &b;
  return nullptr;
}

msg::MissingBlobs remote_builder::on_build(const msg::RemoteBuild& r) {
  msg::MissingBlobs answer;
  answer.set_build_id(r.build_id());
  auto client = caf::actor_cast<caf::actor>(current_sender());
  auto refuse = [&](std::string why) {
    note(fmt::format("refused a build of {} from {}: {}",
                     printable(r.resource()), who(client.address()), why));
    answer.set_error(opts_.name + ": " + why);
    return answer;
  };
  if (!client)
    return refuse("no client to answer");
  if (!store_error_.empty())
    return refuse("its store cannot be used: " + store_error_);
  if (find(r.build_id()))
    return refuse("build " + std::to_string(r.build_id()) +
                  " is under way already");
  if (busy() >= opts_.slots)
    return refuse(fmt::format("all {} slots are busy", opts_.slots));
  for (const auto* t : {&r.work(), &r.output_seed()})
    if (auto err = remote::check_tree(*t); !err.empty())
      return refuse("a bad manifest: " + err);
  for (const auto* p : {&r.work_subdir(), &r.ref_file()})
    if (!p->empty() && !remote::valid_path(*p))
      return refuse("'" + *p + "' is not a relative path inside the build");
  if (clients_.emplace(client.address(), "a client").second)
    monitor(client);
  build b;
  b.client = client;
  b.request = r;
  b.seq = ++next_seq_;
  b.dir = fmt::format("{}/builds/{}", opts_.workdir, b.seq);
  auto have = [this](const std::string& d) { return store_.has(d); };
  for (const auto* t : {&r.work(), &r.output_seed()})
    for (auto& d : remote::missing_digests(*t, have))
      if (b.missing.emplace(d, 0).second)
        answer.add_digests(d);
  for (const auto* t : {&r.work(), &r.output_seed()})
    for (const auto& e : *t) {
      if (e.kind() != msg::FILE_REGULAR)
        continue;
      if (auto it = b.missing.find(e.digest()); it != b.missing.end())
        it->second = e.size(); // what the upload may not exceed
      else if (store_.has(e.digest())) {
        store_.pin(e.digest());
        b.pinned.push_back(e.digest());
      }
    }
  builds_.emplace(key{client.address(), r.build_id()}, std::move(b));
  return answer;
}

msg::BlobAck remote_builder::on_chunk(const msg::BlobChunk& c) {
  msg::BlobAck ack;
  ack.set_build_id(c.build_id());
  auto* b = find(c.build_id());
  if (!b || b->at != build::stage::receiving || !b->missing.count(c.digest())) {
    ack.set_error("no build under way wants blob " + c.digest().substr(0, 80));
    return ack;
  }
  auto declared = b->missing.at(c.digest());
  if (c.data().size() > remote::chunk_bytes ||
      c.offset() + c.data().size() > declared) {
    store_.drop_partial(c.digest());
    ack.set_error(fmt::format(
        "blob {}: a chunk of {} bytes at offset {}: at most {} per chunk, and "
        "{} in all as the manifest says",
        c.digest(), c.data().size(), c.offset(), remote::chunk_bytes,
        declared));
    return ack;
  }
  if (auto err = store_.put_chunk(c.digest(), c.offset(), c.data(), c.last());
      !err.empty()) {
    ack.set_error(err);
    return ack;
  }
  if (c.last()) {
    b->missing.erase(c.digest());
    store_.pin(c.digest());
    b->pinned.push_back(c.digest());
  }
  return ack;
}

msg::BlobAck remote_builder::on_start(const msg::StartBuild& s) {
  msg::BlobAck ack;
  ack.set_build_id(s.build_id());
  auto* b = find(s.build_id());
  if (!b || b->at != build::stage::receiving) {
    ack.set_error("no such build waiting to start");
    return ack;
  }
  if (!b->missing.empty()) {
    ack.set_error(fmt::format("{} blobs were not sent", b->missing.size()));
    return ack;
  }
  note(fmt::format("building {} for {}", what(b->request),
                   who(b->client.address())));
  if (b->request.command().empty() && b->request.ref_file().empty()) {
    // Nothing runs: the output is the seed as sent, every blob of which is
    // in the store, checked. Nothing needs writing; it ends after this
    // answer.
    b->at = build::stage::collecting;
    if (b->request.return_output())
      b->output = std::make_shared<adapters::file_tree>(
          from_wire(b->request.output_seed()));
    send(this, fs_done_atom::value, b->seq, std::string{});
    return ack;
  }
  b->at = build::stage::writing;
  // The folder this client's last build of the image left, brought up to
  // date, unless another build of it runs now.
  auto kept = remote::kept_trees::name(who(b->client.address()),
                                       b->request.resource(),
                                       b->request.image());
  bool keep = trees_.take(kept, b->seq);
  b->work_dir = keep ? opts_.workdir + "/trees/" + kept : b->dir + "/work";
  b->work_used = std::make_shared<std::string>(b->work_dir);
  b->work_note = std::make_shared<std::string>();
  std::map<std::string, std::string> blobs;
  for (const auto& d : b->pinned)
    blobs[d] = store_.use(d);
  auto work = from_wire(b->request.work());
  auto seed = from_wire(b->request.output_seed());
  spawn_fs_job(this, caf::actor_cast<caf::actor>(this), b->seq,
               [dir = b->dir, used = b->work_used, note = b->work_note, keep,
                cache = tree_digests_, work = std::move(work),
                seed = std::move(seed), blobs = std::move(blobs)] {
                 auto path = [&](const std::string& d) {
                   auto it = blobs.find(d);
                   return it == blobs.end() ? std::string{} : it->second;
                 };
                 std::error_code ec;
                 fs::create_directories(dir, ec);
                 if (ec)
                   return dir + ": " + ec.message();
                 std::string err;
                 if (keep)
                   err = adapters::sync_tree(work, *used, path, *cache);
                 // A kept folder that cannot be brought up to date (a
                 // build left files it may not delete): a fresh one.
                 if (keep && !err.empty()) {
                   *note = err;
                   *used = dir + "/work";
                 }
                 if (!keep || !err.empty())
                   err = adapters::write_tree(work, *used, path);
                 if (!err.empty())
                   return err;
                 return adapters::write_tree(seed, dir + "/output", path);
               });
  return ack;
}

void remote_builder::run_command(build& b) {
  b.at = build::stage::running;
  runner_spec spec;
  spec.resource = b.request.resource();
  spec.process.command = b.request.command();
  spec.process.dir = b.work_dir;
  if (!b.request.work_subdir().empty())
    spec.process.dir += "/" + b.request.work_subdir();
  for (const auto& v : b.request.env())
    spec.process.env[v.name()] = v.value();
  spec.process.env["ACTORDEV_IMAGE_DIR"] = b.dir + "/output";
  spec.sink = caf::actor_cast<caf::actor>(this);
  spec.recorder = opts_.recorder;
  spec.run_id = b.seq;
  spec.grace = b.request.grace_ms() > 0
                   ? std::chrono::milliseconds{b.request.grace_ms()}
                   : opts_.default_grace;
  b.runner = spawn<process_runner, caf::detached>(std::move(spec));
}

void remote_builder::collect(build& b) {
  b.at = build::stage::collecting;
  b.output = std::make_shared<adapters::file_tree>();
  b.ref = std::make_shared<std::string>();
  spawn_fs_job(this, caf::actor_cast<caf::actor>(this), b.seq,
               [dir = b.dir, work_dir = b.work_dir, out = b.output, ref = b.ref,
                ref_file = b.request.ref_file(),
                want = b.request.return_output()] {
                 if (!ref_file.empty()) {
                   std::ifstream in(work_dir + "/" + ref_file);
                   if (!in)
                     return "the build wrote no image ref to " + ref_file;
                   std::ostringstream text;
                   text << in.rdbuf();
                   *ref = trimmed(text.str());
                 }
                 return want ? adapters::scan_tree(dir + "/output", "", *out)
                             : std::string{};
               });
}

void remote_builder::finish(build& b, const std::string& error, int exit_code) {
  msg::RemoteBuildDone result;
  result.set_build_id(b.request.build_id());
  result.set_error(error);
  result.set_exit_code(exit_code);
  if (error.empty()) {
    if (b.output)
      to_wire(*b.output, *result.mutable_output());
    if (b.ref)
      result.set_ref(*b.ref);
  }
  b.at = build::stage::done;
  ++builds_done_;
  for (const auto& d : b.pinned)
    store_.unpin(d);
  b.pinned.clear();
  store_.evict();
  note(fmt::format("{} {} for {}", error.empty() ? "built" : "failed:",
                   error.empty() ? what(b.request)
                                 : what(b.request) + " (" + error + ")",
                   who(b.client.address())));
  send(b.client, std::move(result));
}

msg::BlobChunk remote_builder::on_fetch(const msg::FetchBlob& f) {
  msg::BlobChunk chunk;
  chunk.set_build_id(f.build_id());
  chunk.set_digest(f.digest());
  chunk.set_offset(f.offset());
  auto* b = find(f.build_id());
  const adapters::tree_entry* entry = nullptr;
  if (b && b->at == build::stage::done && b->output)
    for (const auto& e : *b->output)
      if (e.kind == adapters::entry_kind::file && e.digest == f.digest()) {
        entry = &e;
        break;
      }
  if (!entry) {
    chunk.set_last(true); // an empty last chunk: the client's check fails
    return chunk;
  }
  // Read straight from the build's output folder: the client checks the
  // digest of what it receives.
  std::string error;
  auto data = adapters::read_piece(b->dir + "/output/" + entry->path,
                                   f.offset(), remote::chunk_bytes, error);
  chunk.set_last(!error.empty() || f.offset() + data.size() >= entry->size);
  chunk.set_data(std::move(data));
  return chunk;
}

void remote_builder::cancel(const key& k) {
  auto it = builds_.find(k);
  if (it == builds_.end())
    return;
  auto& b = it->second;
  if (b.runner)
    send(b.runner, stop_atom::value);
  // Its kept folder is free once nothing writes there any more.
  trees_.release(b.seq, b.at == build::stage::writing ||
                            static_cast<bool>(b.runner));
  for (const auto& d : b.pinned)
    store_.unpin(d);
  for (const auto& [d, size] : b.missing)
    store_.drop_partial(d);
  if (b.at != build::stage::done)
    note(fmt::format("cancelled {} for {}", what(b.request),
                     who(b.client.address())));
  // The folder goes in the background; a new build never reuses its name.
  spawn_fs_job(this, caf::actor_cast<caf::actor>(this), 0, [dir = b.dir] {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return std::string{};
  });
  builds_.erase(it);
}

std::string remote_builder::who(const caf::actor_addr& client) const {
  auto it = clients_.find(client);
  return it == clients_.end() ? std::string{"a client"} : it->second;
}

void remote_builder::note(const std::string& text) {
  if (opts_.note)
    opts_.note(text);
}

} // namespace actordev
