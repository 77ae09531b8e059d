#!/usr/bin/env python3
"""stress_remote_faults: builders killed or frozen mid-build, TRIALS times.

Two `actordev builder` processes (1 slot each) on loopback and a project
whose image `web` is a custom build (build_on: remote) that works for 1.5 s
in short steps and records where it runs in runs.log. Each trial edits the
source, runs `actordev ci`, and once the build has started (and the builder
recorded it) stops the builder running it: SIGKILL on even trials (then
starts a builder again on the same workdir, as a service manager would),
SIGSTOP of the builder and its builds on odd ones (thawed once ci ended).

Counted per trial:
  lost        ci did not exit 0, or the image does not hold this trial's
              source
  taken twice ci took more than one result for the image
  ran twice   the build's command finished more than once
  left        a process of the first build still runs 15 s after the trial
Printed: each count, and ci's wall time by signal (median, max).

Exit status: 0 when every count is 0; 1 otherwise.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
ACTORDEV = os.path.join(BUILD, "tools", "actordev")


def wait_until(cond, what, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


class Builder:
    def __init__(self, tls, workdir):
        self.tls, self.workdir, self.log = tls, workdir, workdir + ".log"
        self.start()

    def start(self):
        out = open(self.log, "w")
        self.p = subprocess.Popen(
            [ACTORDEV, "builder", "--listen", "127.0.0.1:0", "--tls", self.tls,
             "--workdir", self.workdir, "--slots", "1"],
            stdout=out, stderr=out, start_new_session=True)
        if not wait_until(lambda: "serving builds on" in read(self.log),
                          "the builder", 20):
            sys.exit(f"stress_remote_faults: no builder:\n{read(self.log)}")
        self.port = int(re.search(r"serving builds on 127\.0\.0\.1:(\d+)",
                                  read(self.log)).group(1))

    def session(self, sig):
        for pid in pids(lambda f: f[3] == str(self.p.pid)):
            os.kill(pid, sig)

    def stop(self):
        self.session(signal.SIGCONT)
        self.p.send_signal(signal.SIGTERM)
        try:
            self.p.wait(15)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def pids(match):
    """Live (not zombie) processes whose /proc stat fields after the name
    (state, ppid, pgrp, session, ...) satisfy match."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            text = read(f"/proc/{name}/stat")
            fields = text[text.rindex(")") + 2:].split()
        except ValueError:
            continue
        if len(fields) > 3 and fields[0] != "Z" and match(fields):
            out.append(int(name))
    return out


def write_project(project, builders):
    runs = os.path.join(project, "runs.log")
    with open(os.path.join(project, "src", "build.sh"), "w") as f:
        f.write(f"""echo "start $PWD $(cut -d' ' -f5 /proc/$$/stat) $(cat src/a.txt)" >> {runs}
for i in $(seq 15); do sleep 0.1; done
cp src/a.txt "$ACTORDEV_IMAGE_DIR/a.txt"
echo "end $PWD $(cat src/a.txt)" >> {runs}
""")
    listed = ", ".join(f'{{address: "127.0.0.1:{b.port}", tls: certs}}'
                       for b in builders)
    with open(os.path.join(project, "actordev.yaml"), "w") as f:
        f.write(f"""builders: [{listed}]
images:
  web:
    build_on: remote
    custom:
      command: sh src/build.sh
      deps: [src]
resources:
  web:
    container: {{image: web, cmd: exec sleep 1000}}
""")
    return runs


def trial(k, project, builders, runs, counts, times):
    sig = signal.SIGKILL if k % 2 == 0 else signal.SIGSTOP
    tag = f"trial-{k}"
    with open(os.path.join(project, "src", "a.txt"), "w") as f:
        f.write(tag + "\n")
    out = open(os.path.join(project, "ci.log"), "w")
    t0 = time.monotonic()
    ci = subprocess.Popen([ACTORDEV, "ci", "--timeout", "60s",
                           "--no-message-log"], cwd=project, stdout=out,
                          stderr=subprocess.STDOUT, start_new_session=True)
    started = lambda: [l.split() for l in read(runs).splitlines()
                       if l.startswith("start") and l.endswith(tag)]
    if not wait_until(lambda: started(), "a start", 30):
        counts["lost"] += 1
        ci.kill()
        ci.wait()
        return
    _, where, pgid, _ = started()[0]
    victim = next(b for b in builders if where.startswith(b.workdir + "/"))
    wait_until(lambda: f"{pgid} " in read(victim.workdir + "/.actordev/processes"),
               "the record", 10)
    if sig == signal.SIGKILL:
        victim.p.kill()
        victim.p.wait()
        victim.start()  # on the same workdir: stops what the killed one left
    else:
        victim.session(signal.SIGSTOP)
    try:
        code = ci.wait(90)
    except subprocess.TimeoutExpired:
        os.killpg(ci.pid, signal.SIGKILL)
        code = ci.wait()
    times[sig].append(time.monotonic() - t0)
    if sig == signal.SIGSTOP:
        victim.session(signal.SIGCONT)
    log = read(os.path.join(project, "ci.log"))
    image = read(os.path.join(project, ".actordev", "images", "web", "a.txt"))
    if code != 0 or image != tag + "\n":
        counts["lost"] += 1
        print(f"  {tag}: lost (exit {code}):\n{log}", file=sys.stderr)
    if log.count("image web built on") > 1:
        counts["taken twice"] += 1
    if not wait_until(lambda: not pids(lambda f: f[2] == pgid), "the end", 15):
        counts["left"] += 1
    ends = [l for l in read(runs).splitlines()
            if l.startswith("end") and l.endswith(tag)]
    if len(ends) > 1:
        counts["ran twice"] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="stress-remote-") as tmp:
        project = os.path.join(tmp, "project")
        os.makedirs(os.path.join(project, "src"))
        subprocess.run([ACTORDEV, "certs", "init", "certs"], cwd=project,
                       check=True, stdout=subprocess.DEVNULL)
        tls = os.path.join(project, "certs")
        builders = [Builder(tls, os.path.join(tmp, n)) for n in ("a", "b")]
        counts = {"lost": 0, "taken twice": 0, "ran twice": 0, "left": 0}
        times = {signal.SIGKILL: [], signal.SIGSTOP: []}
        try:
            for k in range(args.trials):
                # A restarted builder listens on a new port.
                runs = write_project(project, builders)
                trial(k, project, builders, runs, counts, times)
                print(f"\r{k + 1}/{args.trials}", end="", file=sys.stderr,
                      flush=True)
        finally:
            print(file=sys.stderr)
            for b in builders:
                b.stop()
        print(f"trials: {args.trials}")
        for name, n in counts.items():
            print(f"{name}: {n}")
        for sig, name in ((signal.SIGKILL, "SIGKILL"),
                          (signal.SIGSTOP, "SIGSTOP")):
            if times[sig]:
                print(f"ci with a builder {name}ed mid-build: median "
                      f"{statistics.median(times[sig]):.2f} s, max "
                      f"{max(times[sig]):.2f} s ({len(times[sig])} trials)")
    sys.exit(0 if not any(counts.values()) else 1)


if __name__ == "__main__":
    main()
