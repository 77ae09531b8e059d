#include "adapters/process_group.hpp"

#include "adapters/process_table.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <set>
#include <thread>
#include <unistd.h>
#include <utility>

namespace actordev::adapters {

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds first_slice{5};
constexpr milliseconds longest_slice{50};

bool group_exists(pid_t pgid) {
  return ::kill(-pgid, 0) == 0 || errno == EPERM;
}

/// The state of one kill_process_group call: the groups found so far.
class group_stopper {
public:
  group_stopper(pid_t pgid, stop_wait wait)
      : pgid_(pgid)
      , keep_{::getpgrp(), ::getsid(0)}
      , wait_(std::move(wait)) {
    if (pgid_ > 1 && !keep_.count(pgid_))
      groups_.insert(pgid_);
  }

  /// Looks for new groups (sending them `sig`, unless 0) and answers whether
  /// anything in the groups is alive.
  bool refresh(int sig) {
    if (std::none_of(groups_.begin(), groups_.end(), group_exists))
      return false; // cheap: no /proc scan
    auto table = read_process_table();
    if (!table) // no procfs: trust kill(2), which counts zombies as alive
      return true;
    for (auto group : groups_to_stop(*table, pgid_, keep_)) {
      if (groups_.insert(group).second && sig != 0)
        send(group, sig);
    }
    return any_alive(*table, groups_);
  }

  void send_all(int sig) {
    for (auto group : groups_)
      send(group, sig);
  }

  /// Waits until nothing in the groups is alive (true) or `deadline`.
  bool wait_until_ended(clock::time_point deadline, int sig) {
    auto slice = first_slice;
    for (;;) {
      if (!refresh(sig))
        return true;
      auto now = clock::now();
      if (now >= deadline)
        return false;
      wait_for(std::min(deadline, now + slice));
      slice = std::min(slice * 2, longest_slice);
    }
  }

private:
  static void send(pid_t group, int sig) {
    ::kill(-group, sig);
    if (sig == SIGTERM)
      ::kill(-group, SIGCONT);
  }

  /// Calls wait_ until `until`; it may return early, /proc is not scanned
  /// more than once a slice.
  void wait_for(clock::time_point until) {
    for (auto now = clock::now(); now < until; now = clock::now())
      wait_(std::chrono::ceil<milliseconds>(until - now));
  }

  pid_t pgid_;
  std::set<pid_t> keep_;
  std::set<pid_t> groups_;
  stop_wait wait_;
};

void sleep_for(milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

} // namespace

const char* to_string(group_stop how) {
  switch (how) {
  case group_stop::gone:
    return "gone";
  case group_stop::terminated:
    return "terminated";
  case group_stop::killed:
    return "killed";
  case group_stop::survived:
    return "survived";
  }
  return "?";
}

group_stop kill_process_group(pid_t pgid, milliseconds grace) {
  return kill_process_group(pgid, grace, sleep_for);
}

group_stop kill_process_group(pid_t pgid, milliseconds grace,
                              const stop_wait& wait) {
  group_stopper stopper(pgid, wait);
  // Whatever the outcome, SIGKILL goes to groups that still exist: it is
  // harmless to zombies and ends a process whose main thread alone exited
  // (its /proc state reads 'Z' while its other threads run).
  if (!stopper.refresh(0)) {
    stopper.send_all(SIGKILL);
    return group_stop::gone;
  }
  if (grace > milliseconds::zero()) {
    stopper.send_all(SIGTERM);
    if (stopper.wait_until_ended(clock::now() + grace, SIGTERM)) {
      stopper.send_all(SIGKILL);
      return group_stop::terminated;
    }
  }
  stopper.send_all(SIGKILL);
  if (stopper.wait_until_ended(clock::now() + kill_wait, SIGKILL))
    return group_stop::killed;
  return group_stop::survived;
}

bool process_group_alive(pid_t pgid) {
  group_stopper stopper(pgid, sleep_for);
  return stopper.refresh(0);
}

} // namespace actordev::adapters
