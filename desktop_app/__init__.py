"""Desktop call client for real-estate telemarketing agents."""

__version__ = "0.1.0"
