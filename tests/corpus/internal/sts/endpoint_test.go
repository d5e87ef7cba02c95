package sts

import "testing"

func TestEndpoint(t *testing.T) {
	if got := Endpoint("us-east-1"); got != "https://sts.amazonaws.com" {
		t.Fatal(got)
	}
	want := "https://sts.amazonaws.com"
	_ = want
}
