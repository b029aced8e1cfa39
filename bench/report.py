"""Prints bench/bench.py's results: per target, each client's medians with their range over the rounds, then the
speed goals as ratios with PASS/MISS. Markdown tables, so the output can be pasted into docs/benchmarks.md.

Usage: python3 bench/report.py RESULTS.json
"""
import json
import statistics
import sys

# (column, field, format); per-call figures from bench/clients/driver.c and bench/python/client.py
COLUMNS = [("calls/s", "calls_per_s", "{:.0f}"), ("p50 µs", "p50_us", "{:.0f}"), ("p99 µs", "p99_us", "{:.0f}"),
           ("CPU µs/call", "cpu_us_per_call", "{:.0f}"), ("peak RSS MiB", "rss_mib", "{:.1f}"),
           ("conn/thread", "conn_per_thread", "{:g}"), ("cold start ms", "cold_ms", "{:.1f}")]


def figures(runs, target, key, field):
    values = []
    for run in runs:
        if run["target"] == target and run["key"] == key:
            if field == "rss_mib":
                values.append(run["maxrss_kib"] / 1024)
            elif field == "conn_per_thread":
                values.append(run["connections"] / run["threads"])
            else:
                values.append(run[field])
    return values


def median(runs, target, key, field):
    values = figures(runs, target, key, field)
    return statistics.median(values) if values else float("nan")


def cell(values, style):
    if not values:
        return "-"
    middle = statistics.median(values)
    low, high = min(values), max(values)
    text = style.format(middle)
    if len(values) > 1 and style.format(low) != style.format(high):
        text += f" ({style.format(low)}–{style.format(high)})"
    return text


