import argparse
import logging
import os

import boto3

log = logging.getLogger(__name__)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--audience", default="sts.amazonaws.com", help="OIDC audience")
    parser.add_argument("--sts-endpoint", default="https://sts.amazonaws.com")
    return parser.parse_args()


AUDIENCE = os.getenv("OIDC_AUDIENCE", "sts.amazonaws.com")
STS_ENDPOINT = os.environ.get("STS_ENDPOINT_URL", "https://sts.amazonaws.com")
TOKEN_AUDIENCE = os.getenv("TOKEN_AUDIENCE") or "sts.amazonaws.com"


def global_sts_calls(cloudtrail):
    return cloudtrail.lookup_events(
        LookupAttributes=[{"AttributeKey": "EventSource", "AttributeValue": "sts.amazonaws.com"}],
        MaxResults=50,
    )


def is_global(url):
    return url.rstrip("/") in {"https://sts.amazonaws.com", "sts.amazonaws.com"}


SERVICE_PRINCIPALS = ["sts.amazonaws.com", "lambda.amazonaws.com"]
