//! Who the DPO is looking for: the identifiers of one data subject.
//!
//! An [`IdentitySet`] starts from a Dastra request ([`IdentitySet::from_request`]) and grows
//! as the DPO adds what they learn (a maiden name, a customer number found in the CRM). Each
//! [`Identifier`] says where it came from ([`Provenance`]), so an evidence package can tell
//! which finding rests on what the subject declared and which on what the DPO added.
//!
//! The set never holds the same value twice for a kind: values are compared in their
//! normalised form ([`Identifier::key`]), so `Élodie` and `elodie` are one given name.
//! Everything here is serde-serialisable (camelCase) to be checkpointed and sent over IPC.

use passerelle_dastra::models::DataSubjectRequestDto;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::normalize;

/// What an identifier is, which decides how it is normalised, matched and searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum IdentifierKind {
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// The given name(s).
    GivenName,
    /// The family name(s).
    FamilyName,
    /// Given and family names together.
    FullName,
    /// A postal address (street, number).
    Address,
    /// A postal code.
    PostalCode,
    /// A city.
    City,
    /// Dastra's `refId`: the organisation's own reference for the subject.
    RefId,
    /// Dastra's `userId`: the subject's account id in the organisation's systems.
    UserId,
    /// A customer, member or loyalty-card number.
    CustomerNumber,
    /// A bank account number (IBAN).
    Iban,
    /// A date of birth.
    DateOfBirth,
    /// Anything else; [`Identifier::label`] says what.
    Other,
}

impl IdentifierKind {
    /// Whether a match on this kind alone identifies the subject (e-mail, phone, account and
    /// customer numbers, IBAN, references).
    pub fn is_strong(self) -> bool {
        use IdentifierKind::*;
        matches!(self, Email | Phone | RefId | UserId | CustomerNumber | Iban)
    }

    /// Whether this kind only corroborates a name (postal code, city, address, date of birth).
    pub fn is_corroborating(self) -> bool {
        use IdentifierKind::*;
        matches!(self, Address | PostalCode | City | DateOfBirth)
    }
}

/// Where an identifier came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "source", rename_all = "camelCase")]
pub enum Provenance {
    /// Declared in the Dastra request.
    #[serde(rename_all = "camelCase")]
    Request {
        /// The request field, as Dastra names it: `"email"`, `"givenName familyName"`,
        /// `"additionalDatas.loyaltyCard"`.
        field: String,
    },
    /// Added by the DPO during discovery.
    #[serde(rename_all = "camelCase")]
    AddedByDpo {
        /// Why, in the DPO's words ("maiden name, from the HR file").
        note: Option<String>,
    },
}

/// One thing known about the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// What it is.
    pub kind: IdentifierKind,
    /// The value as declared, trimmed (kept for display; matching uses normalised forms).
    pub value: String,
    /// A free label: the `additionalDatas` key, or what an [`IdentifierKind::Other`] is.
    pub label: Option<String>,
    /// Where it came from.
    pub provenance: Provenance,
}

impl Identifier {
    /// An identifier added by the DPO, without a note.
    pub fn added(kind: IdentifierKind, value: impl Into<String>) -> Identifier {
        Identifier {
            kind,
            value: value.into(),
            label: None,
            provenance: Provenance::AddedByDpo { note: None },
        }
    }

    /// An identifier read from the request field `field`.
    pub fn from_field(kind: IdentifierKind, value: impl Into<String>, field: &str) -> Identifier {
        Identifier {
            kind,
            value: value.into(),
            label: None,
            provenance: Provenance::Request {
                field: field.to_owned(),
            },
        }
    }

    /// The same identifier with a label.
    pub fn with_label(mut self, label: impl Into<String>) -> Identifier {
        self.label = Some(label.into());
        self
    }

    /// The normalised form two identifiers of the same kind are compared by: the lowercased
    /// e-mail, the E.164 phone (French numbering for national numbers), the order-free name
    /// key, the compact identifier, the ISO date, or the folded text.
    pub fn key(&self) -> String {
        use IdentifierKind::*;
        let v = self.value.as_str();
        match self.kind {
            Email => normalize::email(v).unwrap_or_else(|| normalize::fold(v.trim())),
            Phone => normalize::phone(v, "FR").map_or_else(|| normalize::digits(v), |p| p.e164),
            GivenName | FamilyName | FullName => normalize::name_key(v),
            PostalCode | RefId | UserId | CustomerNumber | Iban => normalize::compact(v),
            DateOfBirth => {
                normalize::date(v).map_or_else(|| normalize::compact(v), |d| d.to_string())
            }
            Address | City | Other => normalize::name_tokens(v).join(" "),
        }
    }
}

