import pytest


@pytest.mark.django_db
def test_home_is_dutch(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'lang="nl"' in response.content
