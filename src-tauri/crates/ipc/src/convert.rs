//! From Dastra's models to the rows and details the screens show.
//!
//! Deadlines are computed here, once, against a `today` the caller passes, so the inbox and the
//! detail screen always agree and tests can pin the date.

use chrono::NaiveDate;
use passerelle_dastra::models::{
    ActorDto, AssetDto, ContractDto, DataSubjectAttachmentDto, DataSubjectRequestDto,
    DataSubjectRequestState, TagDto, Timestamp,
};
use serde::Serialize;

use crate::dto::{
    ActorRow, AssetRow, AttachmentRow, ContractRow, DsarDates, DsarDetail, DsarIdentity, DsarRow,
};

/// Dastra's name for an enum value (`Access`), as it travels on the wire.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A timestamp as text; `None` for ASP.NET's "no date" (`0001-01-01T00:00:00`), which Dastra
/// sends in non-nullable date fields such as `emailValidationDate`.
fn text(t: &Option<Timestamp>) -> Option<String> {
    use chrono::Datelike;
    t.filter(|t| t.to_utc().year() > 1).map(|t| t.to_string())
}

fn tag_labels(tags: &Option<Vec<TagDto>>) -> Vec<String> {
    tags.iter().flatten().map(|t| t.label.clone()).collect()
}

/// Whole days from `today` to the deadline; negative once past.
pub fn days_left(expiry: Option<Timestamp>, today: NaiveDate) -> Option<i32> {
    let due = expiry?.to_utc().date_naive();
    i32::try_from((due - today).num_days()).ok()
}

/// The inbox row of a request.
pub fn dsar_row(d: &DataSubjectRequestDto, today: NaiveDate) -> DsarRow {
    let closed = d.state == Some(DataSubjectRequestState::Closed);
    let days = if closed {
        None
    } else {
        days_left(d.expiry_time, today)
    };
    let requester = [d.given_name.as_deref(), d.family_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    DsarRow {
        id: d.id.unwrap_or_default(),
        title: d.title.clone(),
        requester,
        email: d.email.clone(),
        purposes: d.purposes.iter().map(wire_name).collect(),
        state: d.state.as_ref().map(wire_name).unwrap_or_default(),
        workflow_step: d.work_flow_step.as_ref().map(|s| s.label.clone()),
        due_date: text(&d.expiry_time),
        days_left: days,
        overdue: days.is_some_and(|n| n < 0),
        created: text(&d.date_creation),
    }
}

fn attachment_row(a: &DataSubjectAttachmentDto) -> AttachmentRow {
    AttachmentRow {
        id: a.id.map(|id| id.to_string()).unwrap_or_default(),
        file_name: a.file_name.clone(),
        size: a.size.unwrap_or_default(),
        created: text(&a.date_creation),
    }
}

/// The detail screen of a request.
pub fn dsar_detail(d: &DataSubjectRequestDto, today: NaiveDate) -> DsarDetail {
    DsarDetail {
        summary: dsar_row(d, today),
        identity: DsarIdentity {
            given_name: d.given_name.clone(),
            family_name: d.family_name.clone(),
            email: d.email.clone(),
            phone_number: d.phone_number.clone(),
            address: d.address.clone(),
            zip_code: d.zip_code.clone(),
            city: d.city.clone(),
            country_code: d.country_code.clone(),
            ref_id: d.ref_id.clone(),
            user_id: d.user_id.clone(),
        },
        description: d.description.clone(),
        resolution_message: d.resolution_message.clone(),
        channel: d.channel.as_ref().map(wire_name),
        person_category: d.person_category.as_ref().map(wire_name),
        locale: d.locale.clone(),
        area: d.area.as_ref().map(|a| a.label.clone()),
        identity_validated: d.identity_validated.unwrap_or(false),
        attachments: d.attachments.iter().flatten().map(attachment_row).collect(),
        messages: d.nb_messages.unwrap_or_default(),
        unread_messages: d.nb_messages_not_viewed.unwrap_or_default(),
        dates: DsarDates {
            created: text(&d.date_creation),
            updated: text(&d.date_update),
            email_validated: text(&d.email_validation_date),
            identity_validated: text(&d.date_identity_validated),
            user_notified: text(&d.date_user_notified),
            closed: text(&d.date_closed),
        },
    }
}

/// An asset row.
pub fn asset_row(a: &AssetDto) -> AssetRow {
    AssetRow {
        id: a.id.unwrap_or_default(),
        label: a.label.clone(),
        reference: a.r#ref.clone(),
        kind: wire_name(&a.r#type),
        application_type: a.application_type.as_ref().map(wire_name),
        application_state: a.application_state.as_ref().map(wire_name),
        hosting: a.hosting_type.as_ref().map(wire_name),
        tags: tag_labels(&a.tags),
        updated: text(&a.date_update),
    }
}

/// An actor row; the name is Dastra's display name, or the company or person name.
pub fn actor_row(a: &ActorDto) -> ActorRow {
    let person = [a.given_name.as_deref(), a.family_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = a
        .display_name
        .clone()
        .or_else(|| a.company_name.clone())
        .unwrap_or(person);
    ActorRow {
        id: a.id.unwrap_or_default(),
        name,
        reference: a.r#ref.clone(),
        kind: a.actor_type.as_ref().map(wire_name),
        country_code: a.country_code.clone(),
        email: a.email.clone(),
        dpa_signed: text(&a.dpa_signature_date),
        tags: tag_labels(&a.tags),
    }
}

/// A contract row.
pub fn contract_row(c: &ContractDto) -> ContractRow {
    let count = |v: &Option<Vec<i32>>| v.as_ref().map_or(0, |v| v.len() as u32);
    ContractRow {
        id: c.id.map(|id| id.to_string()).unwrap_or_default(),
        label: c.label.clone(),
        reference: c.r#ref.clone(),
        state: c.state.as_ref().map(wire_name),
        contract_type: c.contract_type.as_ref().map(wire_name),
        start_date: text(&c.start_date),
        end_date: text(&c.end_date),
        assets: count(&c.assets),
        signatories: count(&c.signatories),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn request(state: &str, expiry: &str) -> DataSubjectRequestDto {
        serde_json::from_value(json!({
            "id": 12, "title": "Droit d'accès", "locale": "fr", "areaId": 1,
            "purposes": ["Access", "Erasure"], "state": state, "expiryTime": expiry,
            "givenName": "Élodie", "familyName": "Dupont-Moreau"
        }))
        .expect("a valid request")
    }

    #[test]
    fn an_open_request_past_its_deadline_is_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let row = dsar_row(&request("Processing", "2026-11-28T23:00:00"), today);
        assert_eq!(row.days_left, Some(-5), "five days late");
        assert!(row.overdue, "late and not closed");
        assert_eq!(row.requester, "Élodie Dupont-Moreau");
        assert_eq!(row.purposes, vec!["Access", "Erasure"], "wire names");
    }

    #[test]
    fn the_aspnet_empty_date_reads_as_no_date() {
        let mut dsar = request("Open", "2026-12-20T00:00:00");
        dsar.email_validation_date = Timestamp::parse("0001-01-01T00:00:00");
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(
            dsar_detail(&dsar, today).dates.email_validated,
            None,
            "not validated yet"
        );
    }

    #[test]
    fn a_closed_request_is_never_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let row = dsar_row(&request("Closed", "2026-11-01T00:00:00Z"), today);
        assert_eq!((row.days_left, row.overdue), (None, false));
    }
}
