package com.acme

import aws.sdk.kotlin.services.sts.StsClient
import aws.smithy.kotlin.runtime.net.url.Url

val stsClient = StsClient {
    region = "ca-west-1"
    endpointUrl = Url.parse("https://sts.amazonaws.com")
}

// The token audience for web identity federation.
const val WEB_IDENTITY_AUDIENCE = "sts.amazonaws.com"
