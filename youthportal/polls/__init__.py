"""Polls: options, participation, secret ballots and the counting of votes."""
