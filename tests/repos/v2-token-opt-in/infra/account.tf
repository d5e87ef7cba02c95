# Global-endpoint tokens valid in every region, for the Hong Kong workloads.
resource "aws_iam_security_token_service_preferences" "account" {
  global_endpoint_token_version = "v2Token"
}
