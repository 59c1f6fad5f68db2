"""The work screen: the window shell, the call flow it shows, and the parts of the call area."""
