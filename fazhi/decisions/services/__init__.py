"""Writes of the decisions app, one module per aggregate."""
