"""Notifications in the app and by e-mail (never case content), preferences, retries."""
