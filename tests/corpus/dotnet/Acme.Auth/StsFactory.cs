using Amazon.SecurityToken;

namespace Acme.Auth;

public static class StsFactory
{
    // ServiceURL = "https://sts.amazonaws.com" was removed in 2025.
    public static AmazonSecurityTokenServiceClient Global() =>
        new(new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = "https://sts.amazonaws.com",
        });

    public static readonly string[] ClientIdList = { "sts.amazonaws.com" };

    public static bool FromGlobal(CloudTrailEvent e) => e.EventSource == "sts.amazonaws.com";
}
