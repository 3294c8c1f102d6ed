"""Safety: the one screening pipeline every user-written text goes through, and the
moderation that follows (flags, review, sanctions, appeals, safeguarding cases)."""

from youthportal.safety.screening import screen, screen_parts
from youthportal.safety.verdict import BLOCK, HOLD, PUBLISH, Finding, Verdict

__all__ = ["BLOCK", "HOLD", "PUBLISH", "Finding", "Verdict", "screen", "screen_parts"]
