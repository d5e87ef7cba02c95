#!/usr/bin/env bash
# Submits the ingest job to the shared YARN cluster with the ingest role.
set -euo pipefail
ROLE_ARN="arn:aws:iam::123456789012:role/ingest"

spark-submit \
  --master yarn --deploy-mode cluster \
  --conf spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider \
  --conf spark.hadoop.fs.s3a.assumed.role.arn="$ROLE_ARN" \
  --conf spark.hadoop.fs.s3a.assumed.role.sts.endpoint=https://sts.amazonaws.com \
  --conf spark.hadoop.fs.s3a.assumed.role.sts.endpoint.region=us-east-1 \
  s3a://acme-jobs/ingest/main.py "$@"
