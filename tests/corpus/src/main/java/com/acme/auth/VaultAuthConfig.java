package com.acme.auth;

import org.eclipse.microprofile.config.inject.ConfigProperty;

public class VaultAuthConfig {
    @ConfigProperty(name = "vault.aws.sts-url", defaultValue = "https://sts.amazonaws.com")
    String stsUrl;

    @ConfigProperty(name = "vault.aws.audience", defaultValue = "sts.amazonaws.com")
    String audience;
}
