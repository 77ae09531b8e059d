#!/usr/bin/env python3
"""bench_latency: save-to-start latency of `actordev up`, beside entr.

One edit is: read CLOCK_REALTIME, write a watched file (open with O_TRUNC,
one write, close), then wait until the watcher's command reports that it
started. The command is bench_stamp (tools/bench_latency/stamp.cpp), whose
first action is reading CLOCK_REALTIME; it appends the reading to a FIFO that
this driver reads. Latency = the stamp's reading - the driver's reading.

Both watchers run for the whole run, each on its own file, and the edits
alternate between them (the order within a round is shuffled), so machine
noise falls on both alike:

- actordev: `actordev up` on a project with one resource `cmd`, whose `cmd`
  is [bench_stamp, FIFO] (a list: no shell) and whose `deps` is a folder
  holding the edited file; the default quiet window (20 ms).
- entr: `entr -np bench_stamp FIFO`, given the edited file on stdin.

After a start, the driver waits until the watcher has no child left, then
for the settle time plus a random 0-50 ms (so that edits do not fall in step
with any timer), and counts any further start as spurious.

Exit status: 0; 1 when an edit got no start within the timeout or a watcher
died; 2 for a wrong command line.
"""

import argparse
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

WARM_UP_EDITS = 3


def now_ns():
    return time.clock_gettime_ns(time.CLOCK_REALTIME)


