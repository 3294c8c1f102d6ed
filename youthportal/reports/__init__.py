"""Collaborative reports: sections, revisions, merges, suggestions, review, adoption."""
