"""Renderers: turn a Report into terminal text, JSON and the other formats (one module per format)."""
