package main

import (
	"fmt"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/sts"
)

// stsGlobal is the host used before the migration; see docs/sts.md.
const stsGlobal = "sts.amazonaws.com"

func main() {
	sess := session.Must(session.NewSession(&aws.Config{
		Region:   aws.String("eu-south-1"),
		Endpoint: aws.String("https://sts.amazonaws.com"),
	}))
	out, err := sts.New(sess).GetCallerIdentity(&sts.GetCallerIdentityInput{})
	if err != nil {
		panic(err)
	}
	fmt.Println(*out.Arn)
}
