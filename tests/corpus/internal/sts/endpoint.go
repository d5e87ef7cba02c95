package sts

import (
	"fmt"
	"strings"
)

// Endpoint returns the STS endpoint for a region.
func Endpoint(region string) string {
	switch region {
	case "us-east-1", "aws-global":
		return "https://sts.amazonaws.com"
	}
	return fmt.Sprintf("https://sts.%s.amazonaws.com", region)
}

// IsGlobal reports whether a host is the global endpoint.
func IsGlobal(host string) bool {
	return host == "sts.amazonaws.com" || strings.HasSuffix(host, "://sts.amazonaws.com")
}

// AssumeRoleResponse is the XML body of an AssumeRole answer.
type AssumeRoleResponse struct {
	XMLName struct{} `xml:"https://sts.amazonaws.com/doc/2011-06-15/ AssumeRoleResponse"`
}

const xmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
