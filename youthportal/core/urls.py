"""Safe redirects: `next` may only point to a path on this site."""

from urllib.parse import urlsplit

from flask import redirect, request, url_for


def is_local_path(target: str | None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def redirect_next(default_endpoint: str = "pages.home", **values):
    target = request.values.get("next")
    if is_local_path(target):
        return redirect(target)
    return redirect(url_for(default_endpoint, **values))


def site_path(endpoint: str, **values) -> str:
    """A path on this site that works inside and outside requests (CLI, mail delivery)."""
    from flask import current_app

    adapter = current_app.url_map.bind("localhost", script_name="/")
    return adapter.build(endpoint, values)


def absolute_url(endpoint: str, **values) -> str:
    from flask import current_app

    return current_app.config["BASE_URL"].rstrip("/") + site_path(endpoint, **values)
