#!/usr/bin/env python3
"""Generates a seeded tree of S3-delivered CloudTrail files for benches/trail.sh.

    python3 benches/gen_trail.py OUT_DIR [--mb MB] [--seed N]

Layout and names as CloudTrail delivers them (CloudTrail User Guide, "Finding your CloudTrail log
files"): AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_
<16 chars>.json.gz, each a gzip of {"Records":[...]}, plus digest files under CloudTrail-Digest/.
The mix is realistic in shape: most records are other services' calls (S3, EC2, KMS, CloudWatch Logs,
DynamoDB, Lambda, IAM, some naming sts.amazonaws.com in a trust policy); about 2% are STS calls with
global, served-locally, regional and unknown endpoints and user agents of many clients.

Writes EXPECTED.json (records, STS records per endpoint class, JSON bytes before compression) for the
script's correctness check. Same seed, same tree.
"""

import argparse
import gzip
import json
import os
import random
import string

ACCOUNTS = ["111122223333", "222233334444", "333344445555", "444455556666"]
REGIONS = ["us-east-1", "us-east-1", "us-east-1", "eu-west-1", "eu-north-1", "ap-southeast-2"]
AGENTS_OTHER = [
    "aws-sdk-java/2.25.60 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
    "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#5.10.201 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.0",
    "aws-sdk-go-v2/1.24.1 os/linux lang/go#1.20.12 md/GOOS#linux md/GOARCH#amd64 api/s3#1.48.0",
    "aws-sdk-js/3.637.0 ua/2.1 os/linux#6.1.0 lang/js md/nodejs#20.17.0 api/dynamodb#3.637.0",
    "aws-cli/2.15.33 Python/3.11.8 Linux/5.10.233 exe/x86_64.amzn.2 prompt/off command/s3.cp",
    "lambda.amazonaws.com",
]
AGENTS_STS = [
    ("Boto3/1.26.74 Python/3.10.6 Linux/5.15.0-1041-azure Botocore/1.29.74", 5),
    ("aws-cli/1.27.74 Python/3.10.6 Linux/5.19.0-1025-aws botocore/1.29.74", 3),
    ("aws-sdk-go/1.44.300 (go1.20.6; linux; amd64)", 4),
    ("aws-sdk-java/1.12.500 Linux/5.10.184 OpenJDK_64-Bit_Server_VM/11.0.20+8-LTS java/11.0.20 vendor/Amazon.com_Inc.", 3),
    ("aws-sdk-nodejs/2.1692.0 linux/v18.17.0 exec-env/AWS_Lambda_nodejs18.x", 3),
    ("aws-cli/2.15.33 Python/3.11.8 Linux/5.10.233 exe/x86_64.amzn.2 prompt/off command/sts.assume-role", 4),
    ("aws-sdk-go-v2/1.24.1 os/linux lang/go#1.20.12 md/GOOS#linux md/GOARCH#amd64 api/sts#1.26.7", 4),
    ("APN/1.0 HashiCorp/1.0 Terraform/1.4.2 (+https://www.terraform.io) terraform-provider-aws/4.59.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.221 (go1.19.6; linux; amd64)", 2),
]
ROLES = [f"app-{i:03d}" for i in range(60)] + ["ci-deploy", "terraform-plan", "data-pipeline"]


def uid(rng):
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def identity(rng, account):
    role = rng.choice(ROLES)
    session = "".join(rng.choices(string.digits, k=19))
    return {
        "type": "AssumedRole",
        "principalId": f"AROAEXAMPLE{role.upper()[:8]}:{session}",
        "arn": f"arn:aws:sts::{account}:assumed-role/{role}/{session}",
        "accountId": account,
        "accessKeyId": "ASIA" + "".join(rng.choices(string.ascii_uppercase + "234567", k=16)),
        "sessionContext": {
            "sessionIssuer": {"type": "Role", "principalId": f"AROAEXAMPLE{role.upper()[:8]}",
                              "arn": f"arn:aws:iam::{account}:role/{role}", "accountId": account,
                              "userName": role},
            "webIdFederationData": {},
            "attributes": {"creationDate": "2026-10-02T08:00:00Z", "mfaAuthenticated": "false"},
        },
    }


