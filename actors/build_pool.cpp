#include "actors/build_pool.hpp"

#include "actors/manifest_messages.hpp"
#include "messages/caf_types.hpp"

namespace actordev {

namespace {

/// (untried_atom, job id, member): a build lost on that member may go to
/// it again.
using untried_atom = caf::atom_constant<caf::atom("untried")>;

/// "image web", or "cmd" for a local resource's command.
std::string what(const remote_job& job) {
  return job.image.empty() ? std::string{"cmd"} : "image " + job.image;
}

} // namespace

build_pool::build_pool(caf::actor_config& cfg, build_pool_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior build_pool::make_behavior() {
  for (const auto& b : opts_.builders) {
    builder_link_options l;
    l.host = b.host;
    l.port = static_cast<std::uint16_t>(b.port);
    // A folder per builder: two links never write one blob's pieces at once.
    auto name = b.address();
    for (auto& ch : name)
      if (ch == ':' || ch == '[' || ch == ']' || ch == '/')
        ch = '_';
    l.blob_dir = opts_.blob_dir + "/" + name;
    l.log = opts_.log;
    l.watcher = caf::actor_cast<caf::actor>(this);
    l.answer_timeout = opts_.answer_timeout;
    // Not detached: CAF 0.17 can hang its shutdown on a detached actor that
    // talked to a remote node (its private thread waits for a reference the
    // network layer still holds; fixed upstream in 0.18). The link's file
    // work runs in fs_jobs, so it never blocks a scheduler thread for long.
    links_.push_back(spawn<builder_link>(std::move(l)));
    members_.push_back({b.address(), false, b.slots, 0, false});
    tell_scheduler(members_.size() - 1);
  }
  return {
      [this](pool_build_atom, remote_job_ptr spec, std::int32_t where,
             const std::string& builder) {
        auto asker = caf::actor_cast<caf::actor>(current_sender());
        if (!spec || !asker)
          return;
        auto id = ++next_id_;
        auto copy = std::make_shared<remote_job>(*spec);
        copy->id = id;
        job j;
        j.spec = std::move(copy);
        j.asker_id = spec->id;
        j.asker = std::move(asker);
        j.where = static_cast<remote::place>(where);
        for (std::size_t i = 0; i < members_.size(); ++i)
          if (members_[i].name == builder)
            j.chosen = i;
        j.tried.assign(members_.size(), false);
        jobs_.emplace(id, std::move(j));
        dispatch();
      },
      [this](remote_cancel_atom, std::uint64_t asker_id) {
        auto asker = caf::actor_cast<caf::actor>(current_sender());
        for (auto it = jobs_.begin(); it != jobs_.end(); ++it)
          if (it->second.asker == asker && it->second.asker_id == asker_id) {
            if (it->second.on) {
              send(links_[*it->second.on], remote_cancel_atom::value, it->first);
              --members_[*it->second.on].busy;
            }
            jobs_.erase(it);
            dispatch();
            return;
          }
      },
      [this](builder_up_atom, const std::string& name, bool connected,
             std::int32_t slots) {
        for (std::size_t i = 0; i < members_.size(); ++i) {
          if (members_[i].name != name)
            continue;
          auto cap = opts_.builders[i].slots;
          members_[i].connected = connected;
          members_[i].slots = cap > 0 && cap < slots ? cap : slots;
          // Back again: builds lost on it may try it again.
          if (connected)
            for (auto& [id, j] : jobs_)
              j.tried[i] = false;
          tell_scheduler(i);
        }
        dispatch();
      },
      [this](untried_atom, std::uint64_t id, std::uint64_t member) {
        if (auto it = jobs_.find(id);
            it != jobs_.end() && member < it->second.tried.size()) {
          it->second.tried[member] = false;
          dispatch();
        }
      },
      [this](msg::LogLine& line) {
        // A build's output, from a link: to the build's asker.
        for (auto& [id, j] : jobs_)
          if (j.on && j.spec->resource == line.resource())
            return send(j.asker, std::move(line));
      },
      [this](remote_built_atom, std::uint64_t id, const std::string& error,
             const std::string& ref,
             bool lost) { on_built(id, error, ref, lost); },
  };
}

void build_pool::on_exit() {
  for (const auto& link : links_)
    send_exit(link, caf::exit_reason::user_shutdown);
  links_.clear();
  jobs_.clear();
  opts_.log = nullptr;
  opts_.scheduler = nullptr;
}

void build_pool::tell_scheduler(std::size_t member) {
  if (!opts_.scheduler)
    return;
  const auto& m = members_[member];
  msg::Event e;
  auto* status = e.mutable_builder_status();
  status->set_address(m.name);
  status->set_connected(m.connected);
  status->set_slots(m.slots);
  send(opts_.scheduler, std::move(e));
}

std::vector<remote::builder_view> build_pool::views(const job& j) const {
  auto out = members_;
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].tried = j.tried[i];
  return out;
}

void build_pool::dispatch() {
  for (auto& [id, j] : jobs_)
    if (!j.on && place(id, j))
      return dispatch(); // jobs_ changed: start over
}

bool build_pool::place(std::uint64_t id, job& j) {
  // The engine's choice first; a build it did not place (or lost on that
  // builder) goes where it went last.
  std::optional<std::size_t> last = j.chosen;
  if (auto it = last_.find(j.spec->image); !last && it != last_.end())
    last = it->second;
  auto c = remote::choose_builder(views(j), j.where, last);
  switch (c.at) {
  case remote::choice::where::builder:
    j.on = c.builder;
    ++members_[c.builder].busy;
    j.waiting.clear();
    send(links_[c.builder], remote_build_atom::value, j.spec);
    return false;
  case remote::choice::where::local:
    send(j.asker, build_here_atom::value, j.asker_id);
    jobs_.erase(id);
    return true;
  case remote::choice::where::wait:
    if (c.why != j.waiting && opts_.log)
      send(opts_.log,
           system_line(j.spec->resource, what(*j.spec) + ": " + c.why));
    j.waiting = c.why;
    return false;
  }
  return false;
}

void build_pool::on_built(std::uint64_t id, const std::string& error,
                          const std::string& ref, bool lost) {
  auto it = jobs_.find(id);
  if (it == jobs_.end() || !it->second.on)
    return;
  auto& j = it->second;
  auto member = *j.on;
  --members_[member].busy;
  j.on.reset();
  if (lost) {
    // Not on it again at once; after a pause it may be (a builder that
    // refused for want of a slot frees one without dropping the link).
    j.tried[member] = true;
    delayed_send(this, std::chrono::seconds{1}, untried_atom::value, id,
                 static_cast<std::uint64_t>(member));
    // Said once per reason: a builder that keeps refusing is retried
    // quietly.
    if (opts_.log && error != j.lost_said)
      send(opts_.log, system_line(j.spec->resource,
                                  what(*j.spec) + ": " + error +
                                      "; building it elsewhere, or once a "
                                      "builder is free"));
    j.lost_said = error;
  } else {
    if (error.empty())
      last_[j.spec->image] = member;
    send(j.asker, remote_built_atom::value, j.asker_id, error, ref, false);
    jobs_.erase(it);
  }
  dispatch();
}

} // namespace actordev
