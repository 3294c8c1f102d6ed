"""Pictures of what a team built: attached only by facilitators, after they looked at them,
as PNG or JPEG recognised by their bytes, stored without hidden metadata (a photo's EXIF can
tell where a child was), shown only to those who may see the idea."""

import io
import struct
import zlib

import pytest
from sqlalchemy import func, select

from tests.conftest import login, make_user
from tests.hackathon.helpers import make_event, make_idea, text, youth_team
from tests.moderation_helpers import trusted_youth
from youthportal.accounts.models import Role
from youthportal.extensions import db
from youthportal.hackathon import images
from youthportal.hackathon.models import IdeaImage


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(secret=b"Author\x00Arta, Rruga e Kavajes 12") -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (
        images.PNG_SIGNATURE
        + chunk(b"IHDR", ihdr)
        + chunk(b"tEXt", secret)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff"))
        + chunk(b"IEND", b"")
    )


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg() -> bytes:
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xE1, b"Exif\x00\x00GPS 41.3275 N 19.8187 E")
        + segment(0xFE, b"taken at school")
        + segment(0xDB, b"\x00" + bytes(64))
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x12\x34\x56\xff\xd9"
    )


def test_png_metadata_is_removed_and_the_picture_kept():
    cleaned = images.clean_png(png())
    assert b"tEXt" not in cleaned and b"Kavajes" not in cleaned
    for kind in (b"IHDR", b"IDAT", b"IEND"):
        assert kind in cleaned


def test_jpeg_exif_and_comments_are_removed():
    cleaned = images.clean_jpeg(jpeg())
    assert b"Exif" not in cleaned and b"GPS" not in cleaned and b"taken at school" not in cleaned
    assert cleaned.startswith(b"\xff\xd8") and b"JFIF" in cleaned and cleaned.endswith(b"\xff\xd9")


@pytest.mark.parametrize(
    "data", [b"GIF89a....", b"<svg onload=alert(1)>", png()[:30], b"\xff\xd8\xff\xe1\x00"]
)
def test_anything_else_is_refused(data):
    with pytest.raises(images.ImageRefused):
        images.clean(data)


@pytest.fixture
def world():
    facilitator = make_user(Role.FACILITATOR)
    event = make_event(facilitator, "building")
    team, members = youth_team(event)
    idea = make_idea(team, submitted=False)
    return facilitator, idea, members


def upload(client, idea, data, once, **fields):
    form = {
        "image": (io.BytesIO(data), "photo.jpg"),
        "alt_text": "A paper prototype of the quiz game",
        "reviewed": "y",
        "once": once,
        **fields,
    }
    return client.post(
        f"/unehack/ideas/{idea.id}/images", data=form, content_type="multipart/form-data"
    )


def test_a_facilitator_attaches_a_picture_the_team_sees(client, world):
    facilitator, idea, members = world
    login(client, facilitator)
    response = upload(client, idea, jpeg(), "1")
    assert response.status_code == 302
    picture = db.session.scalar(select(IdeaImage))
    assert picture.mimetype == "image/jpeg" and b"GPS" not in picture.data
    login(client, members[0])
    page = text(client.get(f"/unehack/ideas/{idea.id}"))
    assert f'/unehack/images/{picture.id}" alt="A paper prototype of the quiz game"' in page
    shown = client.get(f"/unehack/images/{picture.id}")
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    # Someone outside the team does not see a draft's picture.
    login(client, trusted_youth())
    assert client.get(f"/unehack/images/{picture.id}").status_code == 404


def test_young_people_never_upload(client, world):
    _facilitator, idea, members = world
    login(client, members[0])
    assert upload(client, idea, png(), "y").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(IdeaImage)) == 0


def test_the_facilitator_must_have_looked_at_it_and_describe_it(client, world):
    facilitator, idea, _ = world
    login(client, facilitator)
    response = upload(client, idea, png(), "2", reviewed="", follow_redirects=True)
    response = client.get(f"/unehack/ideas/{idea.id}")
    assert db.session.scalar(select(func.count()).select_from(IdeaImage)) == 0
    upload(client, idea, png(), "3", alt_text="")
    assert db.session.scalar(select(func.count()).select_from(IdeaImage)) == 0
    assert response.status_code == 200


def test_wrong_type_and_too_many_pictures_are_refused(client, world):
    facilitator, idea, _ = world
    login(client, facilitator)
    response = upload(client, idea, b"GIF89a" + bytes(100), "g")
    assert "Only PNG and JPEG" in text(client.get(response.headers["Location"]))
    for n in range(images.MAX_IMAGES + 1):
        upload(client, idea, png(), f"p{n}")
    assert db.session.scalar(select(func.count()).select_from(IdeaImage)) == images.MAX_IMAGES


def test_an_oversized_upload_gets_413(client, world):
    facilitator, idea, _ = world
    login(client, facilitator)
    # A raw body (the test client would spool a multipart one to a temporary file).
    response = client.post(
        f"/unehack/ideas/{idea.id}/images",
        data=b"\x89PNG" + bytes(1100 * 1024),
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert db.session.scalar(select(func.count()).select_from(IdeaImage)) == 0
