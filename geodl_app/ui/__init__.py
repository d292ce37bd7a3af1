"""Qt widgets and item models over the core; no business rules live here."""
