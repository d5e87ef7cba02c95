resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_policy_document" "github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_cloudwatch_event_rule" "global_sts" {
  event_pattern = jsonencode({
    source = ["aws.sts"]
    detail = {
      eventSource = ["sts.amazonaws.com"]
    }
  })
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.eu-west-1.sts"
}
