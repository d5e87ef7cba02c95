package tokens

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/sts"
)

// globalSTS is where the legacy broker still sends its calls.
func globalSTS() string {
	return "https://sts.amazonaws.com"
}

// tokenAudience is what the broker's web identity tokens are minted for.
func tokenAudience() string {
	return "sts.amazonaws.com"
}

func newClient(sess *session.Session) *sts.STS {
	return sts.New(sess, &aws.Config{
		Endpoint: aws.String(globalSTS()),
	})
}
