"""Checks every catalogue: complete, not fuzzy, placeholders intact. Used by the tests too.

python translations/check.py [locale ...]
"""

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parent
LOCALES = ("sq", "en", "sr_Latn", "mk", "bs")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdrf]|%[sdrf]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems(locale: str) -> list[str]:
    path = ROOT / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ident = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            found.append(f"{locale}: fuzzy: {ident!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            found.append(f"{locale}: untranslated: {ident!r}")
            continue
        expected = set(placeholders(ident))
        if isinstance(message.id, tuple):
            expected |= set(placeholders(message.id[1]))
        for text in strings:
            # A plural form may leave out %(num)d ("one" form), nothing else.
            got = set(placeholders(text))
            if not got <= expected or (expected - got) - {"num"}:
                found.append(f"{locale}: placeholders differ: {ident!r} -> {text!r}")
    return found


if __name__ == "__main__":
    locales = sys.argv[1:] or LOCALES
    all_problems = [p for locale in locales for p in problems(locale)]
    print("\n".join(all_problems) or "all catalogues complete")
    sys.exit(1 if all_problems else 0)
