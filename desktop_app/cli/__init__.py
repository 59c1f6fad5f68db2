"""Window-less commands for agents' IT: connection check, queue status, forced sync."""
