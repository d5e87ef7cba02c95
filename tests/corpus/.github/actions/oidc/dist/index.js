// Bundled by ncc: vendored AWS SDK v3 STS endpoint ruleset.
var MH = { url: "https://sts.amazonaws.com", properties: { authSchemes: [{ name: "sigv4", signingName: "sts", signingRegion: "us-east-1" }] }, headers: {} };