def per_round_ratios(runs, target, key_a, key_b, field):
    by_round = {}
    for run in runs:
        if run["target"] == target and run["key"] in (key_a, key_b):
            by_round.setdefault(run["round"], {})[run["key"]] = run[field]
    return [pair[key_a] / pair[key_b] for pair in by_round.values() if key_a in pair and key_b in pair and pair[key_b]]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1]) as results_file:
        results = json.load(results_file)
    runs, machine = results["runs"], results["machine"]
    keys = list(dict.fromkeys(run["key"] for run in runs))
    targets = list(dict.fromkeys(run["target"] for run in runs))
    pinning = (f"server on CPU {results['server_cpu']}, clients on CPU {results['client_cpu']} (taskset)"
               if results["pinned"] else "not pinned")
    print(f"Run {results['date']}: {machine['cpus']} CPUs ({machine['cpu']}), {machine['memory_gib']} GiB, "
          f"kernel {machine['kernel']}; nice {results.get('nice', 0)}; {machine['nginx']}, {machine['curl']}, {machine['python']}, "
          f"authlete SDK {machine['authlete_sdk']}, requests {machine['requests']}; {pinning}; "
          f"{results['rounds']} rounds of {results['seconds']:g} s per client; medians (min–max over the rounds).")
    loads = [run["load1"] for run in runs]
    print(f"1-minute load average during the runs: {min(loads):.2f}–{max(loads):.2f}.\n")

    for target in targets:
        print(f"### Target: {target}\n")
        print("| client | " + " | ".join(column for column, _, _ in COLUMNS) + " |")
        print("|---|" + "---:|" * len(COLUMNS))
        for key in keys:
            cells = [cell(figures(runs, target, key, field), style) for _, field, style in COLUMNS]
            print(f"| {key} | " + " | ".join(cells) + " |")
        print()

    library = results["library"]
    print("### Goals: the median of the per-round ratios (each round runs every client once; min–max in brackets)\n")
    print("| goal | target | figure | goal | result |")
    print("|---|---|---:|---:|---|")
    misses = 0

    def row(goal, target, value, limit, at_least, detail=""):
        nonlocal misses
        if value != value:  # NaN: a client of this goal was not run (BENCH_ONLY)
            return
        ok = value >= limit if at_least else value <= limit
        misses += not ok
        bound = ("≥ " if at_least else "≤ ") + f"{limit:g}"
        print(f"| {goal} | {target} | {value:.2f}{detail} | {bound} | {'PASS' if ok else 'MISS'} |")

    def bracket(values):
        return f" [{min(values):.2f}–{max(values):.2f}]" if values else ""

    def paired(target, key_a, key_b, field, limit, at_least, goal):
        ratios = per_round_ratios(runs, target, key_a, key_b, field)
        row(goal, target, statistics.median(ratios) if ratios else float("nan"), limit, at_least, bracket(ratios))

    for target in targets:
        for threads in ("x1", "x4"):
            lib, raw = f"c-libauthlete {threads}", f"c-raw-libcurl {threads}"
            paired(target, lib, raw, "calls_per_s", 0.90, True, f"C host / raw libcurl calls/s, {threads}")
            paired(target, lib, raw, "cpu_us_per_call", 1.25 if threads == "x1" else 1.15, False,
                   f"C host / raw libcurl CPU per call, {threads}")
        for threads in ("x1", "x4"):
            for other, limit in ((f"py-authlete-sdk {threads}", 10), (f"py-requests {threads}", 5)):
                paired(target, f"py-libauthlete {threads}", other, "calls_per_s", limit, True,
                       f"Python libauthlete / {other.split()[0]} calls/s, {threads}")
        # The package against bare ctypes over the same library, per endpoint (the floor of any Python binding).
        for key, floor in (("py-libauthlete x1", "py-ctypes x1"), ("py-libauthlete x1", "py-ctypes json x1"),
                           ("py-libauthlete x4", "py-ctypes x4"),
                           *((f"py-libauthlete {call} x1", f"py-ctypes {call} x1")
                             for call in ("authentication", "issue", "complete"))):
            paired(target, key, floor, "cpu_us_per_call", 1.15, False, f"{key} / {floor} CPU per call")
        # What no Python binding can beat: the C lower bound itself against the same Python clients.
        for other in ("py-authlete-sdk x1", "py-requests x1"):
            ratios = per_round_ratios(runs, target, "c-raw-libcurl x1", other, "calls_per_s")
            if ratios:
                print(f"| (not a goal) ceiling: C raw libcurl / {other.split()[0]} calls/s, x1 | {target} | "
                      f"{statistics.median(ratios):.2f}{bracket(ratios)} | - | - |")
        worst = max((max(figures(runs, target, key, "conn_per_thread"), default=float("nan"))
                     for key in keys if "libauthlete" in key), default=float("nan"))
        row("TCP connections per thread, libauthlete clients (worst run)", target, worst, 1, False)
        paired(target, "c-libauthlete x1", "c-raw-libcurl x1", "cold_ms", 2, False, "C host / raw libcurl cold start")
        for threads in ("x1", "x4"):
            extra = (median(runs, target, f"c-libauthlete {threads}", "rss_mib")
                     - median(runs, target, f"c-raw-libcurl {threads}", "rss_mib"))
            row(f"C host peak RSS − raw libcurl's (MiB), {threads}", target, extra, 10, False)
    counts = results.get("instructions", {})
    if "c-libauthlete x1" in counts and "c-raw-libcurl x1" in counts:
        row("user-space instructions per authlete_client_ciba_fail_fields call (callgrind)", "nginx",
            counts["c-libauthlete x1"], 110500, False,
            f" ({counts['c-libauthlete x1'] / counts['c-raw-libcurl x1']:.2f} x raw's {counts['c-raw-libcurl x1']:.0f})")
    for key, raw, goal in (("c-libauthlete json x1", "c-raw-libcurl x1", "/fail three-call JSON path"),
                           ("c-libauthlete authentication x1", "c-raw-libcurl authentication x1",
                            "/backchannel/authentication one-step call, 1.5 KB answer")):
        if key in counts and raw in counts:
            row(f"{goal} / raw libcurl + cJSON, instructions per call ({counts[key]:.0f} vs {counts[raw]:.0f})",
                "nginx", counts[key] / counts[raw], 1.25, False, " (deterministic)")
    row("stripped libauthlete.so (MB, 10^6 bytes)", "-", library["stripped"] / 1e6, 10, False,
        f" ({library['stripped']} bytes; unstripped {library['file']})")
    print(f"\n{misses} goal(s) missed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
