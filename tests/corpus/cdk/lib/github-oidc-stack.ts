import { Stack, StackProps } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export class GithubOidcStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const provider = new iam.OpenIdConnectProvider(this, "GitHub", {
      url: "https://token.actions.githubusercontent.com",
      clientIds: ["sts.amazonaws.com"],
    });

    new iam.Role(this, "DeployRole", {
      assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        },
        StringLike: {
          "token.actions.githubusercontent.com:sub": "repo:acme/*",
        },
      }),
    });

    const eksAudience = "sts.amazonaws.com";
    new iam.CfnOIDCProvider(this, "Eks", {
      url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
      clientIdList: [eksAudience],
    });
  }
}

export function irsaCondition(stack: Stack, oidcUrl: string) {
  return new CfnJson(stack, "IrsaCondition", {
    value: {
      StringEquals: {
        [`${oidcUrl}:aud`]: "sts.amazonaws.com",
        [`${oidcUrl}:sub`]: "system:serviceaccount:kube-system:cluster-autoscaler",
      },
    },
  });
}
