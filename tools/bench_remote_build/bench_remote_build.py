#!/usr/bin/env python3
"""bench_remote_build: builds on `actordev builder` processes vs on this
machine, all on loopback.

1. Rebuild time. A project whose image `web` is a custom build of a
   context of FILES text files (SIZE in all): `tar | gzip -1` of it into
   the image. `actordev up` brings it up; then each round appends a line to
   one file and measures save -> `web ● ready` again (a full rebuild: no
   live_update). Once with build_on: local, once with build_on: remote on
   one builder (after the first build, whose upload is reported apart).
   Also: what the remote builds sent and fetched, from up's own lines
   ("image web built on ...: sent N files (X), fetched Y").
2. Throughput. IMAGES images, each a CPU-bound custom build (a shell loop)
   of a one-file context, run by IMAGES container resources, with
   max_parallel_updates 4 and build_on: remote: wall time of `actordev ci`
   with 1 builder of 1 slot, then with 2 builders of 1 slot each.

Exit status: 0; 1 when a run failed or timed out.
"""

import argparse
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
ACTORDEV = os.path.join(BUILD, "tools", "actordev")
READY = re.compile(r"^web\s+● ready")
SENT = re.compile(r"image web built on \S+: sent (\d+) files \(([^)]*)\), fetched (.*)$")


