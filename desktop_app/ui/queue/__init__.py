"""The queue view (队列): today's writes, sync now, and fixing or giving up refused ones."""
