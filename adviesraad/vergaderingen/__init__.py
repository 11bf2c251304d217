"""Meetings of the council and with the municipality: agenda, documents, minutes, attendance."""
