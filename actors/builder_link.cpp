#include "actors/builder_link.hpp"

#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "actors/remote_tree.hpp"
#include "messages/caf_types.hpp"
#include "runtime/remote/tree_manifest.hpp"

#include <caf/io/middleman_actor.hpp>
#include <caf/openssl/manager.hpp>
#include <fmt/core.h>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace actordev {

namespace {

using reconnect_atom = caf::atom_constant<caf::atom("reconnect")>;

/// 0 B, 13 B, 4.2 KiB, 50.0 MiB.
std::string human_bytes(std::uint64_t n) {
  if (n < 1024)
    return fmt::format("{} B", n);
  if (n < (1u << 20))
    return fmt::format("{:.1f} KiB", static_cast<double>(n) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1 << 20));
}

} // namespace

std::string builder_link::connect_error(const caf::error& err) const {
  // CAF renders these as "system_error(...)": say what a user can check.
  if (err == caf::sec::cannot_connect_to_node)
    return "nothing answers there (is `actordev builder` running, and "
           "listening on that address?)";
  if (err == caf::sec::disconnect_during_handshake)
    return "the TLS handshake failed (are this client's and the builder's "
           "certificates from the same CA? the builder's log says why it "
           "refused)";
  if (err == caf::sec::request_timeout)
    return fmt::format("no answer within {} ms", opts_.answer_timeout.count());
  return system().render(err);
}

