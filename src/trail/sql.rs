//! trail, scale-out: the queries `--emit-sql` prints, so the same grouping runs on the user's own engine
//! (Athena over the standard CloudTrail table, CloudWatch Logs Insights, CloudTrail Lake). Their output
//! columns are the names [`super::rows`] maps, and stslint reclassifies each row from its raw host,
//! endpoint type, serving region and VPC endpoint columns: one classifier, two engines.
//!
//! Column names: Athena, "Create the table for CloudTrail logs in Athena using manual partitioning"
//! (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table.html: `useridentity` struct,
//! `tlsdetails.clientprovidedhostheader`, `additionaleventdata` and `requestparameters` as JSON strings);
//! CloudTrail Lake, "Supported SQL schemas for event data stores" (`eventjson`, `eventtime` timestamp);
//! Logs Insights, "CloudWatch Logs Insights query syntax" (`fields … as`, `stats … by`, `ispresent`).

/// The engine a query is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Amazon Athena over the table the CloudTrail console or the Athena docs create.
    Athena,
    /// CloudWatch Logs Insights over a trail's log group.
    Insights,
    /// CloudTrail Lake (replace `<event-data-store-id>`).
    Lake,
}

/// The output columns every query returns, in order: names that `rows::column` maps.
pub const COLUMNS: &[&str] = &[
    "identity_type",
    "user_arn",
    "issuer_arn",
    "account_id",
    "principal_id",
    "invoked_by",
    "role_arn",
    "recipient_account_id",
    "event_name",
    "source_ip",
    "user_agent",
    "host",
    "endpoint_type",
    "serving_region",
    "vpc_endpoint_id",
    "calls",
    "first_seen",
    "last_seen",
];

/// The time window, as `YYYY-MM-DDTHH:MM:SSZ` bounds (inclusive).
#[derive(Debug, Default)]
pub struct Window<'a> {
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
}

fn sql_time(t: &str, lake: bool) -> String {
    if lake {
        // Lake's `eventtime` is a timestamp: `YYYY-MM-DD HH:MM:SS`.
        t.trim_end_matches('Z').replacen('T', " ", 1)
    } else {
        t.to_owned()
    }
}

const HEADER: &str = "stslint trail --emit-sql: every STS call grouped by caller, client and endpoint signals. \
Run it, save the result as CSV (or JSON), then read it back with `stslint trail <file>`.";

/// The query for an engine.
pub fn query(engine: Engine, window: &Window<'_>) -> String {
    match engine {
        Engine::Athena => athena(window),
        Engine::Lake => lake(window),
        Engine::Insights => insights(window),
    }
}

fn time_filter(column: &str, window: &Window<'_>, lake: bool) -> String {
    let mut s = String::new();
    if let Some(since) = window.since {
        s.push_str(&format!("\n  AND {column} >= '{}'", sql_time(since, lake)));
    }
    if let Some(until) = window.until {
        s.push_str(&format!("\n  AND {column} <= '{}'", sql_time(until, lake)));
    }
    s
}

