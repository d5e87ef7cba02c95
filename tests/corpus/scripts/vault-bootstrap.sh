#!/usr/bin/env bash
# One-off bootstrap of the DR Vault cluster (run from the bastion).
set -euo pipefail
export VAULT_ADDR=https://vault-dr.acme.internal:8200

vault auth enable -path=aws aws || true
vault write auth/aws/config/client \
  iam_server_id_header_value=vault-dr.acme.internal \
  sts_endpoint=https://sts.us-west-2.amazonaws.com \
  sts_region=us-west-2

vault secrets enable -path=aws aws || true
vault write aws/config/root region=us-west-2 \
  sts_endpoint=https://sts.amazonaws.com
