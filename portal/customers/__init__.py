"""Customers: the context card, lookup and acting from the card."""
