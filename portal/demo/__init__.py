"""The demo company: a realistic Spanish service chain built by `flask --app portal demo`."""
