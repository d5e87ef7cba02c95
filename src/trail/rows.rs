//! trail, read stage for tables: maps the columns of a CSV export or a query result (Athena, CloudTrail
//! Lake, Logs Insights, and the output of `--emit-sql`) to record fields by name, in any order.

use super::record::Fields;

/// A column stslint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    EventId,
    EventTime,
    Timestamp,
    EventSource,
    EventName,
    IdentityType,
    UserArn,
    IssuerArn,
    AccountId,
    PrincipalId,
    InvokedBy,
    RoleArn,
    SourceIp,
    UserAgent,
    Host,
    EndpointType,
    ServingRegion,
    VpcEndpointId,
    Recipient,
    Calls,
    FirstSeen,
    LastSeen,
    /// A whole event as JSON text (CloudTrail Lake `eventjson`, Logs Insights `@message`,
    /// lookup-events `CloudTrailEvent`).
    EventJson,
    /// Athena's string columns holding JSON.
    AdditionalEventData,
    RequestParameters,
    /// The endpoint class computed by the emitted SQL: informative, stslint reclassifies.
    Endpoint,
}

/// Column names, normalized (ASCII lowercase, only letters, digits and `@`): the names of the emitted
/// queries, the CloudTrail field names and their dot paths (Logs Insights), and Athena's lower-case names.
static ALIASES: &[(&str, Col)] = &[
    ("eventid", Col::EventId),
    ("eventtime", Col::EventTime),
    ("@timestamp", Col::Timestamp),
    ("eventsource", Col::EventSource),
    ("eventname", Col::EventName),
    ("identitytype", Col::IdentityType),
    ("useridentitytype", Col::IdentityType),
    ("userarn", Col::UserArn),
    ("useridentityarn", Col::UserArn),
    ("issuerarn", Col::IssuerArn),
    ("sessionissuerarn", Col::IssuerArn),
    ("useridentitysessioncontextsessionissuerarn", Col::IssuerArn),
    ("accountid", Col::AccountId),
    ("useridentityaccountid", Col::AccountId),
    ("principalid", Col::PrincipalId),
    ("useridentityprincipalid", Col::PrincipalId),
    ("invokedby", Col::InvokedBy),
    ("useridentityinvokedby", Col::InvokedBy),
    ("rolearn", Col::RoleArn),
    ("requestparametersrolearn", Col::RoleArn),
    ("sourceip", Col::SourceIp),
    ("sourceipaddress", Col::SourceIp),
    ("useragent", Col::UserAgent),
    ("host", Col::Host),
    ("clientprovidedhostheader", Col::Host),
    ("tlsdetailsclientprovidedhostheader", Col::Host),
    ("endpointtype", Col::EndpointType),
    (
        "additionaleventdatarequestdetailsendpointtype",
        Col::EndpointType,
    ),
    ("servingregion", Col::ServingRegion),
    ("awsservingregion", Col::ServingRegion),
    (
        "additionaleventdatarequestdetailsawsservingregion",
        Col::ServingRegion,
    ),
    ("vpcendpointid", Col::VpcEndpointId),
    ("recipientaccountid", Col::Recipient),
    ("calls", Col::Calls),
    ("count", Col::Calls),
    ("firstseen", Col::FirstSeen),
    ("lastseen", Col::LastSeen),
    ("eventjson", Col::EventJson),
    ("@message", Col::EventJson),
    ("cloudtrailevent", Col::EventJson),
    ("additionaleventdata", Col::AdditionalEventData),
    ("requestparameters", Col::RequestParameters),
    ("endpoint", Col::Endpoint),
];

/// The column a header names, if stslint reads it.
pub fn column(name: &str) -> Option<Col> {
    let normalized: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '@')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == normalized.as_str())
        .map(|(_, c)| *c)
}

