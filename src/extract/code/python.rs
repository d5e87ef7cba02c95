//! Extractor for Python source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::PYTHON).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("app/sts.py", FileKind::Python, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"import boto3
# endpoint_url="https://sts.amazonaws.com" is commented out
sts = boto3.client("sts", region_name="ap-east-1", endpoint_url="https://sts.amazonaws.com")
DEFAULT_STS_ENDPOINT = "https://sts.amazonaws.com:443/"
iam.create_open_id_connect_provider(
    Url=url,
    ClientIDList=["sts.amazonaws.com"],
)
if event["detail"]["eventSource"] == "sts.amazonaws.com":
    pass
claims = jwt.decode(token, key, audience="sts.amazonaws.com")
subprocess.run(["aws", "iam", "create-open-id-connect-provider", "--client-id-list", "sts.amazonaws.com"])
def endpoint_for(region):
    if region == "us-east-1":
        return "sts.amazonaws.com"
    return f"https://sts.{region}.amazonaws.com"
NS = {"sts": "https://sts.amazonaws.com/doc/2011-06-15/"}
os.environ["AWS_ENDPOINT_URL_STS"] = "https://sts.amazonaws.com"
"""Docstring: calls sts.amazonaws.com."""
"##;
        assert_eq!(
            run(text),
            [
                "3: global endpoint via endpoint_url",
                "4: global endpoint via DEFAULT_STS_ENDPOINT",
                "7: identifier: ClientIDList",
                "9: identifier: ==",
                "11: identifier: audience",
                "12: identifier: --client-id-list",
                "15: global endpoint via endpoint_for()",
                "18: global endpoint via AWS_ENDPOINT_URL_STS",
            ]
        );
    }
}
