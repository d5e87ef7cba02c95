provider "aws" {
  region = "ap-east-1"
  endpoints {
    sts = "https://sts.amazonaws.com"
  }
}
