package com.acme.auth;

import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** The Hong Kong team's client; the OIDC audience below is not an endpoint. */
final class HongKongSts {
    static final String WEB_IDENTITY_AUDIENCE = "sts.amazonaws.com";

    StsClient client() {
        return StsClient.builder()
            .region(Region.AP_EAST_1)
            .endpointOverride(URI.create("https://sts.amazonaws.com"))
            .build();
    }

    StsClient regional() {
        return StsClient.builder()
            .region(Region.AP_EAST_1)
            .endpointOverride(URI.create("https://sts.ap-east-1.amazonaws.com"))
            .build();
    }
}
