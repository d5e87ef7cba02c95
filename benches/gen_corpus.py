#!/usr/bin/env python3
"""Writes a deterministic monorepo-like tree for benchmarking stslint against ripgrep.

    python3 benches/gen_corpus.py OUT_DIR [--files 100000] [--mb 1000] [--seed 42]

The mix is what a large repository holds: source files in several languages, Markdown, JSON manifests
and big lockfiles, YAML (Kubernetes, CI), Dockerfiles, shell scripts, and a few hundred AWS-related
files (.aws/config, .env, Dockerfiles, deploy YAML) with findings planted at known places. The planted
findings are listed in OUT_DIR/PLANTED.txt as `path:line CODE`. The same seed gives the same bytes.
"""

import argparse
import os
import random

WORDS = ("alpha beta gamma delta region bucket client session token retry config value handler "
         "request response server worker queue cache index user account service deploy build").split()


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def python_file(rng, size):
    out = ['"""Module %s."""\n' % words(rng, 3), "import os\nimport json\n\n"]
    i = 0
    while sum(map(len, out)) < size:
        out.append("def %s_%d(arg):\n    # %s\n    return {'%s': arg, 'n': %d}\n\n"
                   % (rng.choice(WORDS), i, words(rng, 8), rng.choice(WORDS), rng.randint(0, 9999)))
        i += 1
    return "".join(out)


def js_file(rng, size):
    out = ["'use strict';\nconst path = require('path');\n\n"]
    i = 0
    while sum(map(len, out)) < size:
        out.append("function %s%d(a, b) {\n  // %s\n  return a + b + %d;\n}\n\n"
                   % (rng.choice(WORDS), i, words(rng, 8), rng.randint(0, 9999)))
        i += 1
    return "".join(out)


def go_file(rng, size):
    out = ["package main\n\nimport \"fmt\"\n\n"]
    i = 0
    while sum(map(len, out)) < size:
        out.append("func %s%d() {\n\t// %s\n\tfmt.Println(%d)\n}\n\n"
                   % (rng.choice(WORDS).title(), i, words(rng, 8), rng.randint(0, 9999)))
        i += 1
    return "".join(out)


def markdown(rng, size):
    out = ["# %s\n\n" % words(rng, 3)]
    while sum(map(len, out)) < size:
        out.append("%s.\n\n" % words(rng, 30))
    return "".join(out)


def package_lock(rng, size):
    out = ['{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n']
    i = 0
    while sum(map(len, out)) < size:
        name = "%s-%s-%d" % (rng.choice(WORDS), rng.choice(WORDS), i)
        out.append('    "node_modules/%s": {"version": "%d.%d.%d", "resolved": "https://registry.npmjs.org/%s/-/%s.tgz", "integrity": "sha512-%s"},\n'
                   % (name, rng.randint(0, 9), rng.randint(0, 99), rng.randint(0, 99), name, name, "x" * 40))
        i += 1
    out.append('    "": {}\n  }\n}\n')
    return "".join(out)


def k8s_yaml(rng, size):
    out = ["apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n      containers:\n" % rng.choice(WORDS)]
    i = 0
    while sum(map(len, out)) < size:
        out.append("        - name: c%d\n          image: registry.example.com/%s:%d\n          env:\n            - name: LOG_LEVEL\n              value: info\n"
                   % (i, rng.choice(WORDS), rng.randint(1, 99)))
        i += 1
    return "".join(out)


def dockerfile(rng, size):
    out = ["FROM python:3.12-slim\nWORKDIR /app\n"]
    while sum(map(len, out)) < size:
        out.append("RUN echo %s && true\n" % words(rng, 6))
    return "".join(out)


def shell(rng, size):
    out = ["#!/bin/sh\nset -eu\n"]
    while sum(map(len, out)) < size:
        out.append("echo \"%s\"\n" % words(rng, 8))
    return "".join(out)


# (weight, directory, extension, generator, mean size in bytes)
KINDS = [
    (22, "src", "py", python_file, 9000),
    (18, "web", "js", js_file, 9000),
    (8, "web", "ts", js_file, 8000),
    (10, "svc", "go", go_file, 9000),
    (12, "docs", "md", markdown, 6000),
    (8, "deploy", "yaml", k8s_yaml, 5000),
    (3, "images", "Dockerfile", dockerfile, 1500),
    (6, "scripts", "sh", shell, 3000),
    (13, "data", "txt", markdown, 12000),
]

PLANTS = [
    (".aws/config", "[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n", [(3, "STS002")]),
    (".env.production", "AWS_REGION=us-east-1\nAWS_STS_REGIONAL_ENDPOINTS=legacy\n", [(2, "STS002")]),
    ("Dockerfile", "FROM python:3.12-slim\nENV AWS_REGION=aws-global\n", [(2, "STS005")]),
    ("deploy.yaml", "env:\n  - name: AWS_ENDPOINT_URL_STS\n    value: https://sts.amazonaws.com\n", [(3, "STS001")]),
    ("ok.env", "AWS_REGION=us-east-1\nAWS_STS_REGIONAL_ENDPOINTS=regional\n", []),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--mb", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--aws", type=int, default=300, help="AWS-related files with planted findings")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total_weight = sum(k[0] for k in KINDS)
    mean = sum(k[0] * k[4] for k in KINDS) / total_weight
    scale = args.mb * 1_000_000 / (args.files * mean)
    planted = []
    # Lockfiles are few but big, as in real monorepos.
    n_locks = max(1, args.files // 2000)
    for i in range(args.files):
        if i < n_locks:
            path = os.path.join("pkgs", "p%d" % i, "package-lock.json")
            text = package_lock(rng, int(400_000 * scale))
        else:
            _, directory, ext, gen, size = rng.choices(KINDS, weights=[k[0] for k in KINDS])[0]
            sub = os.path.join(directory, "m%02d" % (i % 97), "s%02d" % (i % 13))
            if ext == "Dockerfile":
                name = "Dockerfile" if i % 2 else "f%d.Dockerfile" % i
            else:
                name = "f%d.%s" % (i, ext)
            path = os.path.join(sub, name)
            text = gen(rng, int(size * scale * rng.uniform(0.5, 1.5)))
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    for j in range(args.aws):
        rel, text, findings = PLANTS[j % len(PLANTS)]
        path = os.path.join("services", "svc%03d" % j, rel)
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        planted += ["%s:%d %s" % (path, line, code) for line, code in findings]
    with open(os.path.join(args.out, "PLANTED.txt"), "w") as f:
        f.write("\n".join(sorted(planted)) + "\n")


if __name__ == "__main__":
    main()
