"""The settings dialog (设置) and what it knows about the keys it edits."""
