"""The login screen (工号 and password), painted before anything else is loaded."""