fn athena(window: &Window<'_>) -> String {
    format!(
        "-- {HEADER}
-- Replace cloudtrail_logs with your table. With a projected partition, also restrict it (for example
-- AND \"timestamp\" BETWEEN '2026/10/01' AND '2026/10/31') so Athena reads fewer objects.
SELECT
  useridentity.type AS identity_type,
  useridentity.arn AS user_arn,
  useridentity.sessioncontext.sessionissuer.arn AS issuer_arn,
  useridentity.accountid AS account_id,
  useridentity.principalid AS principal_id,
  useridentity.invokedby AS invoked_by,
  json_extract_scalar(requestparameters, '$.roleArn') AS role_arn,
  recipientaccountid AS recipient_account_id,
  eventname AS event_name,
  sourceipaddress AS source_ip,
  useragent AS user_agent,
  tlsdetails.clientprovidedhostheader AS host,
  json_extract_scalar(additionaleventdata, '$.RequestDetails.endpointType') AS endpoint_type,
  json_extract_scalar(additionaleventdata, '$.RequestDetails.awsServingRegion') AS serving_region,
  vpcendpointid AS vpc_endpoint_id,
  count(*) AS calls,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM cloudtrail_logs
WHERE eventsource = 'sts.amazonaws.com'{}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
ORDER BY calls DESC
",
        time_filter("eventtime", window, false)
    )
}

fn lake(window: &Window<'_>) -> String {
    format!(
        "-- {HEADER}
-- Replace <event-data-store-id> with your event data store's ID.
SELECT
  useridentity.type AS identity_type,
  useridentity.arn AS user_arn,
  useridentity.sessioncontext.sessionissuer.arn AS issuer_arn,
  useridentity.accountid AS account_id,
  useridentity.principalid AS principal_id,
  useridentity.invokedby AS invoked_by,
  json_extract_scalar(eventjson, '$.requestParameters.roleArn') AS role_arn,
  recipientaccountid AS recipient_account_id,
  eventname AS event_name,
  sourceipaddress AS source_ip,
  useragent AS user_agent,
  tlsdetails.clientprovidedhostheader AS host,
  json_extract_scalar(eventjson, '$.additionalEventData.RequestDetails.endpointType') AS endpoint_type,
  json_extract_scalar(eventjson, '$.additionalEventData.RequestDetails.awsServingRegion') AS serving_region,
  vpcendpointid AS vpc_endpoint_id,
  count(*) AS calls,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM <event-data-store-id>
WHERE eventsource = 'sts.amazonaws.com'{}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
ORDER BY calls DESC
",
        time_filter("eventtime", window, true)
    )
}

fn insights(window: &Window<'_>) -> String {
    let mut range = String::new();
    for (flag, t) in [("--start-time", window.since), ("--end-time", window.until)] {
        if let Some(epoch) = t
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_second())
        {
            range.push_str(&format!(" {flag} {epoch}"));
        }
    }
    let range = if range.is_empty() {
        "# Choose the time range in the console, or with --start-time/--end-time of `aws logs start-query`.".to_owned()
    } else {
        format!("# Time range: `aws logs start-query …{range}`.")
    };
    format!(
        "# {HEADER}
{range}
filter eventSource = \"sts.amazonaws.com\"
| fields userIdentity.type as identity_type, userIdentity.arn as user_arn,
    userIdentity.sessionContext.sessionIssuer.arn as issuer_arn, userIdentity.accountId as account_id,
    userIdentity.principalId as principal_id, userIdentity.invokedBy as invoked_by,
    requestParameters.roleArn as role_arn, recipientAccountId as recipient_account_id,
    eventName as event_name, sourceIPAddress as source_ip, userAgent as user_agent,
    tlsDetails.clientProvidedHostHeader as host,
    additionalEventData.RequestDetails.endpointType as endpoint_type,
    additionalEventData.RequestDetails.awsServingRegion as serving_region,
    vpcEndpointId as vpc_endpoint_id
| stats count(*) as calls, min(@timestamp) as first_seen, max(@timestamp) as last_seen
    by identity_type, user_arn, issuer_arn, account_id, principal_id, invoked_by, role_arn,
    recipient_account_id, event_name, source_ip, user_agent, host, endpoint_type, serving_region,
    vpc_endpoint_id
| sort calls desc
| limit 10000
"
    )
}

/// The output column names of a query, read from its text (`… AS name` / `… as name`), comments aside.
pub fn output_columns(query: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?i)\bas\s+([a-z_]+)\b").expect("static regex");
    let mut seen = Vec::new();
    let code: Vec<&str> = query
        .lines()
        .filter(|l| !l.trim_start().starts_with("--") && !l.trim_start().starts_with('#'))
        .collect();
    let code = code.join("\n");
    for c in re.captures_iter(&code) {
        let name = c[1].to_owned();
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::rows;

    #[test]
    fn every_query_returns_exactly_the_columns_the_reader_maps() {
        for engine in [Engine::Athena, Engine::Insights, Engine::Lake] {
            let q = query(engine, &Window::default());
            let cols = output_columns(&q);
            assert_eq!(cols, COLUMNS, "{engine:?}");
            let mapped: Vec<_> = cols.iter().map(|c| rows::column(c)).collect();
            assert!(mapped.iter().all(Option::is_some), "{engine:?}: {cols:?}");
            assert!(rows::is_trail_table(&mapped));
        }
    }

    #[test]
    fn windows_reach_every_engine() {
        let w = Window {
            since: Some("2026-10-01T00:00:00Z"),
            until: Some("2026-10-31T23:59:59Z"),
        };
        assert!(query(Engine::Athena, &w).contains("eventtime >= '2026-10-01T00:00:00Z'"));
        assert!(query(Engine::Lake, &w).contains("eventtime <= '2026-10-31 23:59:59'"));
        assert!(query(Engine::Insights, &w).contains("--start-time 1790812800"));
    }
}
