"""Service scripts: the words the card suggests, kept as content and chosen by rules."""
