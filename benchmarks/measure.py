"""Time one command in a fresh child process: wall time, peak memory, CPU, and how busy the rest of
the machine was meanwhile, with an optional time limit."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY_S = 0.5


@dataclass(frozen=True)
class Measurement:
    started_at: float  # epoch seconds, comparable with Dagster's event timestamps
    wall_s: float
    # the largest single process of the child's tree: the highest VmHWM sampled
    max_process_rss: int
    # the child and all its descendants alive at the same moment (dbt runs beside Dagster),
    # sampled every SAMPLE_EVERY_S: what the machine must have free
    peak_tree_rss: int
    peak_at: float  # epoch seconds of the sample that saw peak_tree_rss
    cpu_s: float  # user + system of the child and its descendants
    other_cores: float  # CPU the rest of the machine used meanwhile, in cores
    returncode: int | None  # None: killed at the time limit
    log: Path

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def ended_at(self) -> float:
        return self.started_at + self.wall_s


def run_measured(
    command: list[str],
    log: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    limit_s: float | None = None,
) -> Measurement:
    """Run `command` to its end (or kill its whole process group at `limit_s`), output to `log`."""
    busy_before = _machine_busy_s()
    with log.open("wb") as output:
        started_at, started = time.time(), time.perf_counter()
        child = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        peak_tree, peak_at, max_process, killed = 0, started_at, 0, False
        while True:
            # wait4 reports this child's usage alone (its reaped descendants included)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            rss, largest = _tree_rss(child.pid)
            max_process = max(max_process, largest)
            if rss > peak_tree:
                peak_tree, peak_at = rss, time.time()
            if limit_s is not None and not killed and time.perf_counter() - started > limit_s:
                os.killpg(child.pid, signal.SIGKILL)
                killed = True
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(
        started_at=started_at,
        wall_s=wall,
        max_process_rss=max_process,
        peak_tree_rss=max(peak_tree, max_process),
        peak_at=peak_at,
        cpu_s=cpu,
        other_cores=max(_machine_busy_s() - busy_before - cpu, 0.0) / wall,
        returncode=None if killed else child.returncode,
        log=log,
    )


def _machine_busy_s() -> float:
    """CPU seconds every core has spent busy since boot (/proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def peak_rss(pid: int | str = "self") -> int:
    """The peak resident memory of one process since it started its program, in bytes (VmHWM).
    Not ru_maxrss: Linux carries the spawning process's peak across fork (or vfork) and exec, so
    a small child of a large process (a pytest worker, this benchmark) reports its parent's."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0  # a zombie: its memory is gone


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident memory of `root` and every process descended from it, and the highest peak
    (`peak_rss`) among them, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            # the command name may hold spaces and parentheses: fields follow its last ")"
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, largest, frontier = 0, 0, [root]
    while frontier:
        pid = frontier.pop()
        frontier += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
            largest = max(largest, peak_rss(pid))
        except OSError:
            continue
    return total, largest
