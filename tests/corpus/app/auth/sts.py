"""STS helpers for the batch platform.

Historically every call went to sts.amazonaws.com; see docs/sts.md for the migration.
"""
import os

import boto3
from botocore.config import Config

# Kept for the on-premises runners until they move to the regional endpoint.
GLOBAL_STS_ENDPOINT = "https://sts.amazonaws.com"
REGION = os.environ.get("AWS_REGION", "eu-west-1")


def sts_client(region=REGION):
    # endpoint_url="https://sts.amazonaws.com" was the old default here
    return boto3.client(
        "sts",
        region_name=region,
        endpoint_url=GLOBAL_STS_ENDPOINT if region == "us-east-1" else None,
        config=Config(retries={"max_attempts": 5}),
    )


def legacy_client():
    return boto3.client("sts", endpoint_url="https://sts.amazonaws.com")


def endpoint_for(region):
    if region in ("us-east-1", "aws-global"):
        return "sts.amazonaws.com"
    return f"https://sts.{region}.amazonaws.com"


def register_github_provider(iam, thumbprint):
    return iam.create_open_id_connect_provider(
        Url="https://token.actions.githubusercontent.com",
        ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=[thumbprint],
    )


def trust_policy(account_id, repo):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {
                    "Federated": f"arn:aws:iam::{account_id}:oidc-provider/token.actions.githubusercontent.com"
                },
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                    "StringLike": {"token.actions.githubusercontent.com:sub": f"repo:{repo}:*"},
                },
            }
        ],
    }


def verify(token, jwks):
    import jwt

    return jwt.decode(token, jwks, algorithms=["RS256"], audience="sts.amazonaws.com")


STS_XML_NS = {"sts": "https://sts.amazonaws.com/doc/2011-06-15/"}
STS_VPC_ENDPOINT_SERVICE = "com.amazonaws.eu-west-1.sts"
