package main

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
)

func euSession() *session.Session {
	return session.Must(session.NewSession(&aws.Config{
		Region:   aws.String("eu-west-1"),
		Endpoint: aws.String("https://sts.us-east-1.amazonaws.com"),
	}))
}

func localSession() *session.Session {
	return session.Must(session.NewSession(&aws.Config{
		Region:   aws.String("eu-central-1"),
		Endpoint: aws.String("https://sts.eu-central-1.amazonaws.com"),
	}))
}
