package oidc

import "sigs.k8s.io/aws-iam-authenticator/pkg/token"

// DefaultAudience is what EKS IRSA tokens are minted for.
const DefaultAudience = "sts.amazonaws.com"

func Options(cluster string) *token.GetTokenOptions {
	return &token.GetTokenOptions{
		ClusterID: cluster,
		Audience:  "sts.amazonaws.com",
	}
}

var Claims = map[string]string{
	"aud": "sts.amazonaws.com",
	"iss": "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
}
