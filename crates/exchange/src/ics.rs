//! A participant's agenda as an iCalendar file (RFC 5545): one event per meeting, in the
//! workshop's own time zone (a `VTIMEZONE` built from the time zone database for the workshop's
//! days), with lines folded at 75 octets and text escaped.

use crate::workshops::{local_time, AgendaItem, Workshop};
use jiff::tz::TimeZone;

/// Words of the events, in the reader's language.
pub struct Words {
    /// "Meeting with {name}" for each item, in order.
    pub summaries: Vec<String>,
    /// "Table {n}" for each item, in order.
    pub tables: Vec<String>,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no line is longer than 75 octets (never inside a
/// character), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn offset(o: jiff::tz::Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}{:02}", secs / 3600, (secs % 3600) / 60)
}

fn stamp(dt: jiff::civil::DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// The `VTIMEZONE` for `tz` over the workshop's days: the offset in force at its start, and each
/// change of offset until its end.
fn vtimezone(
    out: &mut String,
    name: &str,
    tz: &TimeZone,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
) {
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{}", escape(name)));
    let first = tz.to_offset(from);
    line(out, "BEGIN:STANDARD");
    line(out, "DTSTART:19700101T000000");
    line(out, &format!("TZOFFSETFROM:{}", offset(first)));
    line(out, &format!("TZOFFSETTO:{}", offset(first)));
    line(out, "END:STANDARD");
    let mut before = first;
    for t in tz.following(from).take_while(|t| t.timestamp() <= to) {
        let after = t.offset();
        let kind = if t.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        line(out, &format!("BEGIN:{kind}"));
        let local = before.to_datetime(t.timestamp());
        line(out, &format!("DTSTART:{}", stamp(local)));
        line(out, &format!("TZOFFSETFROM:{}", offset(before)));
        line(out, &format!("TZOFFSETTO:{}", offset(after)));
        line(out, &format!("END:{kind}"));
        before = after;
    }
    line(out, "END:VTIMEZONE");
}

/// The agenda as an iCalendar document. `host` names this node in the events' UIDs.
pub fn agenda(
    workshop: &Workshop,
    items: &[AgendaItem],
    words: &Words,
    host: &str,
    now: jiff::Timestamp,
) -> String {
    let tz = TimeZone::get(&workshop.time_zone).unwrap_or(TimeZone::UTC);
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//shetu//exchange workshops//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape(&workshop.title)),
    );
    line(
        &mut out,
        &format!("X-WR-TIMEZONE:{}", escape(&workshop.time_zone)),
    );
    let times: Vec<jiff::Timestamp> = workshop
        .slots
        .iter()
        .filter_map(|s| local_time(&s.starts_at))
        .filter_map(|dt| tz.to_ambiguous_timestamp(dt).compatible().ok())
        .collect();
    if let (Some(from), Some(to)) = (times.iter().min(), times.iter().max()) {
        vtimezone(
            &mut out,
            &workshop.time_zone,
            &tz,
            *from,
            *to + jiff::SignedDuration::from_hours(24),
        );
    }
    let dtstamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    for (i, item) in items.iter().enumerate() {
        let Some(start) = local_time(&item.starts_at) else {
            continue;
        };
        let Ok(end) = start.checked_add(jiff::Span::new().minutes(item.minutes)) else {
            continue;
        };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}@{}", item.request_id, escape(host)),
        );
        line(&mut out, &format!("DTSTAMP:{dtstamp}"));
        line(
            &mut out,
            &format!("DTSTART;TZID={}:{}", workshop.time_zone, stamp(start)),
        );
        line(
            &mut out,
            &format!("DTEND;TZID={}:{}", workshop.time_zone, stamp(end)),
        );
        let summary = words.summaries.get(i).cloned().unwrap_or_default();
        line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        let table = words.tables.get(i).cloned().unwrap_or_default();
        let place = if workshop.place.is_empty() {
            table
        } else {
            format!("{}, {table}", workshop.place)
        };
        line(&mut out, &format!("LOCATION:{}", escape(&place)));
        if let Some(member) = &item.with_member {
            line(&mut out, &format!("DESCRIPTION:{}", escape(member)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "সেতু".repeat(30));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), text);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
