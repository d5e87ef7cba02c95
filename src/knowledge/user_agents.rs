//! Knowledge for `stslint trail`: which AWS CLI or SDK a CloudTrail `userAgent` string claims to be, and
//! which package of [`super::clients`] decides its STS endpoint. Data only, each row with its source; the
//! verdict is asked of [`super::versions::assess`], so `trail` and `check` share one threshold table.
//!
//! Grammar (`../shared/reference/cloudtrail.md` §3, from each SDK's user-agent code): tokens are separated
//! by spaces; a product is `name/version`; the cross-SDK "ua/2.x" format adds metadata as
//! `md/<name>#<version>`, and botocore lists the features it used as `m/<id>,<id>…` (`N` is
//! `ENDPOINT_OVERRIDE`, boto/botocore `botocore/useragent.py` `_USERAGENT_FEATURE_MAPPINGS`).
//! Hand-written: no crate parses AWS user agents, and the grammar is one split on spaces and slashes.
//! A user agent is what the caller *claims*: CloudTrail records it as sent, truncated at 1 KB.

use super::clients;
use crate::extract::facts::Ecosystem;

/// What kind of caller a user agent names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerKind {
    /// An AWS CLI or SDK that a customer runs.
    Sdk,
    /// An AWS-operated caller (`aws-internal/…`, a service name, `AWS Internal`): nothing to change.
    AwsOperated,
    /// A string stslint does not recognise.
    Unknown,
}

/// How the version that decides the endpoint is found in the user agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judge {
    /// The product's own version, judged as `package` of the knowledge table.
    Own(Ecosystem, &'static str),
    /// The version of another product token (or `md/<token>#…`) in the same user agent.
    Token(&'static str, Ecosystem, &'static str),
    /// The embedded Go SDK (the Terraform AWS provider): judged as that SDK.
    EmbeddedGo,
    /// Not a package of the knowledge table (regional by design, or unconfirmed thresholds).
    None,
}

/// One product token stslint recognises.
#[derive(Debug)]
pub struct Product {
    /// The token name before `/`, compared ignoring ASCII case.
    pub token: &'static str,
    /// Only versions with this major match the row (`aws-sdk-js/2…` is v2, `aws-sdk-js/3…` is v3).
    pub major: Option<u64>,
    /// How reports name the client.
    pub client: &'static str,
    pub kind: CallerKind,
    pub judge: Judge,
    pub source: &'static str,
}

const fn sdk(
    token: &'static str,
    major: Option<u64>,
    client: &'static str,
    judge: Judge,
    source: &'static str,
) -> Product {
    Product {
        token,
        major,
        client,
        kind: CallerKind::Sdk,
        judge,
        source,
    }
}

