"""Runs a command and writes its wall time, CPU time (user + system) and peak RSS
as JSON to the file named first. Node cannot read a child's rusage; wait4 can, with
microsecond CPU times, for a Node process and a Go or Python peer alike."""
import json
import os
import signal
import sys
import time

out, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    except OSError as error:
        sys.stderr.write(f"{cmd[0]}: {error}\n")
        os._exit(127)
# A run that outlives RUSAGE_TIMEOUT_S seconds is killed (and reported as failed).
if os.environ.get("RUSAGE_TIMEOUT_S"):
    signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
    signal.alarm(int(os.environ["RUSAGE_TIMEOUT_S"]))
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
with open(out, "w") as f:
    json.dump({"wallMs": wall * 1000, "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000, "peakRssKb": usage.ru_maxrss}, f)
sys.exit(os.waitstatus_to_exitcode(status))
