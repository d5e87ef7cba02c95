package cdk

func annotations() map[string]string {
	return map[string]string{
		"eks.amazonaws.com/role-arn":               "arn:aws:iam::111122223333:role/api",
		"eks.amazonaws.com/sts-regional-endpoints": "true",
	}
}
