//! Extractor for Terraform's dependency lock file (`.terraform.lock.hcl`): the version `terraform init`
//! selected for the AWS provider, `provider "registry.terraform.io/hashicorp/aws" { version = "…" }`.
//!
//! The file is HCL, parsed with `hcl-edit` (spans kept). Its `constraints` line repeats what the
//! configuration requires and is not a separate client: the resolved `version` is what runs.

use hcl_edit::expr::Expression;
use hcl_edit::structure::Structure;

use super::facts::{Client, Ecosystem, FileFacts, Problem};
use super::terraform::is_aws_provider_source;
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    // The parser recurses per bracket: refuse what no lock file looks like (they are two levels deep).
    if super::terraform::nesting(&source.text) > super::terraform::MAX_DEPTH {
        facts.problems.push(Problem {
            message: "Terraform lock file nested too deeply was not read".to_owned(),
            span: Span::new(0, 0),
        });
        return facts;
    }
    let body = match hcl_edit::parser::parse_body(&source.text) {
        Ok(body) => body,
        Err(e) => {
            let loc = e.location();
            let at = source.offset_at(loc.line().saturating_sub(1), loc.column().saturating_sub(1));
            facts.problems.push(Problem {
                message: format!("malformed Terraform lock file: {}", e.message()),
                span: Span::new(at, at),
            });
            return facts;
        }
    };
    for structure in body.iter() {
        let Structure::Block(block) = structure else {
            continue;
        };
        let is_aws = block.ident.as_str() == "provider"
            && block
                .labels
                .first()
                .is_some_and(|l| is_aws_provider_source(l.as_str()));
        if !is_aws {
            continue;
        }
        let Some(attr) = block.body.get_attribute("version") else {
            continue;
        };
        let Expression::String(s) = &attr.value else {
            continue;
        };
        let Some(range) = hcl_edit::Span::span(s) else {
            continue;
        };
        // The span inside the quotes.
        let span = Span::new(
            range.start + 1,
            range.end.saturating_sub(1).max(range.start + 1),
        );
        facts.clients.push(Client::locked(
            source,
            Ecosystem::Tool,
            crate::knowledge::tools::TERRAFORM_AWS_PROVIDER,
            s.value().as_str(),
            span,
        ));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn reads_the_aws_provider_version_only() {
        let text = r#"# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "3.76.1"
  constraints = "~> 3.0"
  hashes = [
    "h1:5WSHHV9CgBvZ0rDDDxLnNHsjDfm4knb7ihJ2AIGB58A=",
  ]
}

provider "registry.terraform.io/hashicorp/awscc" {
  version = "0.70.0"
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.0"
}
"#;
        let source = SourceFile::from_text(".terraform.lock.hcl", FileKind::TerraformLock, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| (c.package.as_str(), &text[c.span.start..c.span.end]))
            .collect();
        assert_eq!(got, [("hashicorp/aws", "3.76.1")]);
        let bad =
            SourceFile::from_text(".terraform.lock.hcl", FileKind::TerraformLock, "provider {");
        assert_eq!(extract(&bad).problems.len(), 1);
        let deep = "[".repeat(50_000);
        let deep = SourceFile::from_text(".terraform.lock.hcl", FileKind::TerraformLock, &deep);
        assert_eq!(extract(&deep).problems.len(), 1);
    }
}
