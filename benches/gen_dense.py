#!/usr/bin/env python3
"""Writes the finding-dense benchmark trees: every file holds exactly one finding.

    python3 benches/gen_dense.py OUT_DIR [--files 20000] [--terraform 5000] [--seed 7]

OUT_DIR/dense/      --files small files in service directories, a seeded mix of what holds the legacy
                    setting or the global endpoint in a real repository: `.env` files, Python clients
                    with `endpoint_url`, Dockerfiles with `ENV`, Kubernetes env lists. A few lines of
                    ordinary content around the one finding.
OUT_DIR/terraform/  --terraform modules' `main.tf`, each an AWS provider with
                    `endpoints { sts = "https://sts.amazonaws.com" }` among other resources.

Each tree's OUT_DIR/<tree>.expected lists `CODE COUNT` lines: what stslint must report on it (checked
before timing). The same seed gives the same bytes.
"""

import argparse
import os
import random

WORDS = ("alpha beta gamma delta bucket client session retry config value handler request "
         "response server worker queue cache index user account service deploy build").split()


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def env_file(rng):
    return ("# %s\nAPP_NAME=%s\nLOG_LEVEL=info\nAWS_STS_REGIONAL_ENDPOINTS=legacy\nWORKERS=%d\n"
            % (words(rng, 5), rng.choice(WORDS), rng.randint(1, 16)))


def python_file(rng):
    return ('"""%s."""\nimport boto3\n\n\ndef %s_session():\n    # %s\n'
            '    return boto3.client("sts", endpoint_url="https://sts.amazonaws.com")\n'
            % (words(rng, 4).capitalize(), rng.choice(WORDS), words(rng, 6)))


def dockerfile(rng):
    return ("FROM python:3.12-slim\nWORKDIR /srv/%s\nCOPY . .\nENV AWS_STS_REGIONAL_ENDPOINTS=legacy\n"
            'CMD ["python", "-m", "%s"]\n' % (rng.choice(WORDS), rng.choice(WORDS)))


def k8s_yaml(rng):
    name = rng.choice(WORDS)
    return ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n"
            "    spec:\n      containers:\n        - name: %s\n          image: registry.example/%s:1.%d\n"
            "          env:\n            - name: AWS_STS_REGIONAL_ENDPOINTS\n              value: legacy\n"
            % (name, name, name, rng.randint(0, 99)))


# (file name, writer, the one code it must produce)
KINDS = [
    (".env", env_file, "STS002"),
    ("client.py", python_file, "STS001"),
    ("Dockerfile", dockerfile, "STS002"),
    ("deploy.yaml", k8s_yaml, "STS002"),
]


def terraform(rng, i):
    region = rng.choice(["eu-west-1", "us-east-2", "ap-southeast-2", "eu-central-1"])
    return ('terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
            '      version = "~> 5.0"\n    }\n  }\n}\n\nprovider "aws" {\n  region = "%s"\n\n'
            '  endpoints {\n    sts = "https://sts.amazonaws.com"\n  }\n}\n\n'
            'resource "aws_s3_bucket" "b%d" {\n  bucket = "%s-%d"\n  tags = {\n    Name = "%s"\n  }\n}\n'
            % (region, i, rng.choice(WORDS), i, words(rng, 3)))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=20_000)
    ap.add_argument("--terraform", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    counts = {}
    for i in range(args.files):
        name, writer, code = KINDS[i % len(KINDS)]
        # One file of each kind per service directory, 50 services per group.
        service = i // len(KINDS)
        path = os.path.join(args.out, "dense", "group%03d" % (service // 50), "svc%05d" % service, name)
        write(path, writer(rng))
        counts[code] = counts.get(code, 0) + 1
    with open(os.path.join(args.out, "dense.expected"), "w") as f:
        f.writelines("%s %d\n" % kv for kv in sorted(counts.items()))
    for i in range(args.terraform):
        path = os.path.join(args.out, "terraform", "env%02d" % (i // 250), "module%04d" % i, "main.tf")
        write(path, terraform(rng, i))
    with open(os.path.join(args.out, "terraform.expected"), "w") as f:
        f.write("STS001 %d\n" % args.terraform)


if __name__ == "__main__":
    main()
