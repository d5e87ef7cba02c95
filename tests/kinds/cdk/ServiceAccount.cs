using System.Collections.Generic;
using Amazon;
using Amazon.SecurityToken;

public static class Sts
{
    public static Dictionary<string, string> Annotations() => new()
    {
        ["eks.amazonaws.com/sts-regional-endpoints"] = "true",
    };

    public static AmazonSecurityTokenServiceClient Client() =>
        new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = RegionEndpoint.EUWest1,
            ServiceURL = "https://sts.eu-west-1.amazonaws.com",
        });
}