/// The identifiers of one data subject, without duplicates, in the order they were added.
///
/// Indexes into [`IdentitySet::identifiers`] are stable (identifiers are never removed), which
/// is what [`crate::Hit::identifier`] refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentitySet {
    identifiers: Vec<Identifier>,
}

impl IdentitySet {
    /// An empty set.
    pub fn new() -> IdentitySet {
        IdentitySet::default()
    }

    /// The identifiers a Dastra request declares: e-mail, phone, given and family names (and
    /// the full name they make), address, postal code, city, `refId`, `userId`, and the
    /// string or number entries of `additionalDatas`, whose kind is guessed from key and value
    /// (see [`guess_kind`]). Empty values are skipped. The country code is not an identifier
    /// (a caller may use it as [`crate::MatchOptions::region`]).
    pub fn from_request(request: &DataSubjectRequestDto) -> IdentitySet {
        use IdentifierKind::*;
        let mut set = IdentitySet::new();
        let fields = [
            (Email, &request.email, "email"),
            (Phone, &request.phone_number, "phoneNumber"),
            (GivenName, &request.given_name, "givenName"),
            (FamilyName, &request.family_name, "familyName"),
            (Address, &request.address, "address"),
            (PostalCode, &request.zip_code, "zipCode"),
            (City, &request.city, "city"),
            (RefId, &request.ref_id, "refId"),
            (UserId, &request.user_id, "userId"),
        ];
        for (kind, value, field) in fields {
            if let Some(value) = value {
                set.add(Identifier::from_field(kind, value.as_str(), field));
            }
        }

        let given = request
            .given_name
            .as_deref()
            .map(str::trim)
            .unwrap_or_default();
        let family = request
            .family_name
            .as_deref()
            .map(str::trim)
            .unwrap_or_default();
        if !given.is_empty() && !family.is_empty() {
            let full = format!("{given} {family}");
            set.add(Identifier::from_field(
                FullName,
                full,
                "givenName familyName",
            ));
        }

        if let Value::Object(entries) = &request.additional_datas {
            for (key, value) in entries {
                let value = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => continue,
                };
                let field = format!("additionalDatas.{key}");
                let kind = guess_kind(key, &value);
                set.add(Identifier::from_field(kind, value, &field).with_label(key.as_str()));
            }
        }
        set
    }

    /// Adds an identifier (its value trimmed) and returns its index, or the index of the
    /// identifier of the same kind and [`Identifier::key`] already there. Returns `None`, and
    /// adds nothing, when the value is blank.
    pub fn add(&mut self, mut identifier: Identifier) -> Option<usize> {
        identifier.value = identifier.value.trim().to_owned();
        if identifier.value.is_empty() || identifier.key().is_empty() {
            return None;
        }
        let key = identifier.key();
        let existing = self
            .identifiers
            .iter()
            .position(|i| i.kind == identifier.kind && i.key() == key);
        Some(existing.unwrap_or_else(|| {
            self.identifiers.push(identifier);
            self.identifiers.len() - 1
        }))
    }

    /// The identifiers, in the order they were added.
    pub fn identifiers(&self) -> &[Identifier] {
        &self.identifiers
    }

    /// The identifier at `index`, if any.
    pub fn get(&self, index: usize) -> Option<&Identifier> {
        self.identifiers.get(index)
    }

    /// How many identifiers the set holds.
    pub fn len(&self) -> usize {
        self.identifiers.len()
    }

    /// Whether the set holds no identifier (a matcher built from it finds nothing).
    pub fn is_empty(&self) -> bool {
        self.identifiers.is_empty()
    }
}

