#!/usr/bin/env python3
"""bench_cold_start: wall time of `actordev ci` on 100 resources running
`true`, against a shell loop running the same 100 commands.

Cases, each timed from just before the process is spawned to just after it
has been reaped (so actordev's start-up, config load and shutdown count):

- ci, 1 resource: actordev's fixed cost, for reference;
- ci, 100 serial: 100 resources `cmd: true` (each run as `sh -c true`, as
  actordev runs a string command); without `allow_parallel` a local resource
  builds alone, so they run one after another;
- ci, 100 allow_parallel: the same with `allow_parallel: true`, so up to
  `max_parallel_updates` (default 3) run at once;
- shell loop: `sh -c 'for i in 1 ... 100; do sh -c true; done'`.

Each run is preceded by one untimed run of every case (page cache, first
exec); the cases then take turns, run after run, so machine noise falls on
all of them alike. Output goes to /dev/null. Reported: the median, min and
max wall time per case.

Exit status: 0; 1 when a run fails (ci not exiting 0); 2 for a wrong
command line.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RESOURCES = 100


def write_project(folder, n, parallel):
    os.makedirs(folder)
    lines = ["version: 1", "resources:"]
    for i in range(n):
        lines.append(f"  r{i:03}:")
        lines.append("    cmd: true")
        if parallel:
            lines.append("    allow_parallel: true")
    path = os.path.join(folder, "actordev.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def cases(base, actordev):
    ci = [actordev, "ci", "--timeout", "120s", "-f"]
    loop = " ".join(str(i) for i in range(1, RESOURCES + 1))
    return [
        ("actordev ci, 1 resource",
         ci + [write_project(os.path.join(base, "one"), 1, False)]),
        (f"actordev ci, {RESOURCES} serial",
         ci + [write_project(os.path.join(base, "serial"), RESOURCES,
                             False)]),
        (f"actordev ci, {RESOURCES} allow_parallel",
         ci + [write_project(os.path.join(base, "parallel"), RESOURCES,
                             True)]),
        (f"shell loop, {RESOURCES} x sh -c true",
         ["sh", "-c", f"for i in {loop}; do sh -c true; done"]),
    ]


def time_once(argv):
    """Wall time of one run in ms; raises when it does not exit 0."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {done.returncode}\n"
                           f"{done.stderr.decode(errors='replace')}")
    return elapsed


def report(results, args, load_before, load_after):
    print(f"cold start: {args.runs} runs per case, median (min-max) wall "
          f"time, load average {load_before:.2f} before, "
          f"{load_after:.2f} after")
    if args.markdown:
        print("\n| case | median ms | min ms | max ms |")
        print("|---|--:|--:|--:|")
    for name, times in results.items():
        med = statistics.median(times)
        if args.markdown:
            print(f"| {name} | {med:.0f} | {min(times):.0f} | "
                  f"{max(times):.0f} |")
        else:
            print(f"{name:38} {med:8.0f} ms  ({min(times):.0f}-"
                  f"{max(times):.0f})")
    names = list(results)
    shell = statistics.median(results[names[-1]])
    for name in names[1:3]:
        ratio = statistics.median(results[name]) / shell
        print(f"{name} / shell loop: {ratio:.1f}x")


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get("BUILD_DIR",
                           os.path.join(here, "..", "..", "build"))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--actordev", default=os.path.join(build, "tools",
                                                      "actordev"))
    p.add_argument("--runs", type=int, default=15,
                   help="timed runs per case (default 15)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 3 runs per case")
    p.add_argument("--markdown", action="store_true",
                   help="print the table as Markdown")
    args = p.parse_args()
    if args.quick:
        args.runs = 3
    if args.runs < 1:
        p.error("--runs must be at least 1")
    if not os.access(args.actordev, os.X_OK):
        p.error(f"{args.actordev}: not an executable (build first, or pass "
                "--actordev)")
    args.actordev = os.path.abspath(args.actordev)
    return args


def main():
    args = parse_args()
    base = tempfile.mkdtemp(prefix="bench_cold_start.")
    try:
        todo = cases(base, args.actordev)
        for _, argv in todo:
            time_once(argv)
        load_before = os.getloadavg()[0]
        results = {name: [] for name, _ in todo}
        for _ in range(args.runs):
            for name, argv in todo:
                results[name].append(time_once(argv))
        report(results, args, load_before, os.getloadavg()[0])
    except RuntimeError as e:
        print(f"bench_cold_start: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
