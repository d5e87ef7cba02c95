//! trail, aggregate stage: folds the observations of every file, in file order, into one row per caller,
//! de-duplicated by `eventID` across files and formats, with bounded per-caller sets; then sorts and
//! judges each caller's clients into the [`Report`] every renderer reads.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::classify::Endpoint;
use super::client::{self, ClientVerdict};
use super::input::{FileOutcome, Status};
use super::record::{Observation, hash64};
use crate::knowledge::user_agents::CallerKind;

/// Source IPs shown per caller (the smallest, so the list does not depend on reading order).
pub const SHOWN_IPS: usize = 10;
/// Distinct source IPs counted exactly per caller; past this, `source_ip_count` stays at the cap.
pub const COUNTED_IPS: usize = 4096;
/// Distinct user agents and event names kept per caller; the rest are folded into one entry.
pub const KEPT_NAMES: usize = 64;
const OTHER_AGENTS: &str = "(other user agents)";
const OTHER_EVENTS: &str = "(other events)";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files: u64,
    pub records: u64,
    pub sts_records: u64,
    pub duplicates: u64,
    pub endpoints: [u64; 4],
    pub skipped_files: u64,
    /// Calls per UTC day (`YYYY-MM-DD` of the record's time; a grouped row counts on the day of its
    /// first call), by endpoint class: the trend `stslint report` draws. Records without a time are not
    /// in it.
    pub days: BTreeMap<String, [u64; 4]>,
}

#[derive(Debug, Default)]
struct Agent {
    count: u64,
    /// Calls to the global endpoint (served in us-east-1 or locally).
    global: u64,
    /// Some of those had host `sts.amazonaws.com` exactly.
    global_host: bool,
}

#[derive(Debug, Default)]
struct Caller {
    account: String,
    identity_type: String,
    endpoints: [u64; 4],
    events: BTreeMap<String, u64>,
    first: String,
    last: String,
    shown_ips: BTreeSet<String>,
    counted_ips: HashSet<u64>,
    agents: HashMap<String, Agent>,
    days: BTreeMap<String, [u64; 4]>,
}

#[derive(Debug, Default)]
pub struct Aggregate {
    pub summary: Summary,
    callers: HashMap<String, Caller>,
    seen: HashSet<u128>,
    pub errors: Vec<(String, String)>,
}

impl Aggregate {
    /// Folds one file's outcome in.
    pub fn file(&mut self, outcome: FileOutcome) {
        match outcome.status {
            Status::Read => self.summary.files += 1,
            Status::Skipped | Status::Rejected => self.summary.skipped_files += 1,
        }
        self.summary.records += outcome.records;
        if let Some(e) = outcome.error {
            self.errors.push((outcome.path, e));
        }
        for o in outcome.observations {
            self.observe(o);
        }
    }

    fn observe(&mut self, o: Observation) {
        if let Some(key) = o.key
            && !self.seen.insert(key)
        {
            self.summary.duplicates += o.count;
            return;
        }
        self.summary.sts_records += o.count;
        self.summary.endpoints[o.endpoint.index()] += o.count;
        let c = self.callers.entry(o.caller).or_default();
        if c.account.is_empty() {
            c.account = o.account;
        }
        if c.identity_type.is_empty() {
            c.identity_type = o.identity_type;
        }
        c.endpoints[o.endpoint.index()] += o.count;
        if let Some(day) = o.first.get(..10) {
            self.summary.days.entry(day.to_owned()).or_default()[o.endpoint.index()] += o.count;
            c.days.entry(day.to_owned()).or_default()[o.endpoint.index()] += o.count;
        }
        let events = c.events.len();
        let name = if events >= KEPT_NAMES && !c.events.contains_key(&o.event_name) {
            OTHER_EVENTS.to_owned()
        } else {
            o.event_name
        };
        *c.events.entry(name).or_default() += o.count;
        if !o.first.is_empty() && (c.first.is_empty() || o.first < c.first) {
            c.first = o.first;
        }
        if !o.last.is_empty() && o.last > c.last {
            c.last = o.last;
        }
        if !o.source_ip.is_empty() {
            if c.counted_ips.len() < COUNTED_IPS {
                c.counted_ips.insert(hash64(&o.source_ip));
            }
            if c.shown_ips.len() < SHOWN_IPS || c.shown_ips.last().is_some_and(|l| o.source_ip < *l)
            {
                c.shown_ips.insert(o.source_ip);
                if c.shown_ips.len() > SHOWN_IPS {
                    c.shown_ips.pop_last();
                }
            }
        }
        let agents = c.agents.len();
        let ua = if agents >= KEPT_NAMES && !c.agents.contains_key(&o.user_agent) {
            OTHER_AGENTS.to_owned()
        } else {
            o.user_agent
        };
        let a = c.agents.entry(ua).or_default();
        a.count += o.count;
        if matches!(o.endpoint, Endpoint::Global | Endpoint::GlobalServedLocally) {
            a.global += o.count;
            a.global_host |= o.global_host;
        }
    }

