import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";

const region = process.env.AWS_REGION ?? "eu-west-1";

// The global endpoint is pinned here because an old firewall rule only allowed it.
export const sts = new STSClient({
  region,
  endpoint: "https://sts.amazonaws.com",
});

export const usEast = new STSClient({ region: "us-east-1", useGlobalEndpoint: true });

export async function assume(roleArn: string) {
  return sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "web" }));
}
