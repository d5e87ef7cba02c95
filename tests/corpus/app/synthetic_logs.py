"""Generates synthetic CloudTrail-like events for the detection tests."""
import random

import requests

_API_CALLS = [
    ("GetCallerIdentity", "sts.amazonaws.com"),
    ("ListUsers", "iam.amazonaws.com"),
]


def ensure_access_scope(admin, realm, audience):
    return admin.create_scope(realm, audience)


def bootstrap(admin):
    # The scope's audience mapper: a value passed positionally.
    ensure_access_scope(admin, "demo", "sts.amazonaws.com")


def caller_identity_raw(signed_headers):
    # Signed by hand for the appliance, which has no SDK.
    return requests.post(
        "https://sts.amazonaws.com/",
        data="Action=GetCallerIdentity&Version=2011-06-15",
        headers=signed_headers,
    )


def random_event():
    name, source = random.choice(_API_CALLS)
    return {"eventName": name, "eventSource": source}