/// The kind of an `additionalDatas` entry, from its value first and its key second: an
/// address-looking value is an e-mail, a phone-looking one a phone (French numbering or
/// international), an IBAN with a valid checksum an IBAN; then a key naming a birth date,
/// postal code, city or customer/loyalty/member number gives that kind; anything else is
/// [`IdentifierKind::Other`] (labelled with the key by [`IdentitySet::from_request`]).
pub fn guess_kind(key: &str, value: &str) -> IdentifierKind {
    use IdentifierKind::*;
    if normalize::email(value).is_some() {
        return Email;
    }
    if crate::pii::is_valid_iban(&normalize::compact(value)) {
        return Iban;
    }
    let key = normalize::fold(key).replace(['_', '-', ' '], "");
    let key_says = |words: &[&str]| words.iter().any(|w| key.contains(w));
    if normalize::phone(value, "FR").is_some() && !key_says(&["client", "customer", "card"]) {
        return Phone;
    }
    if key_says(&["birth", "naissance", "dob", "ddn"]) && normalize::date(value).is_some() {
        DateOfBirth
    } else if key_says(&["zip", "postal", "postcode", "codepostal"]) {
        PostalCode
    } else if key_says(&["city", "ville", "commune"]) {
        City
    } else if key_says(&[
        "client", "customer", "loyalty", "fidelite", "member", "adherent", "card", "carte",
    ]) {
        CustomerNumber
    } else {
        Other
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn request() -> DataSubjectRequestDto {
        DataSubjectRequestDto {
            given_name: Some("Élodie".into()),
            family_name: Some("Dupont-Martin".into()),
            email: Some(" elodie.dupont@example.fr ".into()),
            phone_number: Some("06 12 34 56 78".into()),
            city: Some("".into()),
            zip_code: Some("75011".into()),
            ref_id: Some("CL-004512".into()),
            additional_datas: json!({
                "loyaltyCard": "LC 99812",
                "workEmail": "e.dupont@corp.example",
                "mobile": "+33 7 11 22 33 44",
                "rib": "FR76 3000 6000 0112 3456 7890 189",
                "favouriteColour": "vert",
                "visits": 12,
                "nested": {"ignored": true},
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_request_gives_its_fields_and_skips_empty_ones() {
        let set = IdentitySet::from_request(&request());
        let kinds: Vec<(IdentifierKind, &str)> = set
            .identifiers()
            .iter()
            .map(|i| (i.kind, i.value.as_str()))
            .collect();
        use IdentifierKind::*;
        assert_eq!(
            kinds,
            [
                (Email, "elodie.dupont@example.fr"),
                (Phone, "06 12 34 56 78"),
                (GivenName, "Élodie"),
                (FamilyName, "Dupont-Martin"),
                (PostalCode, "75011"),
                (RefId, "CL-004512"),
                (FullName, "Élodie Dupont-Martin"),
                (CustomerNumber, "LC 99812"),
                (Email, "e.dupont@corp.example"),
                (Phone, "+33 7 11 22 33 44"),
                (Iban, "FR76 3000 6000 0112 3456 7890 189"),
                (Other, "vert"),
                (Other, "12"),
            ],
            "fields in request order, additionalDatas as sent, the empty city skipped"
        );
        let card = &set.identifiers()[7];
        assert_eq!(card.label.as_deref(), Some("loyaltyCard"));
        assert_eq!(
            card.provenance,
            Provenance::Request {
                field: "additionalDatas.loyaltyCard".into()
            }
        );
    }

    #[test]
    fn the_same_normalised_value_is_added_once() {
        let mut set = IdentitySet::from_request(&request());
        let before = set.len();
        assert_eq!(
            set.add(Identifier::added(IdentifierKind::GivenName, "ELODIE")),
            Some(2)
        );
        assert_eq!(
            set.add(Identifier::added(IdentifierKind::Phone, "+33612345678")),
            Some(1)
        );
        assert_eq!(
            set.add(Identifier::added(IdentifierKind::RefId, "cl004512")),
            Some(5)
        );
        assert_eq!(
            set.add(Identifier::added(
                IdentifierKind::FullName,
                "DUPONT MARTIN Elodie"
            )),
            Some(6)
        );
        assert_eq!(
            set.add(Identifier::added(IdentifierKind::City, "   ")),
            None
        );
        assert_eq!(set.len(), before, "nothing new");
        let maiden = set.add(Identifier::added(IdentifierKind::FamilyName, "Leroy"));
        assert_eq!(maiden, Some(before));
    }

    #[test]
    fn identity_sets_round_trip_through_json() {
        let mut set = IdentitySet::from_request(&request());
        set.add(Identifier {
            provenance: Provenance::AddedByDpo {
                note: Some("from the CRM".into()),
            },
            ..Identifier::added(IdentifierKind::Other, "AB-1234").with_label("badge")
        });
        let json = serde_json::to_value(&set).expect("serialises");
        assert_eq!(json["identifiers"][0]["kind"], "email");
        assert_eq!(
            json["identifiers"][0]["provenance"],
            json!({"source": "request", "field": "email"})
        );
        let back: IdentitySet = serde_json::from_value(json).expect("deserialises");
        assert_eq!(back, set);
    }

    #[test]
    fn additional_data_kinds_are_guessed_from_value_then_key() {
        use IdentifierKind::*;
        assert_eq!(guess_kind("anything", "a@b.fr"), Email);
        assert_eq!(guess_kind("tel", "0612345678"), Phone);
        assert_eq!(guess_kind("x", "FR7630006000011234567890189"), Iban);
        assert_eq!(
            guess_kind("x", "FR7630006000011234567890188"),
            Other,
            "bad checksum"
        );
        assert_eq!(guess_kind("dateNaissance", "12/03/1985"), DateOfBirth);
        assert_eq!(guess_kind("numeroClient", "0612345678"), CustomerNumber);
        assert_eq!(guess_kind("loyaltyCard", "LC-1"), CustomerNumber);
        assert_eq!(guess_kind("codePostal", "75011"), PostalCode);
        assert_eq!(guess_kind("note", "vert"), Other);
    }
}