/// Every recognised product, in priority order: the first row with a token in the user agent wins, so
/// wrappers (the Terraform provider, the CLI, boto3, AWS-internal callers) come before the SDK they embed.
pub static PRODUCTS: &[Product] = &[
    Product {
        token: "aws-internal",
        major: None,
        client: "aws-internal",
        kind: CallerKind::AwsOperated,
        judge: Judge::None,
        source: "AWS IAM User Guide cloudtrail-integration, SAML example (`aws-internal/3 aws-sdk-java/1.12.479 …`)",
    },
    sdk(
        "terraform-provider-aws",
        None,
        "terraform-provider-aws",
        Judge::EmbeddedGo,
        "CloudTrail records from the provider: `… terraform-provider-aws/4.59.0 (+…) aws-sdk-go/1.44.221 …`, v5 `… aws-sdk-go-v2/1.30.1 …`",
    ),
    sdk(
        "aws-cli",
        Some(1),
        "aws-cli",
        Judge::Own(Ecosystem::PyPi, clients::AWSCLI),
        "aws/aws-cli awscli/clidriver.py (`user_agent_name='aws-cli'`, extra `botocore/<version>`)",
    ),
    sdk(
        "aws-cli",
        Some(2),
        "aws-cli",
        Judge::Own(Ecosystem::PyPi, clients::AWSCLI),
        "AWS IAM User Guide cloudtrail-integration examples (`aws-cli/2.15.33 Python/3.11.8 …`)",
    ),
    sdk(
        "Boto3",
        None,
        "boto3",
        Judge::Token("Botocore", Ecosystem::PyPi, clients::BOTOCORE),
        "boto/boto3 boto3/session.py (name `Boto3`, extra `Botocore/<version>`); botocore decides the endpoint",
    ),
    sdk(
        "Botocore",
        None,
        "botocore",
        Judge::Own(Ecosystem::PyPi, clients::BOTOCORE),
        "boto/botocore botocore/useragent.py (`Botocore/<version>`, `md/Botocore#<version>`)",
    ),
    sdk(
        "aws-sdk-nodejs",
        Some(2),
        "aws-sdk-js v2",
        Judge::Own(Ecosystem::Npm, clients::JS_V2),
        "aws/aws-sdk-js lib/util.js (`'aws-sdk-' + environment + '/' + VERSION`, environment `nodejs`)",
    ),
    sdk(
        "aws-sdk-js",
        Some(2),
        "aws-sdk-js v2",
        Judge::Own(Ecosystem::Npm, clients::JS_V2),
        "aws/aws-sdk-js lib/browser_loader.js (environment `js`)",
    ),
    sdk(
        "aws-sdk-js-react-native",
        Some(2),
        "aws-sdk-js v2",
        Judge::Own(Ecosystem::Npm, clients::JS_V2),
        "aws/aws-sdk-js lib/react-native-loader.js (environment `js-react-native`)",
    ),
    sdk(
        "aws-sdk-js",
        Some(3),
        "aws-sdk-js v3",
        Judge::None,
        "aws/aws-sdk-js-v3 packages/util-user-agent-node/src/defaultUserAgent.ts (`aws-sdk-js/3.x ua/2.1 …`)",
    ),
    sdk(
        "aws-sdk-go-v2",
        None,
        "aws-sdk-go-v2",
        Judge::None,
        "aws/aws-sdk-go-v2 aws package (`SDKName = \"aws-sdk-go-v2\"`)",
    ),
    sdk(
        "aws-sdk-go",
        None,
        "aws-sdk-go",
        Judge::Own(Ecosystem::Go, clients::GO_V1),
        "aws/aws-sdk-go aws/version.go (`SDKName = \"aws-sdk-go\"`), aws/corehandlers/user_agent.go",
    ),
    sdk(
        "aws-sdk-java",
        Some(1),
        "aws-sdk-java v1",
        // An STS call from the v1 SDK went through its STS module, which shares the SDK's version;
        // the client table judges that module (`aws-java-sdk-sts`), not the core.
        Judge::Own(Ecosystem::Maven, clients::JAVA_V1_STS),
        "aws/aws-sdk-java VersionInfoUtils (`aws-sdk-java/1.x …`); LogicMonitor record `aws-sdk-java/1.11.918`",
    ),
    sdk(
        "aws-sdk-java",
        Some(2),
        "aws-sdk-java v2",
        Judge::None,
        "aws/aws-sdk-java-v2 core/sdk-core/…/SdkUserAgent.java (`aws-sdk-{platform}/{version} …`)",
    ),
    sdk(
        "aws-sdk-ruby3",
        None,
        "aws-sdk-ruby v3",
        Judge::Own(Ecosystem::RubyGems, clients::RUBY_CORE),
        "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/plugins/user_agent.rb (`aws-sdk-ruby3/<aws-sdk-core version>`)",
    ),
    sdk(
        "aws-sdk-ruby2",
        None,
        "aws-sdk-ruby v2",
        Judge::Own(Ecosystem::RubyGems, clients::RUBY_CORE),
        "aws/aws-sdk-ruby version-2 aws-sdk-core user agent (`aws-sdk-ruby2/<version>`)",
    ),
    sdk(
        "aws-sdk-php",
        None,
        "aws-sdk-php",
        Judge::Own(Ecosystem::Packagist, clients::PHP),
        "aws/aws-sdk-php src/AwsClient.php user agent (`aws-sdk-php/<version> …`)",
    ),
    sdk(
        "aws-sdk-dotnet-core",
        None,
        "aws-sdk-dotnet",
        Judge::Own(Ecosystem::NuGet, clients::DOTNET_CORE),
        "request logs of AWSSDK.Core 3.x (`aws-sdk-dotnet-coreclr/… aws-sdk-dotnet-core/3.7.108.2 …`, `md/aws-sdk-dotnet-core#…`)",
    ),
    sdk(
        "aws-sdk-dotnet-coreclr",
        None,
        "aws-sdk-dotnet",
        Judge::Token(
            "aws-sdk-dotnet-core",
            Ecosystem::NuGet,
            clients::DOTNET_CORE,
        ),
        "request logs of AWSSDK.Core 3.x (`aws-sdk-dotnet-coreclr/3.7.108.0 …`)",
    ),
    sdk(
        "aws-sdk-dotnet-45",
        None,
        "aws-sdk-dotnet",
        Judge::Token(
            "aws-sdk-dotnet-core",
            Ecosystem::NuGet,
            clients::DOTNET_CORE,
        ),
        "AWSSDK.Core 3.x on .NET Framework 4.5 (`aws-sdk-dotnet-45/…`)",
    ),
    sdk(
        "aws-sdk-dotnet",
        None,
        "aws-sdk-dotnet",
        Judge::Own(Ecosystem::NuGet, clients::DOTNET_CORE),
        "AWSSDK v4 (`aws-sdk-dotnet/4.x`)",
    ),
    sdk(
        "aws-sdk-rust",
        None,
        "aws-sdk-rust",
        Judge::None,
        "awslabs/aws-sdk-rust aws-runtime user agent (`aws-sdk-rust/<version> os/… lang/rust/…`)",
    ),
];

