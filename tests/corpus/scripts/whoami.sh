#!/usr/bin/env bash
export AWS_REGION=eu-west-1
aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com
aws sts get-caller-identity --endpoint-url https://sts.eu-west-1.amazonaws.com
