//! Vault-style IAM auth: the client signs a GetCallerIdentity request for the server to replay.

pub struct IamAuthConfig {
    pub sts_endpoint: String,
    pub timeout_seconds: u64,
}

impl Default for IamAuthConfig {
    fn default() -> Self {
        Self {
            sts_endpoint: "https://sts.amazonaws.com".to_string(),
            timeout_seconds: 10,
        }
    }
}