/// The client a user agent claims to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub kind: CallerKind,
    /// How reports name it (`botocore`, `aws-cli`, `terraform-provider-aws`); empty when unknown.
    pub client: &'static str,
    /// The product's own version (`1.29.74`); empty when unknown.
    pub version: String,
    /// The knowledge-table package and version that decide its endpoint, when it is one.
    pub judged: Option<(Ecosystem, &'static str, String)>,
    /// The embedded SDK that was judged, for wrappers (`aws-sdk-go 1.44.221`).
    pub via: Option<String>,
    /// botocore's feature list has `N` (`ENDPOINT_OVERRIDE`): the caller set the endpoint itself. Read
    /// for the botocore family only: the letters are verified in botocore, not across SDKs.
    pub endpoint_override: bool,
}

/// One `name/version` or `md/name#version` token.
fn tokens(ua: &str) -> impl Iterator<Item = (&str, &str)> {
    ua.split_ascii_whitespace().filter_map(|t| {
        let (name, version) = t.split_once('/')?;
        if name.eq_ignore_ascii_case("md") {
            return version.split_once('#');
        }
        Some((name, version))
    })
}

/// The leading numeric version of a token value (`1.29.74`, `2.1692.0`; `3.7.108.2`; `v1.0`).
fn version_of(value: &str) -> Option<&str> {
    let value = value.strip_prefix(['v', 'V']).unwrap_or(value);
    let end = value
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(value.len());
    let v = &value[..end];
    v.starts_with(|c: char| c.is_ascii_digit()).then_some(v)
}

fn major(version: &str) -> Option<u64> {
    version
        .split(['.', '-', '+'])
        .next()
        .and_then(|m| m.parse().ok())
}

fn find_token<'a>(ua: &'a str, name: &str) -> Option<&'a str> {
    tokens(ua)
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| version_of(v))
}

/// Whether botocore's `m/` feature list names `ENDPOINT_OVERRIDE` (`N`).
fn has_endpoint_override(ua: &str) -> bool {
    ua.split_ascii_whitespace()
        .filter_map(|t| t.strip_prefix("m/"))
        .any(|list| list.split(',').any(|f| f == "N"))
}

/// Whether the user agent is an AWS service or AWS-internal caller rather than a customer's client:
/// `ec2.amazonaws.com`, `AWS Internal`, `AWS Internal/3` (CloudTrail record contents, `userAgent`).
fn aws_operated(ua: &str) -> bool {
    let ua = ua.trim();
    ua.starts_with("AWS Internal") || (ua.ends_with(".amazonaws.com") && !ua.contains([' ', '/']))
}

