//! Credential helpers. Documentation mentions `https://sts.amazonaws.com` only as history.

/// The audience EKS projects into service-account tokens.
pub const TOKEN_AUDIENCE: &str = "sts.amazonaws.com";

const GLOBAL_ENDPOINT: &str = "https://sts.amazonaws.com";

pub fn config(shared: &aws_types::SdkConfig, global: bool) -> aws_sdk_sts::Config {
    let mut builder = aws_sdk_sts::config::Builder::from(shared);
    if global {
        builder = builder.endpoint_url(GLOBAL_ENDPOINT);
    }
    builder.build()
}

pub fn is_sts_event(source: &str) -> bool {
    source == "sts.amazonaws.com"
}
