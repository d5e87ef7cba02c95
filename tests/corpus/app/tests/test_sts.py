from app.auth import sts


def test_endpoint_for_us_east_1():
    assert sts.endpoint_for("us-east-1") == "sts.amazonaws.com"


def test_legacy_client(monkeypatch):
    calls = []
    monkeypatch.setattr("boto3.client", lambda *a, **kw: calls.append(kw))
    sts.legacy_client()
    assert calls[0]["endpoint_url"] == "https://sts.amazonaws.com"


MOCK_ENDPOINT = "https://sts.amazonaws.com"
