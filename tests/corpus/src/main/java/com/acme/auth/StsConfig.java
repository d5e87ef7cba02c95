package com.acme.auth;

import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;

/** Builds STS clients. The legacy one still talks to sts.amazonaws.com. */
public final class StsConfig {
    private static final String STS_ENDPOINT = "https://sts.amazonaws.com";
    private static final String AUDIENCE = "sts.amazonaws.com";

    public AWSSecurityTokenService legacy() {
        return AWSSecurityTokenServiceClientBuilder.standard()
            .withEndpointConfiguration(new EndpointConfiguration("sts.amazonaws.com", "us-east-1"))
            .build();
    }

    public boolean isGlobal(String host) {
        return "sts.amazonaws.com".equalsIgnoreCase(host);
    }
}
