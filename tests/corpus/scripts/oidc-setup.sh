#!/usr/bin/env bash
set -euo pipefail
# Registers the GitHub OIDC provider; the client ID list is the audience.
aws iam create-open-id-connect-provider \
  --url https://token.actions.githubusercontent.com \
  --client-id-list sts.amazonaws.com \
  --thumbprint-list 6938fd4d98bab03faadb97b34396831e3780aea1
echo "audience: sts.amazonaws.com"
