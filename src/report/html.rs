//! report, render stage: one self-contained HTML page. No network request is possible: a
//! Content-Security-Policy `default-src 'none'` allows only the page's own style and script, by hash,
//! and the page names no URL but its own fragments. The chart is inline SVG written here (a stacked bar
//! per day, one series per endpoint class, told apart by pattern and label as well as colour); a small
//! inline script sorts and filters the tables. Every string from a file, a file name or a log passes the
//! output sanitizer, then HTML escaping ([`esc`]); rule docs are embedded as escaped preformatted text.
//!
//! Hand-written rather than a template engine: the page is one function of [`Data`], and every
//! interpolation goes through [`esc`], which a test feeds hostile strings.

use std::fmt::Write;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::{CHART_CLASSES, CallerEntry, Data, Day};
use crate::sanitize;
use crate::trail::classify::Endpoint;

/// How many callers the chart offers on their own (the busiest by global calls).
pub const CHART_CALLERS: usize = 10;

/// Escapes text for an HTML text node or a double- or single-quoted attribute value, after the output
/// sanitizer's one-line variant ([`sanitize::terminal`]: control, bidirectional and invisible
/// characters visible, CI log commands defused).
pub fn esc(s: &str) -> String {
    let s = sanitize::terminal(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--global:#b3261e;--local:#c26a00;--regional:#1b6e3a;--ink:#1a1a1a;--muted:#555;--line:#ccc}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1400px;padding:0 1rem 3rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid var(--line)}
.hint{background:#fff7d6;border-left:4px solid #c9a400;padding:.4rem .7rem}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem}
dl.figures div{border:1px solid var(--line);border-radius:4px;padding:.5rem .7rem}
dl.figures dt{color:var(--muted);font-size:.85rem}dl.figures dd{margin:0;font-size:1.5rem;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
td.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#f2f2f2;position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;text-align:left}
th button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
.controls{display:flex;gap:1rem;align-items:center;margin:.5rem 0;flex-wrap:wrap}
input[type=search]{font:inherit;padding:.2rem .4rem;min-width:18rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.doc{white-space:pre-wrap;background:#f7f7f7;border:1px solid var(--line);padding:.6rem;font-size:.85rem}
.legend{display:flex;gap:1.2rem;flex-wrap:wrap;list-style:none;padding:0}
.legend svg{vertical-align:middle;margin-right:.3rem;border:1px solid var(--ink)}
svg.chart{max-width:100%;height:auto}
svg.defs{position:absolute}
.axis{font-size:11px;fill:var(--ink)}
.sev-error{font-weight:700}
@media print{.controls{display:none}tr[hidden]{display:table-row}thead th{position:static}body{max-width:none;font-size:11px}a{color:inherit;text-decoration:none}figure.chart[hidden]{display:none}}
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  function rows(t) { return Array.prototype.slice.call(t.tBodies[0].rows); }
  function cellKey(cell) {
    var k = cell ? cell.getAttribute('data-sort') : '';
    return k !== null && k !== '' ? k : (cell ? cell.textContent.trim() : '');
  }
  function applyFilter(input) {
    var table = document.getElementById(input.getAttribute('data-table'));
    if (!table) { return; }
    var q = input.value.trim().toLowerCase();
    var all = rows(table), shown = 0;
    all.forEach(function (r) {
      var show = q === '' || r.textContent.toLowerCase().indexOf(q) !== -1;
      r.hidden = !show;
      if (show) { shown += 1; }
    });
    table.setAttribute('data-shown', String(shown));
    var out = document.getElementById(input.getAttribute('data-count'));
    if (out) { out.textContent = shown + ' of ' + all.length + ' rows shown'; }
  }
  function sortBy(th) {
    var table = th.closest('table');
    var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    th.parentNode.querySelectorAll('th').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = th.getAttribute('data-type') === 'number';
    var list = rows(table);
    list.sort(function (a, b) {
      var x = cellKey(a.cells[idx]), y = cellKey(b.cells[idx]);
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? c : -c;
    });
    var body = table.tBodies[0];
    list.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll('input[data-table]').forEach(function (i) {
    i.addEventListener('input', function () { applyFilter(i); });
  });
  document.querySelectorAll('th button').forEach(function (b) {
    b.addEventListener('click', function () { sortBy(b.parentNode); });
  });
  var select = document.getElementById('chart-select');
  if (select) {
    select.addEventListener('change', function () {
      document.querySelectorAll('figure.chart').forEach(function (f) { f.hidden = f.id !== select.value; });
    });
  }
  var targets = { 'filter': 'filter-callers', 'filter-findings': 'filter-findings' };
  function fromHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var at = part.indexOf('=');
      if (at < 0) { return; }
      var id = targets[part.slice(0, at)];
      var input = id ? document.getElementById(id) : null;
      if (!input) { return; }
      var value = part.slice(at + 1).replace(/\+/g, ' ');
      try { value = decodeURIComponent(value); } catch (e) { /* keep the raw text */ }
      input.value = value;
      applyFilter(input);
    });
  }
  window.addEventListener('hashchange', fromHash);
  document.querySelectorAll('input[data-table]').forEach(applyFilter);
  fromHash();
}());
"#;

fn csp_hash(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The Content-Security-Policy of the page: nothing but its own style and script (by hash) and its
/// own inline SVG. No fetch, image, font, frame or form target is allowed.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src 'none'; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    )
}

fn class_id(e: Endpoint) -> &'static str {
    match e {
        Endpoint::Global => "global",
        Endpoint::GlobalServedLocally => "global-served-locally",
        Endpoint::Regional => "regional",
        Endpoint::Unknown => "unknown",
    }
}

/// The patterns every chart shares: solid for global, stripes for served locally, dots for regional.
fn patterns(o: &mut String) {
    o.push_str(
        r##"<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>
<pattern id="pat-global" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#b3261e"/><path d="M0 4h8" stroke="#fff" stroke-width="1" opacity=".35"/></pattern>
<pattern id="pat-global-served-locally" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f3c58a"/><rect width="4" height="8" fill="#c26a00"/></pattern>
<pattern id="pat-regional" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#cfe8d6"/><circle cx="4" cy="4" r="2" fill="#1b6e3a"/></pattern>
</defs></svg>
"##,
    );
}

fn legend(o: &mut String) {
    o.push_str("<ul class=\"legend\">");
    for (e, label) in CHART_CLASSES {
        let _ = write!(
            o,
            "<li><svg width=\"24\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"14\" fill=\"url(#pat-{})\"/></svg>{}</li>",
            class_id(e),
            esc(label)
        );
    }
    o.push_str("</ul>");
}

/// One stacked chart of `days`: a `<g class="series">` per endpoint class with one `<rect class="point">`
/// per day (zero-height on days without such calls), bottom to top in [`CHART_CLASSES`] order.
fn chart(o: &mut String, id: &str, title: &str, days: &[Day], hidden: bool) {
    const W: f64 = 960.0;
    const H: f64 = 280.0;
    const LEFT: f64 = 56.0;
    const BOTTOM: f64 = 36.0;
    const TOP: f64 = 12.0;
    let plot_w = W - LEFT - 12.0;
    let plot_h = H - BOTTOM - TOP;
    let max = days
        .iter()
        .map(|d| CHART_CLASSES.iter().map(|(e, _)| d.of(*e)).sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let n = days.len().max(1) as f64;
    let step = plot_w / n;
    let bar = (step * 0.8).max(0.5);
    let _ = write!(
        o,
        "<figure class=\"chart\" id=\"{}\"{}><svg class=\"chart\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-labelledby=\"{}-title\"><title id=\"{}-title\">{}</title>",
        esc(id),
        if hidden { " hidden" } else { "" },
        esc(id),
        esc(id),
        esc(title)
    );
    // Axes: zero line, the maximum, and the first, middle and last day.
    let base = TOP + plot_h;
    let _ = write!(
        o,
        "<g class=\"axis\" aria-hidden=\"true\"><line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#1a1a1a\"/><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\" stroke=\"#1a1a1a\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text><text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>",
        LEFT + plot_w,
        LEFT - 4.0,
        TOP + 10.0,
        LEFT - 4.0,
    );
    let mut ticks = vec![
        0,
        days.len().saturating_sub(1) / 2,
        days.len().saturating_sub(1),
    ];
    ticks.dedup();
    for i in ticks {
        if let Some(d) = days.get(i) {
            let x = LEFT + step * i as f64 + step / 2.0;
            let _ = write!(
                o,
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                base + 16.0,
                esc(&d.date)
            );
        }
    }
    o.push_str("</g>");
    let mut stacked = vec![0u64; days.len()];
    for (e, label) in CHART_CLASSES {
        let _ = write!(
            o,
            "<g class=\"series\" data-series=\"{}\" fill=\"url(#pat-{})\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"><title>{}</title>",
            class_id(e),
            class_id(e),
            esc(label)
        );
        for (i, d) in days.iter().enumerate() {
            let v = d.of(e);
            let y0 = base - plot_h * stacked[i] as f64 / max as f64;
            let h = plot_h * v as f64 / max as f64;
            stacked[i] += v;
            let x = LEFT + step * i as f64 + (step - bar) / 2.0;
            let _ = write!(
                o,
                "<rect class=\"point\" data-date=\"{}\" data-calls=\"{v}\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{bar:.2}\" height=\"{h:.2}\"><title>{}: {v} {}</title></rect>",
                esc(&d.date),
                y0 - h,
                esc(&d.date),
                esc(label)
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</svg><figcaption>");
    let _ = write!(
        o,
        "{} Stacked bars, bottom to top: global (solid), global served locally (stripes), regional (dots).",
        esc(title)
    );
    o.push_str("</figcaption></figure>\n");
}

/// The busiest global callers the chart offers on their own, with their days filled like the page's.
fn chart_callers(data: &Data) -> Vec<(usize, &CallerEntry)> {
    let mut v: Vec<(usize, &CallerEntry)> = data
        .callers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.global + c.global_served_locally > 0 && !c.days.is_empty())
        .collect();
    v.sort_by(|a, b| {
        (b.1.global + b.1.global_served_locally)
            .cmp(&(a.1.global + a.1.global_served_locally))
            .then(a.0.cmp(&b.0))
    });
    v.truncate(CHART_CALLERS);
    v
}

fn caller_days(data: &Data, c: &CallerEntry) -> Vec<Day> {
    data.days
        .iter()
        .map(|d| {
            c.days
                .iter()
                .find(|x| x.date == d.date)
                .cloned()
                .unwrap_or(Day::new(d.date.clone(), [0; 4]))
        })
        .collect()
}

fn th(o: &mut String, label: &str, number: bool) {
    let _ = write!(
        o,
        "<th scope=\"col\" aria-sort=\"none\"{}><button type=\"button\">{}</button></th>",
        if number { " data-type=\"number\"" } else { "" },
        esc(label)
    );
}

fn filter_controls(o: &mut String, table: &str, input: &str, what: &str) {
    let _ = write!(
        o,
        "<div class=\"controls\"><label for=\"{input}\">Filter {what}</label><input type=\"search\" id=\"{input}\" data-table=\"{table}\" data-count=\"{input}-count\" autocomplete=\"off\"><output id=\"{input}-count\" for=\"{input}\" aria-live=\"polite\"></output></div>"
    );
}

fn rule_link(code: &str, known: &[&str]) -> String {
    if known.contains(&code) {
        format!("<a href=\"#rule-{0}\">{0}</a>", esc(code))
    } else {
        esc(code)
    }
}

/// A rule doc as preformatted text: each line escaped, the line breaks kept (the sanitizer would
/// write them as `\u{a}`).
fn doc(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("\n")
}

fn date(t: &Option<String>) -> String {
    t.as_deref()
        .map_or("-".to_owned(), |t| esc(t.get(..10).unwrap_or(t)))
}

pub fn render(data: &Data) -> String {
    let mut o =
        String::with_capacity(64 * 1024 + data.findings.len() * 400 + data.callers.len() * 600);
    let h = &data.headline;
    let known: Vec<&str> = data.rules.iter().map(|r| r.code).collect();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"stslint {}\">\n<title>STS endpoint report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        content_security_policy(),
        env!("CARGO_PKG_VERSION")
    );
    o.push_str("<header><h1>STS endpoint report</h1><p>");
    match &data.period {
        Some(p) => {
            let _ = write!(
                o,
                "CloudTrail calls from {} to {} (UTC days), joined with the static findings of the given repositories.",
                esc(&p.first),
                esc(&p.last)
            );
        }
        None => o.push_str("No STS call with a time in the given CloudTrail data."),
    }
    o.push_str("</p><nav aria-label=\"Sections\"><a href=\"#headline\">Headline</a> · <a href=\"#trend\">Calls per day</a> · <a href=\"#callers\">Callers</a> · <a href=\"#findings\">Findings</a> · <a href=\"#rules\">Rules</a></nav></header>\n<main>\n");
    // Headline figures.
    o.push_str("<section id=\"headline\" aria-labelledby=\"headline-h\"><h2 id=\"headline-h\">Headline</h2><dl class=\"figures\">");
    let figures: [(&str, String); 8] = [
        ("Global calls (us-east-1)", h.global_calls.to_string()),
        (
            "Global calls served locally",
            h.global_served_locally_calls.to_string(),
        ),
        ("Regional calls", h.regional_calls.to_string()),
        ("Callers still global", h.callers_still_global.to_string()),
        ("Callers moved to regional", h.callers_moved.to_string()),
        ("Findings", h.findings.to_string()),
        (
            "Findings by severity",
            format!(
                "{} error · {} warning · {} info",
                h.errors, h.warnings, h.infos
            ),
        ),
        ("Fixable findings (--fix)", h.fixable.to_string()),
    ];
    for (label, value) in figures {
        let _ = write!(
            o,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(label),
            esc(&value)
        );
    }
    o.push_str("</dl></section>\n");
    // The trend.
    o.push_str("<section id=\"trend\" aria-labelledby=\"trend-h\"><h2 id=\"trend-h\">Calls per day by endpoint class</h2>");
    patterns(&mut o);
    let top = chart_callers(data);
    if !data.days.is_empty() {
        o.push_str("<div class=\"controls\"><label for=\"chart-select\">Show</label><select id=\"chart-select\"><option value=\"chart-all\">All callers</option>");
        for (i, c) in &top {
            let _ = write!(
                o,
                "<option value=\"chart-caller-{i}\">{}</option>",
                esc(&c.caller)
            );
        }
        o.push_str("</select></div>");
        legend(&mut o);
        chart(
            &mut o,
            "chart-all",
            "STS calls per day, all callers.",
            &data.days,
            false,
        );
        for (i, c) in &top {
            let days = caller_days(data, c);
            chart(
                &mut o,
                &format!("chart-caller-{i}"),
                &format!("STS calls per day by {}.", c.caller),
                &days,
                true,
            );
        }
    } else {
        o.push_str("<p>No calls to draw.</p>");
    }
    o.push_str("</section>\n");
    // Callers.
    o.push_str("<section id=\"callers\" aria-labelledby=\"callers-h\"><h2 id=\"callers-h\">Callers (stslint trail)</h2>");
    o.push_str("<p class=\"hint\"><strong>Hint:</strong> the “Static findings” column joins the client a caller's user agent <em>claims</em> with repositories that pin that client at exactly that version. It does not prove that the caller runs that code: many repositories pin the same version, and a user agent can be anything.</p>");
    filter_controls(&mut o, "callers-table", "filter-callers", "callers");
    o.push_str(
        "<table id=\"callers-table\"><caption>One row per caller, worst first</caption><thead><tr>",
    );
    for (label, number) in [
        ("Caller", false),
        ("Endpoint", false),
        ("Global", true),
        ("Served locally", true),
        ("Regional", true),
        ("First seen", false),
        ("Last seen", false),
        ("Client (claimed)", false),
        ("Rule", false),
        ("Do", false),
        ("Static findings (hint)", false),
    ] {
        th(&mut o, label, number);
    }
    o.push_str("</tr></thead><tbody>\n");
    for c in &data.callers {
        let matches: Vec<String> = c
            .static_matches
            .iter()
            .map(|m| {
                format!(
                    "{} — {}",
                    esc(&m.client),
                    m.locations
                        .iter()
                        .map(|l| esc(l))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.caller),
            esc(c.endpoint),
            c.global,
            c.global_served_locally,
            c.regional,
            date(&c.first_seen),
            date(&c.last_seen),
            c.client.as_deref().map_or("?".to_owned(), esc),
            c.code
                .map_or("-".to_owned(), |code| rule_link(code, &known)),
            c.help.as_deref().map_or("-".to_owned(), esc),
            if matches.is_empty() {
                "-".to_owned()
            } else {
                matches.join("<br>")
            },
        );
    }
    o.push_str("</tbody></table></section>\n");
    // Findings.
    o.push_str("<section id=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings (stslint check)</h2>");
    o.push_str("<p class=\"hint\"><strong>Hint:</strong> “Seen at runtime” names the callers whose user agent claims the pinned client at that version in the period; “not seen” means no such caller was in the CloudTrail data given, not that nothing runs it.</p>");
    filter_controls(&mut o, "findings-table", "filter-findings", "findings");
    o.push_str("<table id=\"findings-table\"><caption>One row per finding, by path and line</caption><thead><tr>");
    for (label, number) in [
        ("Rule", false),
        ("Severity", false),
        ("Location", false),
        ("Message", false),
        ("Help", false),
        ("Fix", false),
        ("Seen at runtime (hint)", false),
    ] {
        th(&mut o, label, number);
    }
    o.push_str("</tr></thead><tbody>\n");
    for f in &data.findings {
        let seen = match &f.seen_by {
            None => "-".to_owned(),
            Some(v) if v.is_empty() => "not seen".to_owned(),
            Some(v) => format!(
                "seen: {}",
                v.iter().map(|c| esc(c)).collect::<Vec<_>>().join(", ")
            ),
        };
        let fix = match f.fix {
            Some(crate::diagnostic::Applicability::Safe) => "safe",
            Some(crate::diagnostic::Applicability::Unsafe) => "unsafe",
            None => "-",
        };
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td class=\"sev-{}\">{}</td><td><code>{}:{}:{}</code></td><td>{}</td><td>{}</td><td>{fix}</td><td>{seen}</td></tr>",
            rule_link(f.code, &known),
            esc(f.name),
            f.severity.as_str(),
            f.severity.as_str(),
            esc(&f.path),
            f.line,
            f.column,
            esc(&f.message),
            esc(&f.help),
        );
    }
    o.push_str("</tbody></table></section>\n");
    // Rule docs.
    o.push_str("<section id=\"rules\" aria-labelledby=\"rules-h\"><h2 id=\"rules-h\">Rules</h2>");
    if data.rules.is_empty() {
        o.push_str("<p>No rule is named in this report.</p>");
    }
    for r in &data.rules {
        let _ = writeln!(
            o,
            "<section id=\"rule-{}\" aria-labelledby=\"rule-{}-h\"><h3 id=\"rule-{}-h\">{} {}</h3><p>{}</p><pre class=\"doc\">{}</pre></section>",
            esc(r.code),
            esc(r.code),
            esc(r.code),
            esc(r.code),
            esc(r.name),
            esc(r.summary),
            doc(r.doc)
        );
    }
    o.push_str("</section>\n");
    if !data.errors.is_empty() {
        o.push_str("<section id=\"errors\" aria-labelledby=\"errors-h\"><h2 id=\"errors-h\">Files not read</h2><ul>");
        for e in &data.errors {
            let _ = write!(
                o,
                "<li><code>{}</code>: {}</li>",
                esc(&e.path),
                esc(&e.message)
            );
        }
        o.push_str("</ul></section>\n");
    }
    let _ = write!(o, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup_and_no_control_characters() {
        let hostile = "<script>alert(1)</script>\"' onload=x &amp; \u{1b}[31m\u{202e}";
        let e = esc(hostile);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
        assert!(!e.chars().any(|c| c.is_control()));
        assert!(e.contains("&amp;amp;"), "{e}");
        assert!(e.contains("\\u{202e}"), "{e}");
    }

    #[test]
    fn the_policy_allows_only_the_pages_own_style_and_script() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("http"),
            "{csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    }
}
