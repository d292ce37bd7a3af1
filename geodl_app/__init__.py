"""GeoDL Companion: an offline conference companion."""

import os
import time

# The first moment any of the app's code runs (the interpreter's own start-up
# is before it): --smoke-test reports the time to the first paint from here,
# so that importing pydantic and the model is counted too.
STARTED = time.perf_counter()

__version__ = "0.1.0"
APP_NAME = "geodl-app"
APP_TITLE = "GeoDL Companion"

# pydantic looks for third-party plugins through importlib.metadata on its
# first import, which scans every installed distribution: about 35 ms of
# start-up for plugins this app never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