def other_record(rng, account, region, time):
    kind = rng.random()
    ident = identity(rng, account)
    base = {"eventVersion": "1.11", "userIdentity": ident, "eventTime": time,
            "awsRegion": region, "sourceIPAddress": "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(256)),
            "userAgent": rng.choice(AGENTS_OTHER)}
    if kind < 0.35:
        base.update(eventSource="s3.amazonaws.com", eventName=rng.choice(["GetObject", "PutObject", "HeadObject"]),
                    requestParameters={"bucketName": f"data-{rng.randrange(40)}", "Host": f"data-{rng.randrange(40)}.s3.{region}.amazonaws.com",
                                       "key": "/".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(rng.randrange(2, 8)))},
                    responseElements=None,
                    additionalEventData={"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0,
                                         "AuthenticationMethod": "AuthHeader", "x-amz-id-2": "".join(rng.choices(string.ascii_letters + string.digits, k=76)),
                                         "bytesTransferredOut": rng.randrange(1 << 20)},
                    resources=[{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::data/x"}], eventCategory="Data", managementEvent=False,
                    readOnly=True, tlsDetails={"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                                                "clientProvidedHostHeader": f"data.s3.{region}.amazonaws.com"})
    elif kind < 0.55:
        base.update(eventSource="ec2.amazonaws.com", eventName=rng.choice(["DescribeInstances", "DescribeVolumes", "DescribeSecurityGroups"]),
                    requestParameters={"maxResults": 1000, "filterSet": {"items": [{"name": "tag:team", "valueSet": {"items": [{"value": "payments"}]}}]}},
                    responseElements=None, readOnly=True, managementEvent=True, eventCategory="Management",
                    tlsDetails={"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": f"ec2.{region}.amazonaws.com"})
    elif kind < 0.72:
        base.update(eventSource="kms.amazonaws.com", eventName="Decrypt",
                    requestParameters={"encryptionAlgorithm": "SYMMETRIC_DEFAULT",
                                       "encryptionContext": {"aws:lambda:FunctionArn": f"arn:aws:lambda:{region}:{account}:function:fn-{rng.randrange(99)}"}},
                    responseElements=None, readOnly=True, managementEvent=True, eventCategory="Management",
                    resources=[{"accountId": account, "type": "AWS::KMS::Key", "ARN": f"arn:aws:kms:{region}:{account}:key/{uid(rng)}"}])
    elif kind < 0.86:
        base.update(eventSource="logs.amazonaws.com", eventName="CreateLogStream",
                    requestParameters={"logGroupName": f"/aws/lambda/fn-{rng.randrange(99)}", "logStreamName": "2026/10/02/[$LATEST]" + "%032x" % rng.getrandbits(128)},
                    responseElements=None, readOnly=False, managementEvent=True, eventCategory="Management")
    elif kind < 0.995:
        base.update(eventSource="dynamodb.amazonaws.com", eventName=rng.choice(["DescribeTable", "ListTables"]),
                    requestParameters={"tableName": f"orders-{rng.randrange(20)}"}, responseElements=None, readOnly=True,
                    managementEvent=True, eventCategory="Management",
                    tlsDetails={"tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256", "clientProvidedHostHeader": f"dynamodb.{region}.amazonaws.com"})
    else:
        # An IAM call whose trust policy names sts.amazonaws.com: passes the byte prefilter, is not STS.
        base.update(eventSource="iam.amazonaws.com", eventName="CreateRole",
                    requestParameters={"roleName": f"irsa-{rng.randrange(999)}", "assumeRolePolicyDocument": json.dumps(
                        {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                                        "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/X:aud": "sts.amazonaws.com"}}}]})},
                    responseElements=None, readOnly=False, managementEvent=True, eventCategory="Management")
    base.update(requestID=uid(rng), eventID=uid(rng), eventType="AwsApiCall", recipientAccountId=account)
    return base