    /// The sorted, judged report.
    pub fn finish(self) -> Report {
        let mut verdicts: HashMap<String, ClientVerdict> = HashMap::new();
        let mut callers: Vec<CallerRow> = self
            .callers
            .into_iter()
            .map(|(name, c)| {
                let mut agents: Vec<AgentRow> = c
                    .agents
                    .into_iter()
                    .map(|(ua, a)| {
                        let v = verdicts
                            .entry(ua.clone())
                            .or_insert_with(|| client::judge(&ua))
                            .clone();
                        let hard_coded = v.endpoint_override && a.global_host;
                        AgentRow {
                            user_agent: ua,
                            count: a.count,
                            global: a.global,
                            code: if hard_coded {
                                Some(client::hard_coded_code())
                            } else {
                                v.code
                            },
                            help: if hard_coded {
                                client::hard_coded_help(&format!("{} {}", v.client, v.version))
                            } else {
                                v.help.clone()
                            },
                            verdict: v,
                        }
                    })
                    .collect();
                agents.sort_by(|a, b| {
                    b.count
                        .cmp(&a.count)
                        .then_with(|| a.user_agent.cmp(&b.user_agent))
                });
                let mut events: Vec<(String, u64)> = c.events.into_iter().collect();
                events.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let global = c.endpoints[0] + c.endpoints[1];
                // The caller's advice: from the worst client among those that reached the global
                // endpoint (a hard-coded endpoint, then unconfigurable, then legacy default), the most
                // frequent first.
                let rank = |code: Option<&str>| match code {
                    Some(c) if c == client::hard_coded_code() => 0,
                    Some("STS101") => 1,
                    Some("STS102") => 2,
                    Some(_) => 3,
                    None => 4,
                };
                let lead = agents.iter().filter(|a| a.global > 0).min_by(|a, b| {
                    rank(a.code)
                        .cmp(&rank(b.code))
                        .then_with(|| b.global.cmp(&a.global))
                        .then_with(|| a.user_agent.cmp(&b.user_agent))
                });
                let (code, help) = match lead {
                    Some(a) if global > 0 => (a.code, Some(a.help.clone())),
                    _ => (None, None),
                };
                let shown = lead.or(agents.first());
                CallerRow {
                    caller: name,
                    account: c.account,
                    identity_type: c.identity_type,
                    endpoints: c.endpoints,
                    events,
                    first_seen: c.first,
                    last_seen: c.last,
                    source_ips: c.shown_ips.into_iter().collect(),
                    source_ip_count: c.counted_ips.len() as u64,
                    client: shown.map(|a| a.verdict.clone()),
                    code,
                    help,
                    user_agents: agents,
                    days: c.days,
                }
            })
            .collect();
        callers.sort_by(|a, b| {
            b.endpoints[0]
                .cmp(&a.endpoints[0])
                .then_with(|| b.endpoints[1].cmp(&a.endpoints[1]))
                .then_with(|| a.caller.cmp(&b.caller))
        });
        let mut errors = self.errors;
        errors.sort();
        Report {
            summary: self.summary,
            callers,
            errors,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AgentRow {
    pub user_agent: String,
    pub count: u64,
    pub global: u64,
    pub code: Option<&'static str>,
    pub help: String,
    pub verdict: ClientVerdict,
}

#[derive(Debug, Clone)]
pub struct CallerRow {
    pub caller: String,
    pub account: String,
    pub identity_type: String,
    pub endpoints: [u64; 4],
    pub events: Vec<(String, u64)>,
    pub first_seen: String,
    pub last_seen: String,
    pub source_ips: Vec<String>,
    pub source_ip_count: u64,
    pub user_agents: Vec<AgentRow>,
    /// The client shown for the caller (of the agent the advice comes from).
    pub client: Option<ClientVerdict>,
    pub code: Option<&'static str>,
    pub help: Option<String>,
    /// Calls per UTC day by endpoint class, as [`Summary::days`].
    pub days: BTreeMap<String, [u64; 4]>,
}

impl CallerRow {
    /// The worst endpoint class this caller reached.
    pub fn worst(&self) -> Endpoint {
        Endpoint::ALL
            .into_iter()
            .find(|e| self.endpoints[e.index()] > 0)
            .unwrap_or(Endpoint::Unknown)
    }

    /// `botocore 1.29.74`, `aws-service`, `?` for the human table.
    pub fn client_label(&self) -> String {
        match &self.client {
            Some(v) if v.kind == CallerKind::Unknown => "?".to_owned(),
            Some(v) if v.version.is_empty() => v.client.clone(),
            Some(v) => format!("{} {}", v.client, v.version),
            None => "?".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub summary: Summary,
    pub callers: Vec<CallerRow>,
    pub errors: Vec<(String, String)>,
}

impl Report {
    /// Calls to the global endpoint served in us-east-1, and served locally.
    pub fn global_calls(&self) -> (u64, u64) {
        (self.summary.endpoints[0], self.summary.endpoints[1])
    }
}
