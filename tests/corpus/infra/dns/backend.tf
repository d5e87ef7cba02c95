# State lives in the shared-services account; CI assumes the state role from the deploy role.
terraform {
  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "dns/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
    role_arn       = "arn:aws:iam::210987654321:role/terraform-state"
  }
}
