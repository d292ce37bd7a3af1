"""The script PyInstaller freezes: the same as the ``geodl-app`` command."""

import sys

from geodl_app.cli import main

sys.exit(main())
