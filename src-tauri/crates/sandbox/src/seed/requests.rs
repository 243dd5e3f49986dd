//! Data subject requests: a realistic inbox across states, purposes, channels and deadlines,
//! some overdue, with French requester identities.

use chrono::Duration;
use serde_json::{json, Value};

use super::data::{request_text, FAMILY_NAMES, GIVEN_NAMES, MAIL_DOMAINS, STREETS, TOWNS};
use super::org::WsOrg;
use super::{when, Seeder};
use crate::text::{fold, stamp_dotnet};
use crate::views::DSR_DEADLINE_DAYS;

/// The states of the inbox, cycled so every count has a realistic mix.
const STATES: &[&str] = &[
    "Open",
    "Processing",
    "Closed",
    "IdentityValidation",
    "Closed",
    "Processing",
    "Active",
    "Open",
    "Closed",
    "IdentityValidation",
];

const PURPOSES: &[(&str, u32)] = &[
    ("Access", 35),
    ("Erasure", 25),
    ("Opposition", 15),
    ("Rectification", 10),
    ("Portability", 8),
    ("Restriction", 4),
    ("Information", 3),
];

const CHANNELS: &[(&str, u32)] = &[
    ("Form", 30),
    ("Widget", 25),
    ("IncomingEmail", 25),
    ("Internal", 10),
    ("Zapier", 5),
    ("Import", 5),
];

const CATEGORIES: &[(&str, u32)] = &[
    ("Client", 45),
    ("Prospect", 15),
    ("FormerClient", 10),
    ("Employee", 10),
    ("OldEmployee", 5),
    ("Candidate", 10),
    ("InternetUsers", 5),
];

/// Seed `n` requests in workspace `org.ws`; returns their ids and titles.
pub(crate) fn seed_requests(s: &mut Seeder, ws: i32, n: usize, org: &WsOrg) -> Vec<(i32, String)> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let request = request(s, i, org);
        out.push((
            request["id"].as_i64().expect("id") as i32,
            request["title"].as_str().unwrap_or_default().to_string(),
        ));
        s.put(Some(ws), "DataSubjectRequests", request);
    }
    out
}

