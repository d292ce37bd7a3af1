"""PyInstaller runtime hook: a UTF-8 locale when none is set, as CPython's own
``python3`` does (PEP 538); otherwise Qt warns on stderr under ``env -i``."""

import os
import sys

if sys.platform.startswith("linux") and not any(
    os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")
):
    os.environ["LC_CTYPE"] = "C.UTF-8"
