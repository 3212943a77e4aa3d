"""The JSON API for the systems around the portal, authenticated by bearer tokens."""