/// Whether a set of columns is a CloudTrail table: a whole event, or an event name or caller with at
/// least one endpoint signal.
pub fn is_trail_table(cols: &[Option<Col>]) -> bool {
    let has = |c: Col| cols.contains(&Some(c));
    has(Col::EventJson)
        || ((has(Col::EventName) || has(Col::IdentityType) || has(Col::UserAgent))
            && (has(Col::Host)
                || has(Col::EndpointType)
                || has(Col::EventSource)
                || has(Col::VpcEndpointId)))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Details<'a> {
    #[serde(rename = "endpointType", borrow)]
    endpoint_type: Option<std::borrow::Cow<'a, str>>,
    #[serde(rename = "awsServingRegion", borrow)]
    serving_region: Option<std::borrow::Cow<'a, str>>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Additional<'a> {
    #[serde(rename = "RequestDetails", borrow)]
    details: Option<Details<'a>>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Request<'a> {
    #[serde(rename = "roleArn", borrow)]
    role_arn: Option<std::borrow::Cow<'a, str>>,
}

fn nonempty(v: &str) -> Option<&str> {
    let v = v.trim();
    (!v.is_empty() && !v.eq_ignore_ascii_case("null")).then_some(v)
}

/// Builds the fields of one row and hands them to `f`; `None` when the row is a whole event (its JSON
/// text is returned instead, to be read as an event).
pub fn with_row<'r, R>(
    cells: &[(Col, &'r str)],
    f: impl FnOnce(&Fields<'_>) -> R,
) -> Result<R, &'r str> {
    let get = |c: Col| {
        cells
            .iter()
            .find(|(col, v)| *col == c && nonempty(v).is_some())
            .map(|(_, v)| v.trim())
    };
    if let Some(json) = get(Col::EventJson) {
        return Err(json);
    }
    let additional: Additional<'_> = get(Col::AdditionalEventData)
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let request: Request<'_> = get(Col::RequestParameters)
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let details = additional.details.as_ref();
    let calls = get(Col::Calls).and_then(|c| {
        // Athena and Lake print integers; some tools print `412.0`.
        c.parse::<u64>()
            .ok()
            .or_else(|| c.parse::<f64>().ok().map(|f| f.max(0.0) as u64))
    });
    let fields = Fields {
        event_id: get(Col::EventId),
        event_time: get(Col::EventTime).or(get(Col::Timestamp)),
        event_source: get(Col::EventSource),
        event_name: get(Col::EventName),
        identity_type: get(Col::IdentityType),
        user_arn: get(Col::UserArn),
        issuer_arn: get(Col::IssuerArn),
        account_id: get(Col::AccountId),
        principal_id: get(Col::PrincipalId),
        invoked_by: get(Col::InvokedBy),
        role_arn: get(Col::RoleArn).or(request.role_arn.as_deref()),
        source_ip: get(Col::SourceIp),
        user_agent: get(Col::UserAgent),
        host: get(Col::Host),
        endpoint_type: get(Col::EndpointType).or(details.and_then(|d| d.endpoint_type.as_deref())),
        serving_region: get(Col::ServingRegion)
            .or(details.and_then(|d| d.serving_region.as_deref())),
        vpc_endpoint_id: get(Col::VpcEndpointId),
        recipient_account_id: get(Col::Recipient),
        calls,
        first_seen: get(Col::FirstSeen),
        last_seen: get(Col::LastSeen),
    };
    Ok(f(&fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_whatever_their_spelling() {
        assert_eq!(column("eventID"), Some(Col::EventId));
        assert_eq!(column("event_id"), Some(Col::EventId));
        assert_eq!(
            column("tlsDetails.clientProvidedHostHeader"),
            Some(Col::Host)
        );
        assert_eq!(
            column("userIdentity.sessionContext.sessionIssuer.arn"),
            Some(Col::IssuerArn)
        );
        assert_eq!(column("@message"), Some(Col::EventJson));
        assert_eq!(column("count(*)"), Some(Col::Calls));
        assert_eq!(column("responseElements"), None);
        assert_eq!(column("name"), None);
    }

    #[test]
    fn athena_json_string_columns_are_read() {
        let cells = [
            (Col::EventName, "AssumeRole"),
            (
                Col::AdditionalEventData,
                r#"{"RequestDetails":{"endpointType":"global","awsServingRegion":"eu-north-1"}}"#,
            ),
            (
                Col::RequestParameters,
                r#"{"roleArn":"arn:aws:iam::1:role/r","externalId":"x"}"#,
            ),
            (Col::Calls, "412"),
        ];
        let got = with_row(&cells, |f| {
            (
                f.endpoint_type.map(str::to_owned),
                f.serving_region.map(str::to_owned),
                f.role_arn.map(str::to_owned),
                f.calls,
            )
        });
        assert_eq!(
            got.unwrap(),
            (
                Some("global".into()),
                Some("eu-north-1".into()),
                Some("arn:aws:iam::1:role/r".into()),
                Some(412)
            )
        );
        assert_eq!(
            with_row(&[(Col::EventJson, "{\"eventSource\":1}")], |_| ()).unwrap_err(),
            "{\"eventSource\":1}"
        );
    }
}
