#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace actordev::adapters {

/// A process group `actordev up` started, as `actordev down` will find it.
struct recorded_group {
  std::string resource;
  pid_t pgid = 0;                     ///< also the leader's pid
  unsigned long long start_ticks = 0; ///< the leader's start time (/proc)

  friend bool operator==(const recorded_group&,
                         const recorded_group&) = default;
};

/// Why the record could not be read or written: the file and the OS's words.
struct record_error {
  std::string path;
  std::string reason;
};

/// The process groups of a project's running `up`, one line each in
/// PROJECT/.actordev/processes. Every change rewrites the file atomically
/// (write a temporary, rename), so a crash never leaves half a record.
class run_record {
public:
  explicit run_record(std::string project_dir);

  /// The file the record lives in.
  const std::string& path() const { return path_; }

  /// Adds a group (replacing one with the same pgid).
  std::optional<record_error> add(const recorded_group& g);
  /// Removes the group with this pgid, if recorded.
  std::optional<record_error> remove(pid_t pgid);
  /// Every recorded group; none when there is no record. Lines that do not
  /// parse are skipped (a record from another version must not stop down).
  std::variant<std::vector<recorded_group>, record_error> read() const;

private:
  std::optional<record_error> write(const std::vector<recorded_group>& gs);

  std::string dir_;
  std::string path_;
};

/// The start time of a process in clock ticks since boot (field 22 of
/// /proc/PID/stat), or nothing when it does not exist.
std::optional<unsigned long long> process_start_ticks(pid_t pid);

/// True when the group's leader still runs and is the process recorded,
/// not a later one that reused its pid.
bool still_running(const recorded_group& g);

} // namespace actordev::adapters
