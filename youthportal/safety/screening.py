"""screen(text, author, locale) -> Verdict.

The foundation's pipeline finds personal contact information (e-mail addresses, phone
numbers, @handles, links) in text written by young people. The safeguarding feature extends
this same function with normalisation, watched words and urgent-disclosure detection; every
caller already goes through it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

PUBLISH, HOLD, BLOCK = "publish", "hold", "block"

EMAIL_RE = re.compile(
    r"[\w.+-]+\s*(@|\(at\)|\[at\])\s*[\w-]+\s*(\.|\(dot\)|\[dot\])\s*[a-z]{2,}", re.I
)
# Six or more digits, optionally separated by spaces, dots, dashes or brackets, or a leading +.
PHONE_RE = re.compile(r"(?:\+|00)?\d(?:[\s.\-()/]*\d){5,}")
HANDLE_RE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,}")
URL_RE = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|al|rs|mk|ba|me|info|io)\b", re.I
)

# Public numbers that are not personal data.
PUBLIC_NUMBERS = {"116111", "112", "19833", "080050305"}


@dataclass
class Finding:
    kind: str
    start: int
    end: int
    text: str


@dataclass
class Verdict:
    action: str = PUBLISH
    findings: list[Finding] = field(default_factory=list)
    urgent: bool = False

    @property
    def ok(self) -> bool:
        return self.action == PUBLISH

    def messages(self) -> list[str]:
        kinds = []
        for f in self.findings:
            if f.kind not in kinds:
                kinds.append(f.kind)
        return [str(REASONS[k]) for k in kinds]


REASONS = {
    "email": _l(
        "It looks like an e-mail address. To keep you safe, don't share contact details here."
    ),
    "phone": _l("It looks like a phone number. To keep you safe, don't share phone numbers here."),
    "handle": _l(
        "It looks like a social media name (@…). To keep you safe, don't share accounts here."
    ),
    "url": _l("Links to other websites can't be used here."),
}


def _find(pattern, kind, text, findings):
    for m in pattern.finditer(text):
        if kind == "phone":
            digits = re.sub(r"\D", "", m.group())
            if digits in PUBLIC_NUMBERS or len(digits) < 6:
                continue
        findings.append(Finding(kind, m.start(), m.end(), m.group()))


def screen(text: str, author=None, locale: str | None = None) -> Verdict:
    normalised = unicodedata.normalize("NFKC", text)
    findings: list[Finding] = []
    _find(EMAIL_RE, "email", normalised, findings)
    _find(PHONE_RE, "phone", normalised, findings)
    _find(HANDLE_RE, "handle", normalised, findings)
    _find(URL_RE, "url", normalised, findings)
    if findings:
        # Contact details from anyone are refused with a kind explanation.
        return Verdict(action=BLOCK, findings=findings)
    return Verdict()
