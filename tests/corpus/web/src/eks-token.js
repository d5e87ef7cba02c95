const aws4 = require("aws4");

// Presigns GetCallerIdentity for an EKS bearer token (as aws-iam-authenticator does).
function presign(cluster) {
  const request = {
    host: "sts.amazonaws.com",
    service: "sts",
    path: "/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Expires=60",
    headers: { "x-k8s-aws-id": cluster },
    signQuery: true,
  };
  return aws4.sign(request);
}

module.exports = { presign };
