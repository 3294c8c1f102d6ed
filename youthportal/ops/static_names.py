"""Static files under names that carry a hash of their content (`css/portal.3f2a1b9c0d4e.css`),
so nginx (or the browser) may cache them for a year: a changed file gets a new name. The
name is made when a page links to the file, and the portal still answers for the plain and
the hashed name alike; nginx maps the hashed name back to the file on disk (docs/deploy.md)."""

import hashlib
import re
from pathlib import Path

from flask import current_app

HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


def hashed_name(filename: str) -> str:
    names = current_app.extensions.setdefault("static_names", {})
    name = names.get(filename)
    if name is None:
        path = Path(current_app.static_folder) / filename
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        except OSError:
            return filename  # a missing file is answered by a 404 as before
        stem, dot, suffix = filename.rpartition(".")
        name = f"{stem}.{digest}.{suffix}" if dot else filename
        # In development a changed file gets a new name at once; production keeps the map.
        if not current_app.debug:
            names[filename] = name
    return name


def original_name(filename: str) -> str:
    match = HASHED.match(filename)
    return match["stem"] + match["suffix"] if match else filename


def init_app(app) -> None:
    @app.url_defaults
    def _hash_static(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = hashed_name(values["filename"])

    plain_send = app.send_static_file

    def send_static_file(filename):
        response = plain_send(original_name(filename))
        if filename != original_name(filename):
            # The name changes with the content: the file can be kept for a year.
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
            response.cache_control.immutable = True
        return response

    app.send_static_file = send_static_file
