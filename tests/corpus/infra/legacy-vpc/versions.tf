# The 2021 VPC stack. Upgrading to provider 4.x needs the aws_s3_bucket split first (PLAT-311).
terraform {
  required_version = ">= 0.13.1"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.63"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.1"
    }
  }
}
