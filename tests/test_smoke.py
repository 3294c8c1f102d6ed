from tests.conftest import login, make_user


def test_home_page_renders_for_visitors(client):
    client.language = None
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="sq"' in response.data


def test_youth_sees_their_own_name(client):
    youth = make_user(display_name="Blue Star")
    login(client, youth)
    response = client.get("/")
    assert "Blue Star" in response.get_data(as_text=True)
