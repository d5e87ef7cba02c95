terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "platform/terraform.tfstate"
    region       = "eu-west-1"
    sts_endpoint = "https://sts.amazonaws.com"
  }
}

provider "aws" {
  region = "eu-west-1"
  endpoints {
    sts = "https://sts.amazonaws.com"
  }
}

provider "aws" {
  alias  = "cpt"
  region = "af-south-1"
  endpoints {
    sts = "https://sts.amazonaws.com"
  }
}

provider "aws" {
  alias  = "use1"
  region = "us-east-2"
  endpoints {
    sts = "https://sts.us-east-1.amazonaws.com"
  }
}