builder_link::builder_link(caf::actor_config& cfg, builder_link_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , blobs_(opts_.blob_dir, opts_.blob_cap)
    , retry_(opts_.backoff) {}

std::string builder_link::name_of() const {
  return fmt::format("{}:{}", opts_.host, opts_.port);
}

caf::behavior builder_link::make_behavior() {
  // No folder: a link that only asks the builder's state (`builders`).
  if (auto err = opts_.blob_dir.empty() ? "" : blobs_.open(); !err.empty())
    note("cannot keep fetched blobs: " + err);
  set_down_handler([this](caf::down_msg& dm) {
    if (remote_ && dm.source == remote_.address())
      on_lost("the builder went away (" + to_string(dm.reason) + ")");
  });
  connect();
  return {
      [this](remote_build_atom, remote_job_ptr job) {
        auto asker = caf::actor_cast<caf::actor>(current_sender());
        if (!job || !asker)
          return;
        if (ready_)
          return start_job(std::move(job), std::move(asker));
        if (connecting_ || remote_) {
          waiting_.emplace_back(std::move(job), std::move(asker));
          return;
        }
        send(asker, remote_built_atom::value, job->id,
             "builder " + name_of() + " is not connected (" + last_error_ + ")",
             std::string{}, true);
      },
      [this](remote_cancel_atom, std::uint64_t id) {
        auto asker = caf::actor_cast<caf::actor>(current_sender());
        std::erase_if(waiting_, [&](const auto& w) {
          return w.first->id == id && w.second == asker;
        });
        for (auto& [bid, j] : jobs_)
          if (j.job->id == id && j.asker == asker) {
            if (remote_)
              send(remote_, [bid = bid] {
                msg::CancelBuild c;
                c.set_build_id(bid);
                return c;
              }());
            jobs_.erase(bid);
            return;
          }
      },
      [this](builder_status_atom) {
        return caf::make_message(info_, ready_, done_, last_error_,
                                 blobs_sent_, bytes_sent_);
      },
      [this](reconnect_atom) { connect(); },
      [this](msg::LogLine& line) {
        // Output of a build under way on the builder: to its asker.
        for (auto& [bid, j] : jobs_)
          if (j.at == job_state::stage::running &&
              j.job->resource == line.resource())
            return send(j.asker, std::move(line));
      },
      [this](msg::RemoteBuildDone& d) { on_done(d); },
      [this](fs_done_atom, std::uint64_t bid, const std::string& error) {
        auto* j = find(bid);
        if (!j)
          return;
        if (!error.empty())
          return end(bid, error, false);
        if (j->at == job_state::stage::scanning)
          return on_scanned(bid);
        if (j->at == job_state::stage::writing)
          return end(bid, "", false);
      },
  };
}

void builder_link::on_exit() {
  if (remote_)
    for (auto& [bid, j] : jobs_) {
      msg::CancelBuild c;
      c.set_build_id(bid);
      send(remote_, c);
    }
  jobs_.clear();
  remote_ = nullptr;
  opts_.log = nullptr;
  opts_.watcher = nullptr;
}

std::function<void(caf::error&)>
builder_link::lost_on_error(std::uint64_t bid) {
  // A request that failed (timed out, or the link dropped): the build may
  // run elsewhere.
  return [this, bid](caf::error& err) {
    end(bid, "builder " + name_of() + ": " + system().render(err), true);
  };
}

builder_link::job_state* builder_link::find(std::uint64_t id) {
  auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : &it->second;
}

void builder_link::note(const std::string& text) {
  if (opts_.log)
    send(opts_.log,
         system_line("actordev", "builder " + name_of() + ": " + text));
}

void builder_link::tell_watcher() {
  if (opts_.watcher)
    send(opts_.watcher, builder_up_atom::value, name_of(), ready_,
         static_cast<std::int32_t>(info_.slots()));
}

// --- the connection ------------------------------------------------------

void builder_link::connect() {
  if (remote_ || connecting_)
    return;
  connecting_ = true;
  auto mm = system().openssl_manager().actor_handle();
  request(mm, opts_.answer_timeout, caf::connect_atom::value, opts_.host,
          opts_.port)
      .then(
          [this](const caf::node_id&, caf::strong_actor_ptr& ptr,
                 const std::set<std::string>&) {
            connecting_ = false;
            auto remote = caf::actor_cast<caf::actor>(std::move(ptr));
            if (!remote)
              return on_lost("nothing is published there");
            on_connected(std::move(remote));
          },
          [this](caf::error& err) {
            connecting_ = false;
            on_lost("cannot connect: " + connect_error(err));
          });
}

void builder_link::on_connected(caf::actor remote) {
  remote_ = std::move(remote);
  monitor(remote_);
  msg::BuilderHello hello;
  const auto* pw = ::getpwuid(::getuid());
  const char* user = pw ? pw->pw_name : std::getenv("USER");
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  hello.set_client(fmt::format("{}@{}", user ? user : "?", host));
  request(remote_, opts_.answer_timeout, std::move(hello))
      .then(
          [this](msg::BuilderInfo& info) {
            bool was_down = !last_error_.empty();
            info_ = std::move(info);
            retry_ = opts_.backoff;
            note(fmt::format("connected ({} slots){}", info_.slots(),
                             was_down ? ", again" : ""));
            last_error_.clear();
            ready_ = true;
            tell_watcher();
            auto waiting = std::move(waiting_);
            waiting_.clear();
            for (auto& [job, asker] : waiting)
              start_job(std::move(job), std::move(asker));
          },
          [this](caf::error& err) {
            on_lost("no answer to hello: " + system().render(err));
          });
}

void builder_link::on_lost(const std::string& why) {
  if (why != last_error_)
    note(why + fmt::format("; trying again in {} ms", retry_.count()));
  last_error_ = why;
  bool was_ready = ready_;
  ready_ = false;
  if (was_ready)
    tell_watcher();
  for (auto& [job, asker] : waiting_)
    send(asker, remote_built_atom::value, job->id,
         "builder " + name_of() + ": " + why, std::string{}, true);
  waiting_.clear();
  if (remote_) {
    demonitor(remote_);
    remote_ = nullptr;
  }
  info_.Clear();
  // Every job on it is lost: its asker runs it elsewhere.
  std::vector<std::uint64_t> ids;
  for (const auto& [bid, j] : jobs_)
    ids.push_back(bid);
  for (auto bid : ids)
    end(bid, "builder " + name_of() + ": " + why, true);
  delayed_send(this, retry_, reconnect_atom::value);
  retry_ = std::min(retry_ * 2, opts_.backoff_cap);
}

// --- a job -----------------------------------------------------------------

void builder_link::start_job(remote_job_ptr job, caf::actor asker) {
  auto bid = ++next_build_id_;
  auto& j = jobs_[bid];
  j.job = job;
  j.asker = std::move(asker);
  j.build_id = bid;
  j.work = std::make_shared<adapters::file_tree>();
  j.seed = std::make_shared<adapters::file_tree>();
  j.sources = std::make_shared<scan_sources>();
  spawn_fs_job(this, caf::actor_cast<caf::actor>(this), bid,
               [job, work = j.work, seed = j.seed, sources = j.sources,
                cache = digests_] {
                 auto scan = [&](const std::vector<tree_root>& roots,
                                 adapters::file_tree& tree,
                                 adapters::tree_sources& from) {
                   for (const auto& r : roots)
                     if (auto e = adapters::scan_tree(
                             r.path, r.prefix, tree,
                             {r.include, &from, cache.get()});
                         !e.empty())
                       return e;
                   return std::string{};
                 };
                 auto e = scan(job->work, *work, sources->work);
                 return e.empty() ? scan(job->output_seed, *seed, sources->seed)
                                  : e;
               });
}

void builder_link::on_scanned(std::uint64_t bid) {
  auto& j = *find(bid);
  const auto& job = *j.job;
  auto& r = j.request;
  r.set_build_id(bid);
  r.set_resource(job.resource);
  r.set_image(job.image);
  to_wire(*j.work, *r.mutable_work());
  to_wire(*j.seed, *r.mutable_output_seed());
  for (const auto* t : {&r.work(), &r.output_seed()})
    if (auto err = remote::check_tree(*t); !err.empty())
      return end(bid, "the build's files cannot be sent: " + err, false);
  // Where each digest can be read here, to upload it or to make the output.
  for (const auto& [tree, sources] :
       {std::pair{j.work.get(), &j.sources->work},
        std::pair{j.seed.get(), &j.sources->seed}})
    for (const auto& e : *tree)
      if (auto it = sources->find(e.path); it != sources->end())
        j.local.emplace(e.digest, it->second);
  j.sources.reset();
  r.set_command(job.command);
  for (const auto& [name, value] : job.env) {
    auto* v = r.add_env();
    v->set_name(name);
    v->set_value(value);
  }
  r.set_work_subdir(job.work_subdir);
  r.set_return_output(!job.output_dir.empty());
  r.set_ref_file(job.ref_file);
  r.set_grace_ms(job.grace.count());
  j.at = job_state::stage::sending;
  request(remote_, opts_.answer_timeout, r)
      .then(
          [this, bid](msg::MissingBlobs& missing) {
            auto* s = find(bid);
            if (!s)
              return;
            if (!missing.error().empty())
              return end(bid, missing.error(), true);
            for (auto& d : *missing.mutable_digests())
              s->to_send.push_back(std::move(d));
            send_next_chunk(bid);
          },
          lost_on_error(bid));
}

void builder_link::send_next_chunk(std::uint64_t bid) {
  auto* j = find(bid);
  if (!j)
    return;
  if (j->to_send.empty()) {
    msg::StartBuild start;
    start.set_build_id(bid);
    request(remote_, opts_.answer_timeout, start)
        .then(
            [this, bid](msg::BlobAck& ack) {
              auto* s = find(bid);
              if (!s)
                return;
              if (!ack.error().empty())
                return end(bid, "builder " + name_of() + ": " + ack.error(),
                           false);
              s->at = job_state::stage::running;
            },
            lost_on_error(bid));
    return;
  }
  const auto& digest = j->to_send.front();
  auto it = j->local.find(digest);
  std::string error;
  auto data = it == j->local.end()
                  ? std::string{}
                  : adapters::read_piece(it->second, j->offset,
                                         remote::chunk_bytes, error);
  if (it == j->local.end())
    error = "no local file has content " + digest;
  if (!error.empty())
    return end(bid, "cannot send the build's files: " + error, false);
  msg::BlobChunk chunk;
  chunk.set_build_id(bid);
  chunk.set_digest(digest);
  chunk.set_offset(j->offset);
  chunk.set_last(data.size() < remote::chunk_bytes);
  j->offset += data.size();
  bytes_sent_ += data.size();
  blobs_sent_ += chunk.last() ? 1 : 0;
  j->sent_bytes += data.size();
  j->sent_files += chunk.last() ? 1 : 0;
  chunk.set_data(std::move(data));
  bool last = chunk.last();
  request(remote_, opts_.answer_timeout, std::move(chunk))
      .then(
          [this, bid, last](msg::BlobAck& ack) {
            auto* s = find(bid);
            if (!s)
              return;
            if (!ack.error().empty())
              return end(bid,
                         "builder " + name_of() + " refused a file: " +
                             ack.error() + " (did it change while sent?)",
                         false);
            if (last) {
              s->to_send.pop_front();
              s->offset = 0;
            }
            send_next_chunk(bid);
          },
          lost_on_error(bid));
}

void builder_link::on_done(msg::RemoteBuildDone& result) {
  auto bid = result.build_id();
  auto* j = find(bid);
  if (!j || j->at != job_state::stage::running)
    return;
  if (!result.error().empty())
    return end(bid, result.error(), false);
  j->ref = result.ref();
  if (j->job->output_dir.empty())
    return end(bid, "", false);
  if (auto err = remote::check_tree(result.output()); !err.empty())
    return end(bid, "builder " + name_of() + " sent a bad output: " + err,
               false);
  j->output = std::make_shared<adapters::file_tree>(from_wire(result.output()));
  j->at = job_state::stage::fetching;
  std::set<std::string> queued;
  for (const auto& e : *j->output)
    if (e.kind == adapters::entry_kind::file && !j->local.count(e.digest) &&
        !blobs_.has(e.digest) && queued.insert(e.digest).second) {
      if (fetch_owner_.count(e.digest))
        j->awaiting.emplace(e.digest, e.size);
      else
        queue_fetch(*j, e.digest, e.size);
    }
  fetch_more(bid);
}

void builder_link::queue_fetch(job_state& j, const std::string& digest,
                               std::uint64_t size) {
  fetch_owner_[digest] = j.build_id;
  std::uint64_t at = 0;
  do
    j.to_fetch.push_back({digest, at});
  while ((at += remote::chunk_bytes) < size);
}

void builder_link::wake_awaiting() {
  std::vector<std::uint64_t> waiting;
  for (const auto& [bid, j] : jobs_)
    if (j.at == job_state::stage::fetching && !j.awaiting.empty())
      waiting.push_back(bid);
  for (auto bid : waiting)
    fetch_more(bid);
}

void builder_link::fetch_more(std::uint64_t bid) {
  // Pieces asked for at once: the round trips overlap, and a piece is
  // still written before the next is asked for past the window.
  constexpr std::size_t fetch_window = 4;
  auto* j = find(bid);
  if (!j || j->at != job_state::stage::fetching)
    return;
  // Blobs another job was fetching: there now, or to fetch here if that
  // job gave up.
  for (auto it = j->awaiting.begin(); it != j->awaiting.end();) {
    if (blobs_.has(it->first)) {
      it = j->awaiting.erase(it);
    } else if (!fetch_owner_.count(it->first)) {
      queue_fetch(*j, it->first, it->second);
      it = j->awaiting.erase(it);
    } else {
      ++it;
    }
  }
  if (j->to_fetch.empty() && j->fetching.empty()) {
    if (j->awaiting.empty())
      write_output(bid);
    return;
  }
  while (!j->to_fetch.empty() && j->fetching.size() < fetch_window) {
    j->fetching.push_back(j->to_fetch.front());
    j->to_fetch.pop_front();
    msg::FetchBlob f;
    f.set_build_id(bid);
    f.set_digest(j->fetching.back().digest);
    f.set_offset(j->fetching.back().offset);
    request(remote_, opts_.answer_timeout, f)
        .then(
            [this, bid](msg::BlobChunk& c) {
              auto* s = find(bid);
              if (!s)
                return;
              if (s->fetching.empty() ||
                  c.digest() != s->fetching.front().digest ||
                  c.offset() != s->fetching.front().offset ||
                  c.data().size() > remote::chunk_bytes)
                return end(bid, "builder " + name_of() + " sent a wrong piece",
                           false);
              // put_chunk checks the digest of the whole blob at its end.
              if (auto err = blobs_.put_chunk(c.digest(), c.offset(), c.data(),
                                              c.last());
                  !err.empty())
                return end(bid, "the built output is damaged: " + err, false);
              s->fetched_bytes += c.data().size();
              s->fetching.pop_front();
              if (c.last()) {
                fetch_owner_.erase(c.digest());
                wake_awaiting();
              }
              fetch_more(bid);
            },
            lost_on_error(bid));
  }
}

void builder_link::write_output(std::uint64_t bid) {
  auto& j = *find(bid);
  j.at = job_state::stage::writing;
  std::map<std::string, std::string> paths = j.local;
  for (const auto& e : *j.output)
    if (e.kind == adapters::entry_kind::file && !paths.count(e.digest)) {
      blobs_.pin(e.digest);
      paths[e.digest] = blobs_.use(e.digest);
    }
  spawn_fs_job(
      this, caf::actor_cast<caf::actor>(this), bid,
      [out = j.output, dir = j.job->output_dir, paths = std::move(paths)] {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        return adapters::write_tree(*out, dir, [&](const std::string& d) {
          auto it = paths.find(d);
          return it == paths.end() ? std::string{} : it->second;
        });
      });
}

void builder_link::end(std::uint64_t bid, const std::string& error, bool lost) {
  auto it = jobs_.find(bid);
  if (it == jobs_.end())
    return;
  auto& j = it->second;
  // Blobs it was fetching: what came of them goes; a job waiting for one
  // fetches it itself.
  bool released = false;
  for (auto o = fetch_owner_.begin(); o != fetch_owner_.end();)
    if (o->second == bid) {
      blobs_.drop_partial(o->first);
      o = fetch_owner_.erase(o);
      released = true;
    } else {
      ++o;
    }
  if (j.output)
    for (const auto& e : *j.output)
      blobs_.unpin(e.digest);
  blobs_.evict();
  if (remote_) { // the builder may forget it: its folder, its slot
    msg::CancelBuild c;
    c.set_build_id(bid);
    send(remote_, c);
  }
  if (error.empty()) {
    ++done_;
    // What a user sees of the traffic: a rebuild sends only what changed.
    msg::LogLine line = system_line(
        j.job->resource,
        fmt::format("image {} built on {}: sent {} files ({}), fetched {}",
                    j.job->image, name_of(), j.sent_files,
                    human_bytes(j.sent_bytes), human_bytes(j.fetched_bytes)));
    send(j.asker, std::move(line));
  } else if (lost) {
    last_error_ = error;
  }
  send(j.asker, remote_built_atom::value, j.job->id, error, j.ref, lost);
  jobs_.erase(it);
  if (released)
    wake_awaiting();
}

} // namespace actordev
