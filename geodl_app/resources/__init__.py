"""Bundled data: the GDL 2024 programme, icons and desktop metadata."""
