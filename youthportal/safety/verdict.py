"""What screening found and what it decided. Plain data: no Flask, no database."""

from dataclasses import dataclass, field

PUBLISH, HOLD, BLOCK = "publish", "hold", "block"
# What one finding asks for; the verdict takes the strongest.
FLAG, MASK = "flag", "mask"
_STRENGTH = {PUBLISH: 0, MASK: 1, FLAG: 2, HOLD: 3, BLOCK: 4}


@dataclass(frozen=True)
class Finding:
    """One thing found in the text.

    kind: email, phone, handle, url, address, school, location, word, urgent, or a policy
    reason (premoderation, group_premoderation, new_account_link, rate_limit, muted).
    category: for words bullying, hate, sexual, self_harm, violence, spam; for urgent
    disclosures self_harm, abuse, sextortion, grooming, secrecy. start/end index the
    ORIGINAL text (what the author wrote), so a moderator sees what was found where.
    """

    kind: str
    action: str
    start: int = 0
    end: int = 0
    text: str = ""
    category: str | None = None
    term: str | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "action": self.action,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "term": self.term,
        }


@dataclass
class Verdict:
    action: str = PUBLISH
    urgent: bool = False
    findings: list[Finding] = field(default_factory=list)
    # The text to store: the original, or with "mask" words replaced by asterisks.
    text: str = ""
    # Published, but a moderator should look at it (a watched word with the "flag" action).
    needs_review: bool = False

    @property
    def ok(self) -> bool:
        return self.action == PUBLISH

    @property
    def blocked(self) -> bool:
        return self.action == BLOCK

    @property
    def held(self) -> bool:
        return self.action == HOLD

    def kinds(self) -> list[str]:
        seen: list[str] = []
        for finding in self.findings:
            if finding.kind not in seen:
                seen.append(finding.kind)
        return seen

    def messages(self) -> list[str]:
        """Kind, translated explanations, one per kind of finding that mattered."""
        from youthportal.safety.reasons import explain

        if self.action == PUBLISH:
            return []
        relevant = [f.kind for f in self.findings if f.action == self.action or f.kind == "urgent"]
        out: list[str] = []
        for kind in relevant:
            message = explain(kind)
            if message and message not in out:
                out.append(message)
        return out


def decide(text: str, findings: list[Finding]) -> Verdict:
    """Combine findings: an urgent disclosure is always held (never blocked: a child in
    danger's words must reach a safeguarding lead), otherwise the strongest action wins."""
    urgent = any(f.kind == "urgent" for f in findings)
    strongest = max((_STRENGTH.get(f.action, 0) for f in findings), default=0)
    if urgent:
        action = HOLD
    elif strongest >= _STRENGTH[BLOCK]:
        action = BLOCK
    elif strongest >= _STRENGTH[HOLD]:
        action = HOLD
    else:
        action = PUBLISH
    # The same thing found twice (two spellings of one phrase) is listed once.
    findings = list({(f.kind, f.start, f.end, f.category): f for f in findings}.values())
    masked = mask(text, [f for f in findings if f.action == MASK])
    return Verdict(
        action=action,
        urgent=urgent,
        findings=sorted(findings, key=lambda f: (f.start, f.end)),
        text=masked,
        needs_review=action == PUBLISH and any(f.action == FLAG for f in findings),
    )


def mask(text: str, findings: list[Finding]) -> str:
    if not findings:
        return text
    chars = list(text)
    for f in findings:
        for i in range(f.start, min(f.end, len(chars))):
            if not chars[i].isspace():
                chars[i] = "*"
    return "".join(chars)
