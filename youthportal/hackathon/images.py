"""Pictures of what a team built, attached by a facilitator on the team's behalf.

Only PNG and JPEG, recognised by their bytes (never by the name or the browser's word), and
rewritten without metadata: a phone photo's EXIF can hold the place and time it was taken,
which could locate a child. PNG keeps only the chunks needed to draw the picture; JPEG loses
every APPn segment but the JFIF header, and its comments.
"""

import struct

from sqlalchemy import func, select

from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.hackathon.models import Idea, IdeaImage
from youthportal.safety import screen

MAX_IMAGES = 5
MAX_BYTES = 900 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks that draw the picture; text, time and EXIF chunks are dropped.
PNG_KEEP = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"pHYs",
    b"bKGD",
}


class ImageRefused(Exception):
    def __init__(self, code: str, verdict=None):
        super().__init__(code)
        self.code = code
        self.verdict = verdict


def clean_png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise ImageRefused("image_type")
    out, pos = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    seen_end = False
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ImageRefused("image_broken")
        if kind in PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        raise ImageRefused("image_broken")
    return b"".join(out)


def clean_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise ImageRefused("image_type")
    out, pos = [b"\xff\xd8"], 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ImageRefused("image_broken")
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the picture itself, up to its end marker
            finish = data.find(b"\xff\xd9", pos + 2)
            if finish < 0:
                raise ImageRefused("image_broken")
            out.append(data[pos : finish + 2])  # anything after it (a phone's trailer) goes
            return b"".join(out)
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise ImageRefused("image_broken")
        if marker == 0xE0:
            out.append(_plain_jfif(data[pos + 4 : end]))
        elif not 0xE1 <= marker <= 0xEF and marker != 0xFE:
            # APP1..APP15 (EXIF, XMP, ICC, maker notes) and comments (0xFE) are dropped.
            out.append(data[pos:end])
        pos = end
    raise ImageRefused("image_broken")


def _plain_jfif(payload: bytes) -> bytes:
    """APP0 as a bare JFIF header: version, units and density, without its thumbnail."""
    if not payload.startswith(b"JFIF\x00") or len(payload) < 14:
        return b""
    header = payload[:12] + b"\x00\x00"  # thumbnail width and height: none
    return b"\xff\xe0" + struct.pack(">H", len(header) + 2) + header


def clean(data: bytes) -> tuple[bytes, str]:
    if data.startswith(PNG_SIGNATURE):
        return clean_png(data), "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return clean_jpeg(data), "image/jpeg"
    raise ImageRefused("image_type")


def attach(facilitator, idea: Idea, data: bytes, alt_text: str, locale) -> IdeaImage:
    if len(data) > MAX_BYTES:
        raise ImageRefused("image_size")
    count = db.session.scalar(select(func.count()).where(IdeaImage.idea_id == idea.id))
    if count >= MAX_IMAGES:
        raise ImageRefused("image_count")
    verdict = screen(alt_text, facilitator, locale, content_type="hack_image")
    if not verdict.ok or verdict.needs_review:
        raise ImageRefused("text", verdict)
    alt_text = verdict.text
    cleaned, mimetype = clean(data)
    image = IdeaImage(
        idea_id=idea.id,
        mimetype=mimetype,
        data=cleaned,
        alt_text=alt_text,
        uploaded_by_id=facilitator.id,
        created_at=utcnow(),
    )
    db.session.add(image)
    db.session.flush()
    return image


def images_of(idea: Idea) -> list[tuple[int, str]]:
    """(id, alt text) of the idea's pictures, without loading their bytes."""
    return list(
        db.session.execute(
            select(IdeaImage.id, IdeaImage.alt_text)
            .where(IdeaImage.idea_id == idea.id)
            .order_by(IdeaImage.created_at, IdeaImage.id)
        )
    )
