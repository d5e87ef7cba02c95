# Shared AWS clients. Prose: we used to call sts.amazonaws.com here.
require "aws-sdk-core"

STS = Aws::STS::Client.new(
  region: "us-east-1",
  endpoint: "https://sts.amazonaws.com"
)

OIDC_CLAIMS = { aud: "sts.amazonaws.com", azp: "web" }.freeze

def global_sts_event?(event)
  event["eventSource"] == "sts.amazonaws.com"
end
