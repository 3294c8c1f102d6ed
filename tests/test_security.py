"""Security on every response, bad input and error pages."""

import pytest

from tests.conftest import login, make_user
from youthportal import create_app


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    secure = client.get("/", base_url="https://localhost")
    assert "max-age" in secure.headers["Strict-Transport-Security"]


def test_session_cookie_flags(client):
    make_user(login="sunny")
    response = client.post(
        "/login", data={"identifier": "sunny", "password": "Purple-Kite-Lantern-7"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_inline_scripts_or_styles_in_pages(client):
    for url in ("/", "/join", "/login", "/help", "/privacy", "/rules"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>" not in page and "style=" not in page and "<style" not in page, url


def test_pages_load_nothing_from_another_host(client):
    import re

    for url in ("/", "/join", "/login", "/help", "/privacy"):
        page = client.get(url).get_data(as_text=True)
        loaded = re.findall(r'src="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
        assert loaded, url
        for address in loaded:
            assert address.startswith("/") and not address.startswith("//"), address


def test_oversized_bodies_get_413(client):
    response = client.post("/login", data={"identifier": "x" * (2 * 1024 * 1024), "password": "x"})
    assert response.status_code == 413
    assert "too much" in response.get_data(as_text=True)


def test_unknown_pages_get_a_translated_404(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "We couldn't find this page" in response.get_data(as_text=True)
    sq = client.get("/no/such/page", headers={"Accept-Language": "sq"}).get_data(as_text=True)
    assert "<h1>We couldn't find this page</h1>" not in sq


def test_wrong_method_gets_405(client):
    assert client.get("/logout").status_code == 405


def test_forms_without_a_csrf_token_are_refused(client, app):
    make_user(login="sunny")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/login", data={"identifier": "sunny", "password": "x"})
        assert response.status_code == 400
        assert "expired" in response.get_data(as_text=True)
        page = client.get("/login").get_data(as_text=True)
        assert 'name="csrf_token"' in page
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_csrf_tokens_outlive_a_long_drafting_session(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= 4 * 3600


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("YOUTHPORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("YOUTHPORTAL_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_cookies_are_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("YOUTHPORTAL_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {"ENV": "production", "SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_development_generates_a_secret_key_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("YOUTHPORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("YOUTHPORTAL_SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).secret_key
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).secret_key
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_wrong_ids_give_404(client):
    from youthportal.accounts.models import Role

    login(client, make_user(Role.FACILITATOR))
    assert client.get("/groups/999999").status_code == 404
    assert client.get("/groups/999999/members").status_code == 404


def test_language_switch_rejects_unknown_languages_and_external_next(client):
    assert client.post("/language", data={"language": "xx"}).status_code == 400
    response = client.post("/language", data={"language": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"
