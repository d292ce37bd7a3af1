"""A helper process for the library's crash test: runs updates in children to be killed.

Usage: python tests/library_updater.py ENTRY_ID
For each line "FOLDER" read on stdin (but the first, done here), forks a child that runs
``Library(FOLDER).update(ENTRY_ID)`` and exits, prints the child's pid
(flushed), waits for it and prints "exit CODE" or "signal NUMBER". Forked from
one process that has imported and warmed up everything, each update starts at
once, so that the test's kills, at random moments, land all over the update
itself rather than in Python's start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from geodl_app.library import Library


def main() -> None:
    entry_id = sys.argv[1]
    for number, line in enumerate(sys.stdin):
        folder = Path(line.rstrip("\n"))
        if number == 0:  # the first here, to import and warm up everything
            Library(folder).update(entry_id)
            print(os.getpid(), "\nexit 0", flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            try:
                Library(folder).update(entry_id)
            except BaseException:
                os._exit(1)
            os._exit(0)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            print(f"signal {os.WTERMSIG(status)}", flush=True)
        else:
            print(f"exit {os.WEXITSTATUS(status)}", flush=True)


if __name__ == "__main__":
    main()
