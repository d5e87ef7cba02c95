provider "aws" {
  region = var.region

  assume_role {
    role_arn     = "arn:aws:iam::210987654321:role/network-admin"
    session_name = "terraform-network"
  }

  default_tags {
    tags = {
      Stack = "legacy-vpc"
    }
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
}

# An interface endpoint so workloads in this VPC reach STS privately.
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${var.region}.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