fn request(s: &mut Seeder, i: usize, org: &WsOrg) -> Value {
    let id = s.int_id("DataSubjectRequests");
    let state = STATES[i % STATES.len()];
    let closed = state == "Closed";
    let age = if closed {
        s.range(35..140)
    } else if i % 5 == 1 {
        s.range(31..60)
    } else {
        s.range(0..29)
    };
    let created = s.days_ago(age);
    let expiry = created + Duration::days(DSR_DEADLINE_DAYS);
    let date_closed = closed.then(|| (created + Duration::days(s.range(4..34))).min(s.today));

    let primary = *s.weighted(PURPOSES);
    let mut purposes = vec![primary];
    if primary == "Erasure" && s.chance(0.4) {
        purposes.push("Opposition");
    }
    let channel = *s.weighted(CHANNELS);
    let category = *s.weighted(CATEGORIES);
    let (title, message) = request_text(primary);

    let given = *s.pick(GIVEN_NAMES);
    let family = *s.pick(FAMILY_NAMES);
    let email = email(s, given, family);
    let phone = if s.chance(0.85) { Some(phone(s)) } else { None };
    let with_address = s.chance(0.6);
    let (zip, city) = *s.pick(TOWNS);
    let street = *s.pick(STREETS);
    let number = s.range(1..140);

    let ref_id = match category {
        "Client" | "FormerClient" if s.chance(0.7) => {
            Some(format!("CLI-{:06}", s.range(1000..999_999)))
        }
        "Employee" | "OldEmployee" => Some(format!("MAT-{:05}", s.range(100..99_999))),
        _ => None,
    };
    let user_id = if matches!(channel, "Widget" | "Form") && s.chance(0.4) {
        Some(format!("auth0|{}", s.hex(24)))
    } else {
        None
    };
    let area = match category {
        "Employee" | "OldEmployee" | "Candidate" => org.area("rh"),
        "Client" | "FormerClient" | "InternetUsers" => org.area("ecom"),
        _ => org.area(if i % 5 == 0 { "lyon" } else { "service" }),
    };
    let validated_mail = matches!(channel, "Form" | "Widget") || s.chance(0.3);
    let identity_checked = matches!(state, "Processing" | "Active" | "Closed");
    let handler = org.handlers[i % org.handlers.len()];
    let operator = (state != "Open").then_some(handler);
    let step = org.steps.get(&("DataSubject", state)).copied();
    let tag = if s.chance(0.2) {
        let tags = org.tags.get("DataSubject").cloned().unwrap_or_default();
        tags.get(s.range(0..tags.len().max(1) as i64) as usize)
            .cloned()
    } else {
        None
    };
    let messages = s.range(0..5);
    let updated = if state == "Open" {
        None
    } else {
        Some((created + Duration::days(s.range(1..6))).min(s.today))
    };
    let archived = closed && age > 100;
    let closed_reason = if !closed {
        "None"
    } else {
        *s.weighted(&[
            ("Accepted", 80),
            ("WrongIdentity", 8),
            ("Duplicate", 6),
            ("NotAdmissible", 6),
        ])
    };
    let d = stamp_dotnet;
    // Mail and imports are entered the day after the person asked.
    let late_entry = matches!(channel, "IncomingEmail" | "Import");
    // .NET's default date when the address was never confirmed.
    let email_validated = if validated_mail {
        d(created + Duration::minutes(12))
    } else {
        "0001-01-01T00:00:00".into()
    };

    json!({
        "id": id,
        "title": title,
        "locale": if s.chance(0.9) { "fr" } else { "en" },
        "archived": archived,
        "archivedDate": date_closed.filter(|_| archived).map(|c| d(c + Duration::days(10))),
        "personCategory": category,
        "complex": s.chance(0.1),
        "dateClosed": date_closed.map(d),
        "areaId": area,
        "state": state,
        "description": format!("Demande reçue par le canal {channel}."),
        "message": message,
        "resolutionMessage": if closed && closed_reason == "Accepted" {
            json!("Votre demande a été traitée. Vous trouverez notre réponse en pièce jointe.")
        } else if closed {
            json!("Nous ne pouvons pas donner suite à votre demande en l'état.")
        } else { Value::Null },
        "email": email,
        "phoneNumber": phone,
        "givenName": given,
        "familyName": family,
        "dateCreation": d(created),
        "dateUpdate": updated.map(d),
        "workFlowStepId": step,
        "channel": channel,
        "refId": ref_id,
        "userId": user_id,
        "purposes": purposes,
        "closedReason": closed_reason,
        "closedReasonDescription": null,
        "expiryTime": d(expiry),
        "address": if with_address { json!(format!("{number} {street}")) } else { Value::Null },
        "zipCode": if with_address { json!(zip) } else { Value::Null },
        "city": if with_address { json!(city) } else { Value::Null },
        "countryCode": if with_address { json!("FR") } else { Value::Null },
        "nbMessages": messages,
        "nbMessagesNotViewed": if closed { 0 } else { messages.min(1) },
        "additionalDatas": if category == "Client" && s.chance(0.5) {
            json!({ "numeroCommande": format!("CMD-{}", s.range(100_000..999_999)) })
        } else { Value::Null },
        "userNotified": closed,
        "dateUserNotified": date_closed.map(d),
        "sendNotification": true,
        "emailValidationDate": email_validated,
        "mailValidated": validated_mail,
        "referrerUrl": when(channel == "Widget", "https://www.ormeaux.fr/donnees-personnelles"),
        "demandId": format!("DSR-{}-{:04}", created.format("%Y"), id),
        "dateIdentityValidated": when(identity_checked, d(created + Duration::days(1))),
        "widgetId": if channel == "Widget" { json!(1) } else { Value::Null },
        "operatorId": operator,
        "tags": tag.into_iter().collect::<Vec<_>>(),
        "dateDemand": when(late_entry, d(created - Duration::days(1))),
    })
}

/// A plausible personal address for a requester.
fn email(s: &mut Seeder, given: &str, family: &str) -> String {
    let clean = |t: &str| {
        fold(t)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
    };
    let (g, f) = (clean(given), clean(family));
    let domain = *s.pick(MAIL_DOMAINS);
    match s.range(0..4) {
        0 => format!("{g}.{f}@{domain}"),
        1 => format!("{}.{f}{}@{domain}", &g[..1], s.range(1..99)),
        2 => format!("{f}.{g}@{domain}"),
        _ => format!("{g}{}@{domain}", s.range(1970..2005)),
    }
}

/// A French mobile or landline number, written the many ways people write them.
fn phone(s: &mut Seeder) -> String {
    let first = *s.pick(&["6", "7", "1", "4", "9"]);
    let pairs: Vec<String> = (0..4).map(|_| format!("{:02}", s.range(0..100))).collect();
    let p = pairs.join(" ");
    match s.range(0..6) {
        0 => format!("0{first} {p}"),
        1 => format!("+33 {first} {p}"),
        2 => format!("0{first}{}", pairs.concat()),
        3 => format!("+33{first}{}", pairs.concat()),
        4 => format!("0{first}.{}", pairs.join(".")),
        _ => format!("(+33) {first}-{}", pairs.join("-")),
    }
}
