export const audience = process.env.OIDC_AUDIENCE || "sts.amazonaws.com";

export const config = {
  oidcAudience: process.env.OIDC_AUDIENCE ?? "sts.amazonaws.com",
  stsEndpoint: process.env.STS_ENDPOINT ?? "https://sts.amazonaws.com",
};

const fallback = process.env.AUDIENCE || "sts.amazonaws.com";

switch (new URL(endpoint).host) {
  case "sts.amazonaws.com":
    warn("global endpoint");
}

export const lookup = {
  LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "sts.amazonaws.com" }],
};