/// Reads the client a user agent claims to be.
pub fn parse(ua: &str) -> Claimed {
    let endpoint_override = has_endpoint_override(ua);
    if aws_operated(ua) {
        return Claimed {
            kind: CallerKind::AwsOperated,
            client: "aws-service",
            version: String::new(),
            judged: None,
            via: None,
            endpoint_override: false,
        };
    }
    for product in PRODUCTS {
        let Some(version) = find_token(ua, product.token) else {
            continue;
        };
        if product.major.is_some() && product.major != major(version) {
            continue;
        }
        let (judged, via) = match product.judge {
            Judge::Own(eco, package) => (Some((eco, package, version.to_owned())), None),
            Judge::Token(token, eco, package) => {
                let v = find_token(ua, token).unwrap_or(version);
                let via = (v != version || !token.eq_ignore_ascii_case(product.token))
                    .then(|| format!("{} {v}", token.to_ascii_lowercase()));
                (Some((eco, package, v.to_owned())), via)
            }
            Judge::EmbeddedGo => {
                if let Some(v) = find_token(ua, "aws-sdk-go-v2") {
                    (None, Some(format!("aws-sdk-go-v2 {v}")))
                } else if let Some(v) = find_token(ua, "aws-sdk-go") {
                    (
                        Some((Ecosystem::Go, "github.com/aws/aws-sdk-go", v.to_owned())),
                        Some(format!("aws-sdk-go {v}")),
                    )
                } else {
                    (None, None)
                }
            }
            Judge::None => (None, None),
        };
        let botocore_family = matches!(product.client, "boto3" | "botocore" | "aws-cli");
        return Claimed {
            kind: product.kind,
            client: product.client,
            version: version.to_owned(),
            judged,
            via,
            endpoint_override: endpoint_override && botocore_family,
        };
    }
    Claimed {
        kind: CallerKind::Unknown,
        client: "",
        version: String::new(),
        judged: None,
        via: None,
        endpoint_override: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(ua: &str) -> Option<(&'static str, String)> {
        parse(ua).judged.map(|(_, p, v)| (p, v))
    }

    #[test]
    fn python_family_judges_the_deciding_package() {
        let c = parse(
            "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11 cfg/retry-mode#legacy Botocore/1.34.0",
        );
        assert_eq!((c.client, c.version.as_str()), ("boto3", "1.34.0"));
        assert_eq!(c.judged.unwrap().1, "botocore");
        assert_eq!(
            judged("Boto3/1.10.48 Python/3.7.5 Linux/4.14 Botocore/1.13.48"),
            Some(("botocore", "1.13.48".into()))
        );
        assert_eq!(
            judged("aws-cli/1.27.74 Python/3.10.6 Linux/5.15 botocore/1.29.74"),
            Some(("awscli", "1.27.74".into()))
        );
        let v2 = parse("aws-cli/2.15.33 Python/3.11.8 Linux/5.10 exe/x86_64.amzn.2 prompt/off");
        assert_eq!(v2.judged.unwrap().2, "2.15.33");
    }

    #[test]
    fn js_v2_and_v3_share_a_prefix_and_split_by_major() {
        assert_eq!(parse("aws-sdk-js/2.1692.0 promise").client, "aws-sdk-js v2");
        assert_eq!(
            parse("aws-sdk-js/3.600.0 ua/2.1 os/linux lang/js").client,
            "aws-sdk-js v3"
        );
        assert!(parse("aws-sdk-js/3.600.0 ua/2.1").judged.is_none());
        assert_eq!(
            judged("aws-sdk-nodejs/2.1692.0 linux/v18.17.0 exec-env/AWS_Lambda_nodejs18.x"),
            Some(("aws-sdk", "2.1692.0".into()))
        );
    }

    #[test]
    fn wrappers_win_over_the_sdk_they_embed() {
        let tf = parse(
            "APN/1.0 HashiCorp/1.0 Terraform/1.4.2 (+https://www.terraform.io) terraform-provider-aws/4.59.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.221 (go1.19.6; linux; amd64)",
        );
        assert_eq!(tf.client, "terraform-provider-aws");
        assert_eq!(tf.via.as_deref(), Some("aws-sdk-go 1.44.221"));
        assert_eq!(tf.judged.unwrap().1, "github.com/aws/aws-sdk-go");
        let internal = parse("aws-internal/3 aws-sdk-java/1.12.479 Linux/5.10 java/17.0.7");
        assert_eq!(internal.kind, CallerKind::AwsOperated);
        assert_eq!(parse("ec2.amazonaws.com").kind, CallerKind::AwsOperated);
        assert_eq!(parse("AWS Internal").kind, CallerKind::AwsOperated);
        assert_eq!(parse("curl/8.0.1").kind, CallerKind::Unknown);
    }

    #[test]
    fn endpoint_override_feature_is_read_from_the_m_list() {
        assert!(
            parse("Boto3/1.40.1 md/Botocore#1.40.1 ua/2.1 m/N,i,Z Botocore/1.40.1")
                .endpoint_override
        );
        assert!(
            !parse("Boto3/1.40.1 md/Botocore#1.40.1 ua/2.1 m/b,AA,Z Botocore/1.40.1")
                .endpoint_override
        );
        // The letters are botocore's: another SDK's `m/…N…` is not read as an override.
        assert!(
            !parse("aws-sdk-java/2.31.0 ua/2.1 os/Linux#6.1 lang/java#17 m/D,N").endpoint_override
        );
    }
}