def sts_record(rng, account, region, time, expected):
    ident = identity(rng, account)
    agent = rng.choices([a for a, _ in AGENTS_STS], weights=[w for _, w in AGENTS_STS])[0]
    r = rng.random()
    rec = {"eventVersion": "1.11", "userIdentity": ident, "eventTime": time, "eventSource": "sts.amazonaws.com",
           "eventName": rng.choice(["AssumeRole", "GetCallerIdentity", "AssumeRole", "GetSessionToken"]),
           "awsRegion": "us-east-1", "sourceIPAddress": "52.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(256)),
           "userAgent": agent,
           "requestParameters": {"roleArn": f"arn:aws:iam::{account}:role/{rng.choice(ROLES)}", "roleSessionName": "s", "durationSeconds": 3600},
           "responseElements": {"credentials": {"accessKeyId": "ASIA" + "".join(rng.choices(string.ascii_uppercase, k=16)),
                                                "sessionToken": "IQoJb3JpZ2luX2Vj" + "".join(rng.choices(string.ascii_letters + string.digits, k=600)),
                                                "expiration": "Oct 2, 2026, 10:00:00 AM"}},
           "requestID": uid(rng), "eventID": uid(rng), "readOnly": True, "eventType": "AwsApiCall",
           "managementEvent": True, "recipientAccountId": account, "eventCategory": "Management"}
    if r < 0.45:
        rec["tlsDetails"] = {"tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256", "clientProvidedHostHeader": "sts.amazonaws.com"}
        rec["additionalEventData"] = {"RequestDetails": {"awsServingRegion": "us-east-1", "endpointType": "global"}}
        expected["global"] += 1
    elif r < 0.6:
        served = rng.choice(["eu-west-1", "eu-north-1", "ap-southeast-2"])
        rec["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": f"sts-global.{served}.amazonaws.com"}
        rec["additionalEventData"] = {"RequestDetails": {"awsServingRegion": served, "endpointType": "global"}}
        expected["global_served_locally"] += 1
    elif r < 0.95:
        rec["awsRegion"] = region
        rec["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": f"sts.{region}.amazonaws.com"}
        rec["additionalEventData"] = {"RequestDetails": {"awsServingRegion": region, "endpointType": "regional"}}
        expected["regional"] += 1
    else:
        rec["userIdentity"] = {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"}
        rec["userAgent"] = "ec2.amazonaws.com"
        rec["sourceIPAddress"] = "ec2.amazonaws.com"
        expected["unknown"] += 1
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=2200, help="JSON before compression, in MB")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = args.mb * 1_000_000
    expected = {"files": 0, "records": 0, "sts_records": 0, "json_bytes": 0, "global": 0,
                "global_served_locally": 0, "regional": 0, "unknown": 0, "digests": 0}
    n = 0
    while expected["json_bytes"] < target:
        account = rng.choice(ACCOUNTS)
        region = rng.choice(REGIONS)
        day = 1 + n % 28
        hh, mm = (n // 12) % 24, (n * 5) % 60
        stamp = f"2026{10:02d}{day:02d}T{hh:02d}{mm:02d}Z"
        uniq = "".join(rng.choices(string.ascii_letters + string.digits, k=16))
        folder = os.path.join(args.out, "AWSLogs", account, "CloudTrail", region, "2026", "10", f"{day:02d}")
        os.makedirs(folder, exist_ok=True)
        records = []
        count = rng.randrange(200, 2400)
        for i in range(count):
            time = f"2026-10-{day:02d}T{hh:02d}:{mm:02d}:{rng.randrange(60):02d}Z"
            if rng.random() < 0.02:
                records.append(sts_record(rng, account, region, time, expected))
                expected["sts_records"] += 1
            else:
                records.append(other_record(rng, account, region, time))
        body = json.dumps({"Records": records}, separators=(",", ":")).encode()
        with open(os.path.join(folder, f"{account}_CloudTrail_{region}_{stamp}_{uniq}.json.gz"), "wb") as f:
            f.write(gzip.compress(body, compresslevel=6))
        expected["files"] += 1
        expected["records"] += count
        expected["json_bytes"] += len(body)
        if n % 12 == 0:
            dfolder = os.path.join(args.out, "AWSLogs", account, "CloudTrail-Digest", region, "2026", "10", f"{day:02d}")
            os.makedirs(dfolder, exist_ok=True)
            digest = {"awsAccountId": account, "digestStartTime": f"2026-10-{day:02d}T{hh:02d}:00:00Z",
                      "digestEndTime": f"2026-10-{day:02d}T{hh:02d}:59:59Z", "logFiles": [], "previousDigestSignature": "00"}
            with open(os.path.join(dfolder, f"{account}_CloudTrail-Digest_{region}_org_{region}_{stamp[:-1]}00Z.json.gz"), "wb") as f:
                f.write(gzip.compress(json.dumps(digest).encode()))
            expected["digests"] += 1
        n += 1
    with open(os.path.join(args.out, "EXPECTED.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps(expected))


if __name__ == "__main__":
    main()
