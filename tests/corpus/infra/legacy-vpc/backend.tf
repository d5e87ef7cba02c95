terraform {
  # Pinned with the CI image (hashicorp/terraform:1.5.7); bump both together.
  required_version = "1.5.7"

  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "legacy-vpc/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
    role_arn       = "arn:aws:iam::210987654321:role/terraform-state"
  }
}
