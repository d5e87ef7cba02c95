provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_security_token_service_preferences" "account" {
  global_endpoint_token_version = "v1Token"
}
