"""The embedded demo server: the estate call API on loopback, with sample data and faults.

Used by ``main.py --demo``, by agent training (``python -m desktop_app.demo``) and by
the integration tests. Standard library only, so it never depends on the client it
stands in for.
"""

from .data import DemoData
from .server import DemoServer, Faults, RecordedWrite

__all__ = ["DemoData", "DemoServer", "Faults", "RecordedWrite"]
