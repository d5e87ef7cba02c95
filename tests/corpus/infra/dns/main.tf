provider "aws" {
  region = "eu-west-1"
}

resource "aws_route53_zone" "internal" {
  name = "internal.acme.example"

  vpc {
    vpc_id = var.vpc_id
  }
}

variable "vpc_id" {
  type = string
}
