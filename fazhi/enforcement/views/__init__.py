"""Enforcement pages by aggregate; `urls.py` names each view from its module."""
