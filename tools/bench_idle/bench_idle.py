#!/usr/bin/env python3
"""bench_idle: what an idle `actordev up` costs: CPU and memory.

The project: 100 resources `cmd: true`, each with `deps` on its own folder
of 100 files (10,000 files, 100 folders). `actordev up` starts, runs every
resource once, and is left alone until it has settled: no child process,
and its output unchanged for 3 s in a row. Then, for the measured window
(60 s; ACTORDEV_BENCH_IDLE_SECONDS or --seconds to change it):

- CPU: the delta of utime + stime in /proc/PID/stat (every thread of the
  process, live or exited; not its children, which are done), over the
  window's wall time, as a percentage of one core; also by 10 s slice,
  and per live thread,
  with its voluntary context switches (/proc/PID/task/*/status: each is the
  thread going to sleep, so one wake-up) per second;
- memory, at the end: VmRSS (resident now), VmHWM (peak resident since
  start, the start-up included) and RssAnon from /proc/PID/status;
- the inotify watches the process holds (/proc/PID/fdinfo), as a check that
  it does watch the folders.

Exit status: 0; 1 when actordev exits or does not settle in 300 s; 2 for a
wrong command line.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

RESOURCES = 100
FILES_PER_RESOURCE = 100
QUIET_S = 3
SLICE_S = 10
SETTLE_TIMEOUT_S = 300
CLK_TCK = os.sysconf("SC_CLK_TCK")


def write_project(base):
    lines = ["version: 1", "resources:"]
    for i in range(RESOURCES):
        folder = os.path.join(base, "src", f"r{i:03}")
        os.makedirs(folder)
        for j in range(FILES_PER_RESOURCE):
            with open(os.path.join(folder, f"f{j:03}.txt"), "w") as f:
                f.write(f"resource {i} file {j}\n")
        lines += [f"  r{i:03}:", "    cmd: true", f"    deps: [src/r{i:03}]"]
    path = os.path.join(base, "actordev.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def cpu_ticks(stat_path):
    """utime + stime of a /proc stat file, in clock ticks."""
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): utime and stime are fields 14 and 15.
    return int(fields[11]) + int(fields[12])


def thread_times(pid):
    """{tid: (name, ticks, voluntary switches, involuntary switches)} for
    every live thread. A voluntary switch is the thread going to sleep (so
    one wake-up later); an involuntary one, being preempted."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            task = f"/proc/{pid}/task/{tid}"
            with open(f"{task}/comm") as f:
                name = f.read().strip()
            switches = {}
            with open(f"{task}/status") as f:
                for line in f:
                    key, _, rest = line.partition(":")
                    if key.endswith("ctxt_switches"):
                        switches[key] = int(rest)
            out[tid] = (name, cpu_ticks(f"{task}/stat"),
                        switches["voluntary_ctxt_switches"],
                        switches["nonvoluntary_ctxt_switches"])
        except FileNotFoundError:
            pass
    return out


def memory_kb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Threads"):
                values[key] = int(rest.split()[0])
    return values


def inotify_watches(pid):
    n = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != "anon_inode:inotify":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                n += sum(1 for line in f if line.startswith("inotify wd:"))
        except FileNotFoundError:
            pass
    return n


def has_children(pid):
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                if f.read().strip():
                    return True
        except FileNotFoundError:
            pass
    return False


def wait_settled(proc, log_path):
    """Returns the seconds it took to settle."""
    start = time.monotonic()
    last_size, quiet_since = -1, time.monotonic()
    while time.monotonic() - start < SETTLE_TIMEOUT_S:
        if proc.poll() is not None:
            raise RuntimeError(f"actordev exited ({proc.returncode}): see "
                               f"{log_path}")
        size = os.path.getsize(log_path)
        if size != last_size or has_children(proc.pid):
            last_size, quiet_since = size, time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_S:
            return quiet_since - start
        time.sleep(0.1)
    raise RuntimeError(f"actordev did not settle in {SETTLE_TIMEOUT_S} s")


def measure(pid, seconds):
    t0, ticks0 = time.monotonic(), cpu_ticks(f"/proc/{pid}/stat")
    threads0 = thread_times(pid)
    # Slices of 10 s show whether the cost is steady or comes in bursts.
    slices = []
    t, ticks = t0, ticks0
    while t - t0 < seconds - 1e-3:
        time.sleep(min(SLICE_S, seconds - (t - t0)))
        t_next, ticks_next = time.monotonic(), cpu_ticks(f"/proc/{pid}/stat")
        slices.append(100 * (ticks_next - ticks) / CLK_TCK / (t_next - t))
        t, ticks = t_next, ticks_next
    t1, ticks1 = t, ticks
    threads1 = thread_times(pid)
    wall = t1 - t0
    per_thread = []
    sleeps = preempted = 0
    for tid, (name, ticks, vol, invol) in threads1.items():
        before = threads0.get(tid, (name, 0, 0, 0))
        sleeps += vol - before[2]
        preempted += invol - before[3]
        per_thread.append((name, tid, (ticks - before[1]) / CLK_TCK,
                           (vol - before[2]) / wall))
    per_thread.sort(key=lambda t: -t[2])
    return {
        "wall": wall,
        "cpu_s": (ticks1 - ticks0) / CLK_TCK,
        "slices": slices,
        "per_thread": per_thread,
        "wakeups_per_s": sleeps / wall,
        "preempted_per_s": preempted / wall,
        "memory": memory_kb(pid),
        "watches": inotify_watches(pid),
    }


