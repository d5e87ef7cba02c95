package awsv2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	v1aws "github.com/aws/aws-sdk-go/aws"
)

// NewSTS pins the v2 client to the global endpoint for the on-premises agents.
func NewSTS(ctx context.Context) (*sts.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	if err != nil {
		return nil, err
	}
	return sts.NewFromConfig(cfg, func(o *sts.Options) {
		o.BaseEndpoint = aws.String("https://sts.amazonaws.com")
	}), nil
}

// legacyResolver predates BaseEndpoint.
var legacyResolver = aws.EndpointResolverWithOptionsFunc(func(service, region string, options ...interface{}) (aws.Endpoint, error) {
	if service == sts.ServiceID {
		return aws.Endpoint{URL: "https://sts.amazonaws.com", SigningRegion: "us-east-1"}, nil
	}
	return aws.Endpoint{}, &aws.EndpointNotFoundError{}
})

var v1Config = v1aws.NewConfig().WithRegion("us-west-2").WithEndpoint("sts.amazonaws.com")

// The projected service-account token's audience.
var tokenAudience = []string{"sts.amazonaws.com"}
