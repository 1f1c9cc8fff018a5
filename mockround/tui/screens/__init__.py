"""One module per screen; the app imports the rarely used ones only when they are opened."""