def start_builder(tls, workdir, log):
    out = open(log, "w")
    p = subprocess.Popen([ACTORDEV, "builder", "--listen", "127.0.0.1:0",
                          "--tls", tls, "--workdir", workdir, "--slots", "1"],
                         stdout=out, stderr=out, start_new_session=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        m = re.search(r"serving builds on 127\.0\.0\.1:(\d+)", open(log).read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            break
        time.sleep(0.02)
    sys.exit(f"bench_remote_build: the builder did not start:\n{open(log).read()}")


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def write_context(dirpath, files, total):
    os.makedirs(dirpath, exist_ok=True)
    line = "the quick brown fox jumps over the lazy dog %d\n"
    each = total // files
    for i in range(files):
        text, n = [], 0
        while n < each:
            s = line % (n * 7919 + i)
            text.append(s)
            n += len(s)
        with open(os.path.join(dirpath, f"f{i}.txt"), "w") as f:
            f.write("".join(text))


class Lines:
    """The stdout of a running actordev, read line by line with a timeout."""

    def __init__(self, p):
        self.p, self.buf, self.seen = p, b"", []

    def next(self, timeout):
        deadline = time.time() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or self.p.poll() is not None:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        text = line.decode(errors="replace")
        self.seen.append(text)
        return text

    def wait(self, pattern, timeout=300):
        while True:
            line = self.next(timeout)
            if line is None:
                tail = "\n".join(self.seen[-30:])
                sys.exit(f"bench_remote_build: no '{pattern.pattern}':\n{tail}")
            if pattern.search(line):
                return line


def rebuild_times(project, build_on, rounds, port):
    with open(os.path.join(project, "actordev.yaml"), "w") as f:
        f.write(f"""
builders: [{{address: "127.0.0.1:{port}", tls: certs}}]
images:
  web:
    build_on: {build_on}
    custom:
      command: tar -cf - app | gzip -1 > "$ACTORDEV_IMAGE_DIR/app.tgz"
      deps: [app]
resources:
  web:
    container: {{image: web, cmd: exec sleep 1000}}
""")
    shutil.rmtree(os.path.join(project, ".actordev"), ignore_errors=True)
    env = dict(os.environ, NO_COLOR="1")
    up = subprocess.Popen([ACTORDEV, "up", "--no-message-log"], cwd=project,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, start_new_session=True)
    lines = Lines(up)
    t0 = time.monotonic()
    lines.wait(READY)
    first = time.monotonic() - t0
    times, traffic = [], []
    for k in range(rounds):
        time.sleep(0.3)  # let the watcher settle: edits are not a burst
        with open(os.path.join(project, "app", f"f{k % 7}.txt"), "a") as f:
            f.write(f"edit {k}\n")
        t = time.monotonic()
        lines.wait(READY)
        times.append(time.monotonic() - t)
    traffic = [m.groups() for m in map(SENT.search, lines.seen) if m]
    stop(up)
    return first, times, traffic


def throughput(project, ports, images):
    builders = ", ".join(f'{{address: "127.0.0.1:{p}", tls: certs}}' for p in ports)
    loop = "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done"
    text = [f"builders: [{builders}]", "settings: {max_parallel_updates: 4}",
            "images:"]
    for i in range(images):
        text += [f"  img{i}:", "    build_on: remote", "    custom:",
                 f"      command: '{loop}; cp ctx/c{i}.txt \"$ACTORDEV_IMAGE_DIR/\"'",
                 f"      deps: [ctx/c{i}.txt]"]
    text.append("resources:")
    for i in range(images):
        text.append(f"  r{i}: {{container: {{image: img{i}, cmd: exec sleep 1000}}}}")
    with open(os.path.join(project, "actordev.yaml"), "w") as f:
        f.write("\n".join(text) + "\n")
    os.makedirs(os.path.join(project, "ctx"), exist_ok=True)
    for i in range(images):
        with open(os.path.join(project, "ctx", f"c{i}.txt"), "w") as f:
            f.write(f"context {i}\n")
    shutil.rmtree(os.path.join(project, ".actordev"), ignore_errors=True)
    t = time.monotonic()
    r = subprocess.run([ACTORDEV, "ci", "--timeout", "600s", "--no-message-log"],
                       cwd=project, capture_output=True, text=True)
    took = time.monotonic() - t
    if r.returncode != 0:
        sys.exit(f"bench_remote_build: ci failed:\n{r.stdout[-3000:]}\n{r.stderr[-2000:]}")
    return took


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smaller context, fewer rounds")
    ap.add_argument("--markdown", action="store_true", help="print a table for docs/performance.md")
    args = ap.parse_args()
    files, total, rounds, images = (200, 10 << 20, 3, 8) if args.quick else (1000, 50 << 20, 5, 20)
    tmp = tempfile.mkdtemp(prefix="actordev-bench-remote-")
    procs = []
    try:
        project = os.path.join(tmp, "project")
        os.makedirs(project)
        subprocess.run([ACTORDEV, "certs", "init", os.path.join(project, "certs")],
                       check=True, capture_output=True)
        write_context(os.path.join(project, "app"), files, total)
        b1, port1 = start_builder(os.path.join(project, "certs"), os.path.join(tmp, "b1"),
                                  os.path.join(tmp, "b1.log"))
        procs.append(b1)
        l_first, local, _ = rebuild_times(project, "local", rounds, port1)
        r_first, remote, traffic = rebuild_times(project, "remote", rounds, port1)
        b2, port2 = start_builder(os.path.join(project, "certs"), os.path.join(tmp, "b2"),
                                  os.path.join(tmp, "b2.log"))
        procs.append(b2)
        tp = os.path.join(tmp, "throughput")
        shutil.copytree(os.path.join(project, "certs"), os.path.join(tp, "certs"))
        one = throughput(tp, [port1], images)
        two = throughput(tp, [port1, port2], images)
    finally:
        for p in procs:
            stop(p)
        shutil.rmtree(tmp, ignore_errors=True)
    lm, rm = statistics.median(local), statistics.median(remote)
    mb = total / (1 << 20)
    rows = [
        ("context", f"{files} files, {mb:.0f} MiB; build: tar | gzip -1 of it"),
        ("first build, local / remote", f"{l_first:.2f} s / {r_first:.2f} s (up start included)"),
        ("rebuild, local (median of %d)" % rounds, f"{lm:.2f} s"),
        ("rebuild, remote (median of %d)" % rounds, f"{rm:.2f} s ({rm / lm:.2f}x local)"),
        ("remote first build sent", f"{traffic[0][0]} files ({traffic[0][1]}), fetched {traffic[0][2]}" if traffic else "?"),
        ("remote rebuild sent", f"{traffic[1][0]} files ({traffic[1][1]}), fetched {traffic[1][2]}" if len(traffic) > 1 else "?"),
        (f"{images} images, 1 builder x 1 slot", f"{one:.2f} s"),
        (f"{images} images, 2 builders x 1 slot", f"{two:.2f} s ({one / two:.2f}x the throughput)"),
    ]
    if args.markdown:
        print("| bench_remote_build | |\n|---|---|")
        for k, v in rows:
            print(f"| {k} | {v} |")
    else:
        for k, v in rows:
            print(f"{k:40} {v}")
        print("rebuilds local:", " ".join(f"{x:.2f}" for x in local))
        print("rebuilds remote:", " ".join(f"{x:.2f}" for x in remote))


if __name__ == "__main__":
    main()
