"""Safety: the one screening pipeline every user-written text goes through."""

from youthportal.safety.screening import Verdict, screen

__all__ = ["Verdict", "screen"]
