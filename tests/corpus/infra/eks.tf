resource "kubernetes_service_account" "api" {
  metadata {
    name      = "api"
    namespace = "apps"
    annotations = {
      "eks.amazonaws.com/role-arn"               = aws_iam_role.api.arn
      "eks.amazonaws.com/audience"               = "sts.amazonaws.com"
      "eks.amazonaws.com/sts-regional-endpoints" = "false"
    }
  }
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = aws_iam_role.report.arn
  environment {
    variables = {
      AWS_STS_REGIONAL_ENDPOINTS = "legacy"
    }
  }
}