def report(m, settle_s, args, load_before, load_after):
    cpu_pct = 100 * m["cpu_s"] / m["wall"]
    mem = m["memory"]
    rss_mb, hwm_mb = mem["VmRSS"] / 1024, mem["VmHWM"] / 1024
    print(f"idle: {RESOURCES} resources, {RESOURCES * FILES_PER_RESOURCE} "
          f"files; settled {settle_s:.1f} s after start; measured "
          f"{m['wall']:.1f} s; load average {load_before:.2f} before, "
          f"{load_after:.2f} after")
    rows = [
        ("CPU", f"{cpu_pct:.2f}% of a core ({m['cpu_s']:.2f} s in "
                f"{m['wall']:.0f} s)"),
        (f"CPU by {SLICE_S} s", " / ".join(f"{c:.1f}%"
                                          for c in m["slices"])),
        ("wake-ups", f"{m['wakeups_per_s']:.0f}/s (voluntary context "
                     f"switches; {m['preempted_per_s']:.0f}/s preempted), "
                     f"{mem['Threads']} threads"),
        ("VmRSS", f"{rss_mb:.1f} MB"),
        ("VmHWM", f"{hwm_mb:.1f} MB"),
        ("RssAnon", f"{mem['RssAnon'] / 1024:.1f} MB"),
        ("inotify watches", str(m["watches"])),
    ]
    if args.markdown:
        print("\n| measure | value |")
        print("|---|--:|")
        for k, v in rows:
            print(f"| {k} | {v} |")
    else:
        for k, v in rows:
            print(f"{k:16} {v}")
    busy = [t for t in m["per_thread"] if t[2] > 0 or t[3] >= 1]
    if busy:
        print("by thread (CPU, wake-ups): " + ", ".join(
            f"{name}[{tid}] {s:.2f} s {w:.0f}/s"
            for name, tid, s, w in busy))
    print(f"targets: CPU under 1% of a core: "
          f"{'met' if cpu_pct < 1 else 'MISSED'} ({cpu_pct:.2f}%); "
          f"memory under 50 MB: {'met' if hwm_mb < 50 else 'MISSED'} "
          f"(VmHWM {hwm_mb:.1f} MB, VmRSS {rss_mb:.1f} MB)")


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get("BUILD_DIR",
                           os.path.join(here, "..", "..", "build"))
    env_seconds = os.environ.get("ACTORDEV_BENCH_IDLE_SECONDS")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--actordev", default=os.path.join(build, "tools",
                                                      "actordev"))
    p.add_argument("--seconds", type=float,
                   default=float(env_seconds) if env_seconds else None,
                   help="measured window (default 60, or "
                   "ACTORDEV_BENCH_IDLE_SECONDS)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: a 5 s window unless one is given")
    p.add_argument("--markdown", action="store_true",
                   help="print the table as Markdown")
    args = p.parse_args()
    if args.seconds is None:
        args.seconds = 5.0 if args.quick else 60.0
    if args.seconds <= 0:
        p.error("the measured window must be positive")
    if not os.access(args.actordev, os.X_OK):
        p.error(f"{args.actordev}: not an executable (build first, or pass "
                "--actordev)")
    args.actordev = os.path.abspath(args.actordev)
    return args


def main():
    args = parse_args()
    base = tempfile.mkdtemp(prefix="bench_idle.")
    log_path = os.path.join(base, "actordev.log")
    proc = None
    ok = False
    try:
        config = write_project(base)
        with open(log_path, "w") as log:
            proc = subprocess.Popen(
                [args.actordev, "up", "-f", config],
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        settle_s = wait_settled(proc, log_path)
        load_before = os.getloadavg()[0]
        m = measure(proc.pid, args.seconds)
        if proc.poll() is not None:
            raise RuntimeError(f"actordev exited ({proc.returncode}) while "
                               f"measured: see {log_path}")
        report(m, settle_s, args, load_before, os.getloadavg()[0])
        ok = True
    except RuntimeError as e:
        print(f"bench_idle: {e}", file=sys.stderr)
    finally:
        if proc and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if ok:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"bench_idle: log kept in {base}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
