# Vault's AWS auth method: EC2 and IAM logins from the workload accounts.
resource "vault_auth_backend" "aws" {
  type        = "aws"
  description = "IAM logins from workload accounts"
}

resource "vault_aws_auth_backend_client" "aws" {
  backend                    = vault_auth_backend.aws.path
  iam_server_id_header_value = "vault.acme.internal"
  sts_endpoint               = "https://sts.amazonaws.com"
}

resource "vault_aws_auth_backend_role" "ci" {
  backend                  = vault_auth_backend.aws.path
  role                     = "ci"
  auth_type                = "iam"
  bound_iam_principal_arns = ["arn:aws:iam::123456789012:role/ci"]
  token_policies           = ["ci"]
}
