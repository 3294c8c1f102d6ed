"""English is the source language: its catalogue copies each msgid (run after `pybabel update`)."""

from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).parent / "en" / "LC_MESSAGES" / "messages.po"

with PO.open("rb") as fh:
    catalog = read_po(fh, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, tuple):
        message.string = tuple(message.id)
    else:
        message.string = message.id
    message.flags.discard("fuzzy")
with PO.open("wb") as fh:
    write_po(fh, catalog, width=100, omit_header=False)
