"""GeoDL Companion: an offline conference companion."""

__version__ = "0.1.0"
APP_NAME = "geodl-app"
APP_TITLE = "GeoDL Companion"
