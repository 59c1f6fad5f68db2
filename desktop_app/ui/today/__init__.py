"""The 今日 view: the day's figures and charts, and the day's log as a CSV file."""
