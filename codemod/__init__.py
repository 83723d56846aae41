"""fix-authconfig: checks and fixes Convex auth configs for WorkOS AuthKit tokens."""

__version__ = "0.1.0"
