use aws_config::Region;

pub async fn sts_client() -> aws_sdk_sts::Client {
    let conf = aws_sdk_sts::config::Builder::new()
        .region(Region::new("eu-west-1"))
        .endpoint_url("https://sts.eu-west-1.amazonaws.com")
        .build();
    aws_sdk_sts::Client::from_conf(conf)
}

pub fn annotations() -> [(&'static str, &'static str); 1] {
    [("eks.amazonaws.com/sts-regional-endpoints", "true")]
}