def nearest_rank(sorted_values, p):
    """The p-th percentile by nearest rank (p in 0..100)."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[rank - 1]


def children_of(pid):
    """The live children of `pid` (every thread's), from /proc."""
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += f.read().split()
    except (FileNotFoundError, ProcessLookupError):
        pass
    return kids


class Watcher:
    """One tool under test: its process, the file it watches, and the FIFO
    its command reports starts on."""

    def __init__(self, name, edited_file, fifo):
        self.name = name
        self.edited_file = edited_file
        self.fifo = fifo
        # O_RDWR: the FIFO always has a writer, so reads never see EOF, and
        # bench_stamp's open for writing never blocks.
        self.fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        self.pending = b""
        self.proc = None
        self.latencies_ms = []
        self.misses = 0
        self.spurious = 0

    def next_stamp(self, timeout_s):
        """The next start reported, in ns, or None after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            self.pending += os.read(self.fd, 4096)
        line, self.pending = self.pending.split(b"\n", 1)
        return int(line)

    def drain(self):
        """How many starts were reported since the last read."""
        n = 0
        while self.next_stamp(0) is not None:
            n += 1
        return n

    def edit(self, i):
        """Writes the watched file; returns when the write began, in ns."""
        t = now_ns()
        fd = os.open(self.edited_file, os.O_WRONLY | os.O_TRUNC)
        os.write(fd, f"edit {i}\n".encode())
        os.close(fd)
        return t

    def settle(self, settle_s):
        deadline = time.monotonic() + 5
        while children_of(self.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(settle_s + random.uniform(0, 0.05))
        self.spurious += self.drain()

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc and self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.close(self.fd)


def start_actordev(base, actordev, stamp):
    project = os.path.join(base, "actordev")
    os.makedirs(os.path.join(project, "src"))
    edited = os.path.join(project, "src", "file.txt")
    with open(edited, "w") as f:
        f.write("start\n")
    fifo = os.path.join(base, "starts-actordev")
    os.mkfifo(fifo)
    config = os.path.join(project, "actordev.yaml")
    with open(config, "w") as f:
        f.write(
            "version: 1\n"
            "resources:\n"
            "  cmd:\n"
            f'    cmd: ["{stamp}", "{fifo}"]\n'
            "    deps: [src]\n"
        )
    w = Watcher("actordev", edited, fifo)
    log = os.path.join(base, "actordev.log")
    with open(log, "w") as out:
        w.proc = subprocess.Popen(
            [actordev, "up", "-f", config],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # The resource runs once at start (auto_init): then it is watching.
    if w.next_stamp(60) is None:
        w.stop()
        raise RuntimeError(f"actordev never ran its resource: see {log}")
    return w


def start_entr(base, entr, stamp):
    folder = os.path.join(base, "entr")
    os.makedirs(folder)
    edited = os.path.join(folder, "file.txt")
    with open(edited, "w") as f:
        f.write("start\n")
    fifo = os.path.join(base, "starts-entr")
    os.mkfifo(fifo)
    w = Watcher("entr", edited, fifo)
    log = os.path.join(base, "entr.log")
    with open(log, "w") as out:
        w.proc = subprocess.Popen(
            [entr, "-np", stamp, fifo],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    w.proc.stdin.write(f"{edited}\n".encode())
    w.proc.stdin.close()
    # entr says nothing once it watches: edit until a start comes.
    for i in range(50):
        w.edit(-1 - i)
        if w.next_stamp(0.2) is not None:
            return w
    w.stop()
    raise RuntimeError(f"entr never ran its command: see {log}")


def run(watchers, edits, settle_s, timeout_s):
    for w in watchers:
        w.settle(settle_s)
        for i in range(WARM_UP_EDITS):
            w.edit(i)
            w.next_stamp(timeout_s)
            w.settle(settle_s)
        w.spurious = 0
    for i in range(edits):
        order = list(watchers)
        random.shuffle(order)
        for w in order:
            if not w.alive():
                raise RuntimeError(f"{w.name} exited ({w.proc.returncode})")
            written = w.edit(i)
            started = w.next_stamp(timeout_s)
            if started is None:
                w.misses += 1
            else:
                w.latencies_ms.append((started - written) / 1e6)
            w.settle(settle_s)


def summary(w):
    v = sorted(w.latencies_ms)
    if not v:
        return None
    return {
        "p50": nearest_rank(v, 50),
        "p99": nearest_rank(v, 99),
        "max": v[-1],
        "min": v[0],
        "mean": sum(v) / len(v),
    }


def report(watchers, args, load_before, load_after):
    stats = {w.name: summary(w) for w in watchers}
    print(
        f"save-to-start latency: {args.edits} edits per watcher, "
        f"settle {args.settle_ms} ms + 0-50 ms, load average "
        f"{load_before:.2f} before, {load_after:.2f} after"
    )
    if args.markdown:
        print("\n| watcher | edits | p50 ms | p99 ms | max ms | min ms | "
              "missed | spurious |")
        print("|---|--:|--:|--:|--:|--:|--:|--:|")
    else:
        print(f"{'watcher':10} {'edits':>6} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'max ms':>8} {'min ms':>8} {'missed':>7} {'spurious':>8}")
    for w in watchers:
        s = stats[w.name] or dict.fromkeys(["p50", "p99", "max", "min"], 0)
        n = len(w.latencies_ms)
        if args.markdown:
            print(f"| {w.name} | {n} | {s['p50']:.2f} | {s['p99']:.2f} | "
                  f"{s['max']:.2f} | {s['min']:.2f} | {w.misses} | "
                  f"{w.spurious} |")
        else:
            print(f"{w.name:10} {n:>6} {s['p50']:>8.2f} {s['p99']:>8.2f} "
                  f"{s['max']:>8.2f} {s['min']:>8.2f} {w.misses:>7} "
                  f"{w.spurious:>8}")
    a, e = stats.get("actordev"), stats.get("entr")
    if a and e:
        print(f"\nactordev / entr: p50 {a['p50'] / e['p50']:.1f}x, "
              f"p99 {a['p99'] / e['p99']:.1f}x, max "
              f"{a['max'] / e['max']:.1f}x")
    if a:
        verdict = "met" if a["p50"] < 30 else "MISSED"
        print(f"target (actordev p50 under 30 ms): {verdict} "
              f"({a['p50']:.2f} ms)")


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get("BUILD_DIR",
                           os.path.join(here, "..", "..", "build"))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--actordev", default=os.path.join(build, "tools",
                                                      "actordev"))
    p.add_argument("--stamp", default=os.path.join(build, "tools",
                                                   "bench_stamp"))
    p.add_argument("--entr", default=shutil.which("entr"),
                   help="entr to compare with (default: on PATH; none: "
                   "actordev alone)")
    p.add_argument("--edits", type=int, default=300,
                   help="measured edits per watcher (default 300)")
    p.add_argument("--settle-ms", type=int, default=100,
                   help="wait after each start, once its command is done "
                   "(default 100)")
    p.add_argument("--timeout-ms", type=int, default=5000,
                   help="an edit with no start by then is missed")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 30 edits per watcher")
    p.add_argument("--markdown", action="store_true",
                   help="print the table as Markdown")
    args = p.parse_args()
    if args.quick:
        args.edits = 30
    for tool in (args.actordev, args.stamp):
        if not os.access(tool, os.X_OK):
            p.error(f"{tool}: not an executable (build first, or pass "
                    "--actordev/--stamp)")
    args.actordev = os.path.abspath(args.actordev)
    args.stamp = os.path.abspath(args.stamp)
    return args


def main():
    args = parse_args()
    if not args.entr:
        print("bench_latency: entr not found: measuring actordev alone "
              "(apt-get install entr)", file=sys.stderr)
    base = tempfile.mkdtemp(prefix="bench_latency.")
    watchers = []
    ok = False
    try:
        watchers.append(start_actordev(base, args.actordev, args.stamp))
        if args.entr:
            watchers.append(start_entr(base, args.entr, args.stamp))
        load_before = os.getloadavg()[0]
        run(watchers, args.edits, args.settle_ms / 1000,
            args.timeout_ms / 1000)
        report(watchers, args, load_before, os.getloadavg()[0])
        ok = all(w.misses == 0 for w in watchers)
    except RuntimeError as e:
        print(f"bench_latency: {e}", file=sys.stderr)
        return 1
    finally:
        for w in watchers:
            w.stop()
        if ok:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"bench_latency: logs kept in {base}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
