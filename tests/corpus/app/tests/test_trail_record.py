"""A CloudTrail record as the parser sees it: every host in it is data, not an endpoint."""

RECORD = {
    "eventVersion": "1.08",
    "eventSource": "sts.amazonaws.com",
    "eventName": "AssumeRoleWithWebIdentity",
    "awsRegion": "us-east-1",
    "userIdentity": {"type": "WebIdentityUser", "sub": "sts.amazonaws.com"},
    "tlsDetails": {
        "tlsVersion": "TLSv1.3",
        "clientProvidedHostHeader": "sts.amazonaws.com",
    },
}


def test_host_header():
    assert RECORD["tlsDetails"]["clientProvidedHostHeader"].startswith("sts.")
