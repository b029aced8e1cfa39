"""The shipped emulator's start-up: launch to its listening line, for the binary extracted from the tarball (a
figure to record, not a test). usage: startup.py TARBALL RUNS"""
import json
import os
import selectors
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time


def launch_once(binary: str) -> float:
    """Milliseconds from the launch to the listening line; the process is then stopped by pid."""
    started = time.perf_counter()
    process = subprocess.Popen([binary, "--port", "0", "--quiet"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"}, cwd="/")
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(20):
                raise SystemExit("no listening line within 20 s")
        line = process.stdout.readline()
        elapsed = (time.perf_counter() - started) * 1000
        if json.loads(line).get("event") != "listening":
            raise SystemExit(f"unexpected first line {line!r}")
        return elapsed
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def main() -> None:
    tarball, runs = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory() as where:
        with tarfile.open(tarball) as archive:
            archive.extractall(where, filter="tar")
        top = os.listdir(where)[0]
        binary = os.path.join(where, top, "bin", "authlete-emulator")
        times = sorted(launch_once(binary) for _ in range(runs))
        size = os.path.getsize(binary) / 1e6
    print(f"shipped emulator start-up to the listening line ({top}/bin/authlete-emulator, {size:.1f} MB, {runs} "
          f"launches, load {os.getloadavg()[0]:.1f}): min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
          f"max {times[-1]:.1f} ms")

if __name__ == "__main__":
    main()
