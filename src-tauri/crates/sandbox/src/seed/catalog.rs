//! The catalogue: actors (mostly vendors), assets with external refs, contracts linking them,
//! and generic relationships between assets and actors.

use chrono::Duration;
use serde_json::{json, Value};

use super::data::{country_of, ENVIRONMENTS, IN_HOUSE, OTHER_ACTORS, OTHER_ASSETS, SOFTWARE};
use super::org::Org;
use super::{when, Seeder};
use crate::text::{fold, stamp};

/// A seeded actor: id, company name, whether it is a vendor.
#[derive(Debug, Clone)]
pub(crate) struct ActorRef {
    pub id: i32,
    pub name: String,
    pub vendor: bool,
}

/// A seeded asset: id, label, vendor company (for software bought from one).
#[derive(Debug, Clone)]
pub(crate) struct AssetRef {
    pub id: i32,
    pub label: String,
    pub vendor: Option<&'static str>,
    pub primary: bool,
}

const CONTACTS: &[&str] = &[
    "Julie Martin",
    "Olivier Bernard",
    "Emma Schmidt",
    "Liam O'Connor",
    "Sofia Rossi",
    "Hugo Lambert",
    "Nora Van Dijk",
    "Lucas Petit",
    "Ava Johnson",
    "Marc Aubert",
];

pub(crate) fn seed_actors(s: &mut Seeder, ws: i32, n: usize, org: &Org) -> Vec<ActorRef> {
    let mut vendors: Vec<&str> = Vec::new();
    for (_, vendor) in SOFTWARE {
        if !vendors.contains(vendor) {
            vendors.push(vendor);
        }
    }
    let mut rows: Vec<(String, &str, &str)> = vendors
        .iter()
        .map(|v| (v.to_string(), country_of(v), "Vendor"))
        .collect();
    rows.extend(OTHER_ACTORS.iter().map(|(n, c, r)| (n.to_string(), *c, *r)));
    let mut k = 0;
    while rows.len() < n {
        k += 1;
        rows.push((format!("Prestataire régional n°{k}"), "FR", "Vendor"));
    }

    let tags = org.at(ws).tags.get("Actor").cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (name, country, referenced) in rows.into_iter().take(n) {
        let id = s.int_id("Actors");
        let vendor = referenced == "Vendor";
        let slug: String = fold(&name)
            .split_whitespace()
            .next()
            .unwrap_or("vendor")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let created = s.days_ago_in(60..900);
        let dpa = vendor && s.chance(0.6);
        let mut actor_tags = Vec::new();
        if vendor && tags.len() >= 3 {
            actor_tags.push(tags[0].clone());
            if country != "FR" && !["IE", "NL", "LU", "DE", "SE", "BE"].contains(&country) {
                actor_tags.push(tags[1].clone());
            }
            if dpa {
                actor_tags.push(tags[2].clone());
            }
        }
        let kind_label = if vendor {
            "Fournisseur référencé"
        } else {
            "Partenaire"
        };
        let contact = *s.pick(CONTACTS);
        let position = *s.pick(&[
            "Délégué à la protection des données",
            "Responsable de compte",
        ]);
        let digits: Vec<i64> = (0..4).map(|_| s.range(10..99)).collect();
        let phone = if country == "FR" {
            format!(
                "+33 1 {} {} {} {}",
                digits[0], digits[1], digits[2], digits[3]
            )
        } else {
            format!("+{} {}", s.range(30..49), s.range(1_000_000..9_999_999))
        };
        let siren = format!(
            "{} {} {}",
            s.range(300..999),
            s.range(100..999),
            s.range(100..999)
        );
        let french = country == "FR";
        let item = json!({
            "attachments": [],
            "tags": actor_tags,
            "recipients": [],
            "creator": org.users.get(&1),
            "dpaSignatureDate": when(dpa, stamp(created + Duration::days(s.range(5..60)))),
            "nbReferences": 0,
            "id": id,
            "displayName": name,
            "dateCreation": stamp(created),
            "dateUpdate": when(s.chance(0.5), stamp(created + Duration::days(30))),
            "logoUrl": null,
            "actorType": "Morale",
            "vendorType": "B2B",
            "accessLevel": if vendor { *s.pick(&["Restricted", "Full", "None"]) } else { "None" },
            "givenName": null,
            "familyName": null,
            "companyName": name,
            "description": format!("{kind_label} ({referenced})"),
            "countryCode": country,
            "readonly": false,
            "email": format!("dpo@{slug}.{}", if french { "fr" } else { "com" }),
            "phoneNumber": phone,
            "contactName": contact,
            "contactPosition": position,
            "immatriculationNumber": when(french, siren),
            "websiteUrl": format!("https://www.{slug}.{}", if french { "fr" } else { "com" }),
            "address": when(french, format!("{} avenue de France", digits[0] * 2)),
            "zipCode": if french { json!("75013") } else { Value::Null },
            "city": if french { json!("Paris") } else { Value::Null },
            "ref": format!("FRN-{:05}", 10_000 + id),
            "_referencedAs": referenced,
        });
        s.put(Some(ws), "Actors", item);
        out.push(ActorRef { id, name, vendor });
    }
    out
}

pub(crate) fn seed_assets(
    s: &mut Seeder,
    ws: i32,
    n: usize,
    org: &Org,
    actors: &[ActorRef],
) -> Vec<AssetRef> {
    let tags = org.at(ws).tags.get("Asset").cloned().unwrap_or_default();
    let mut out = Vec::with_capacity(n);
    let mut ci = 0;
    for i in 0..n {
        let (label, kind, vendor, env) = asset_row(i);
        let id = s.int_id("Assets");
        let created = s.days_ago_in(30..1200);
        let reference = if i % 3 == 0 {
            s.hex(32)
        } else {
            ci += 1;
            format!("CI{:05}", 100 + ci + 1000 * ws as usize)
        };
        let software = kind == "Software";
        let saas = vendor
            .is_some_and(|v| !v.contains("SAP") && !v.contains("Sage") && !v.contains("Teclib"));
        let state = if env.contains("recette") || env.contains("bac") {
            "InDevelopment"
        } else if s.chance(0.06) {
            "Stopped"
        } else {
            "InProduction"
        };
        let mut asset_tags = Vec::new();
        if tags.len() >= 4 {
            if s.chance(0.15) {
                asset_tags.push(tags[0].clone());
            }
            if saas {
                asset_tags.push(tags[1].clone());
            }
            if state == "Stopped" {
                asset_tags.push(tags[3].clone());
            }
        }
        let mut asset = json!({
            "id": id,
            "label": label,
            "address": null,
            "countryCode": "FR",
            "zipCode": null,
            "city": null,
            "type": kind,
            "description": match vendor {
                Some(v) => format!("{label}, édité par {v}."),
                None => format!("{label} (interne)."),
            },
            "logoUrl": null,
            "purposes": [],
            "tags": asset_tags,
            "attachments": [],
            "readonly": false,
            "dateCreation": stamp(created),
            "dateUpdate": when(s.chance(0.4), stamp(created + Duration::days(s.range(1..30)))),
            "creator": org.users.get(&6),
            "dataProcessings": [],
            "ref": reference,
        });
        if software {
            asset["applicationState"] = json!(state);
            asset["applicationType"] = json!(if saas {
                "Saas"
            } else if vendor.is_none() {
                "WebApp"
            } else {
                "Software"
            });
            let sourced = |yes: bool| if yes { "OutSourced" } else { "InHouse" };
            asset["hostingType"] = json!(sourced(saas));
            asset["developmentType"] = json!(sourced(vendor.is_some()));
            asset["maintenanceType"] = json!(sourced(vendor.is_some()));
            asset["supportType"] = json!(sourced(saas));
        }
        if kind == "Building" {
            asset["address"] = json!("12 rue des Ormeaux");
            asset["zipCode"] = json!(if label.contains("Lyon") || label.contains("Vénissieux") {
                "69002"
            } else {
                "75011"
            });
            asset["city"] = json!(if label.contains("Lyon") || label.contains("Vénissieux") {
                "Lyon"
            } else {
                "Paris"
            });
        }
        s.put(Some(ws), "Assets", asset);
        let vendor = vendor.filter(|v| actors.iter().any(|a| a.name == *v));
        out.push(AssetRef {
            id,
            label,
            vendor,
            primary: env.is_empty(),
        });
    }
    out
}

/// The i-th asset: software first, then in-house applications and other assets, then
/// environments of the software (recette, pré-production…), then numbered copies.
fn asset_row(i: usize) -> (String, &'static str, Option<&'static str>, &'static str) {
    let base = SOFTWARE.len() + IN_HOUSE.len() + OTHER_ASSETS.len();
    if i < SOFTWARE.len() {
        return (
            SOFTWARE[i].0.to_string(),
            "Software",
            Some(SOFTWARE[i].1),
            "",
        );
    }
    if i < SOFTWARE.len() + IN_HOUSE.len() {
        return (
            IN_HOUSE[i - SOFTWARE.len()].to_string(),
            "Software",
            None,
            "",
        );
    }
    if i < base {
        let (label, kind) = OTHER_ASSETS[i - SOFTWARE.len() - IN_HOUSE.len()];
        return (label.to_string(), kind, None, "");
    }
    let j = i - base;
    let round = j / SOFTWARE.len();
    let (name, vendor) = SOFTWARE[j % SOFTWARE.len()];
    let env = ENVIRONMENTS[1 + round % (ENVIRONMENTS.len() - 1)];
    let copy = round / (ENVIRONMENTS.len() - 1);
    let label = if copy == 0 {
        format!("{name}{env}")
    } else {
        format!("{name}{env} #{}", copy + 1)
    };
    (label, "Software", Some(vendor), env)
}

const CONTRACT_TYPES: &[(&str, u32)] = &[
    ("DataProcessingAgreement", 40),
    ("ServiceAgreement", 25),
    ("Licence", 20),
    ("NonDisclosure", 10),
    ("JointControllerAgreement", 5),
];

pub(crate) fn seed_contracts(
    s: &mut Seeder,
    ws: i32,
    n: usize,
    org: &Org,
    actors: &[ActorRef],
    assets: &[AssetRef],
) -> usize {
    let vendors: Vec<&ActorRef> = actors.iter().filter(|a| a.vendor).collect();
    let partner = actors
        .iter()
        .find(|a| a.name.starts_with("Ormeaux Logistique"));
    let dpa_tag = org.main.tags.get("Actor").and_then(|t| t.get(2)).cloned();
    for i in 0..n {
        let vendor = vendors[i % vendors.len().max(1)];
        let kind = *s.weighted(CONTRACT_TYPES);
        let linked: Vec<i32> = assets
            .iter()
            .filter(|a| a.vendor == Some(vendor.name.as_str()))
            .take(3)
            .map(|a| a.id)
            .collect();
        let mut signatories = vec![vendor.id];
        if kind == "JointControllerAgreement" {
            signatories.extend(partner.map(|p| p.id));
        }
        let start = s.days_ago_in(30..1500);
        let years = s.range(1..4);
        let end = start + Duration::days(365 * years);
        let state = if end < s.today {
            "Expired"
        } else if i % 9 == 4 {
            "Draft"
        } else if i % 13 == 7 {
            "Terminated"
        } else {
            "Active"
        };
        let label = match kind {
            "DataProcessingAgreement" => {
                format!("Accord de sous-traitance (DPA) — {}", vendor.name)
            }
            "ServiceAgreement" => format!("Contrat de prestation — {}", vendor.name),
            "Licence" => format!("Contrat de licence — {}", vendor.name),
            "NonDisclosure" => format!("Accord de confidentialité — {}", vendor.name),
            _ => format!("Accord de responsabilité conjointe — {}", vendor.name),
        };
        let versions: Vec<Value> = (1..=s.range(1..4))
            .map(|v| {
                let from = start + Duration::days(200 * (v - 1));
                json!({
                    "number": v,
                    "startDate": stamp(from),
                    "endDate": stamp(end),
                    "description": if v == 1 { "Version initiale" } else { "Avenant" },
                    "active": false,
                })
            })
            .collect();
        let mut versions = versions;
        if let Some(last) = versions.last_mut() {
            last["active"] = json!(true);
        }
        let amount =
            matches!(kind, "ServiceAgreement" | "Licence").then(|| (s.range(5..250) * 1000) as f64);
        let tags: Vec<Value> = dpa_tag
            .iter()
            .filter(|_| kind == "DataProcessingAgreement")
            .cloned()
            .collect();
        let id = s.uuid();
        let item = json!({
            "id": id,
            "label": label,
            "ref": format!("CTR-{}-{:03}", start.format("%Y"), i + 1),
            "description": format!("Contrat avec {} ({} actifs).", vendor.name, linked.len()),
            "areaId": org.main.area("siege"),
            "state": state,
            "contractType": kind,
            "startDate": stamp(start),
            "endDate": stamp(end),
            "amount": amount,
            "currency": amount.map(|_| "EUR"),
            "assets": linked,
            "signatories": signatories,
            "tags": tags,
            "versions": versions,
            "archived": state == "Terminated",
            "dateCreation": stamp(start - Duration::days(10)),
            "dateUpdate": stamp(start),
            "customFields": { "reconductionTacite": years > 1 },
        });
        s.put(Some(ws), "Contracts", item);
    }
    n
}

pub(crate) fn seed_relationships(
    s: &mut Seeder,
    ws: i32,
    actors: &[ActorRef],
    assets: &[AssetRef],
) {
    let host = actors.iter().find(|a| a.name == "OVH SAS");
    for asset in assets.iter().filter(|a| a.primary) {
        let (actor, label) = match (asset.vendor, host) {
            (Some(v), _) => match actors.iter().find(|a| a.name == v) {
                Some(a) => (a, "Éditeur"),
                None => continue,
            },
            (None, Some(h))
                if asset.label.contains("ormeaux")
                    || asset.label.contains("API")
                    || asset.label.contains("Portail") =>
            {
                (h, "Hébergeur")
            }
            _ => continue,
        };
        let id = s.uuid();
        let created = s.days_ago_in(10..400);
        let item = json!({
            "id": id,
            "target": {
                "id": actor.id.to_string(),
                "label": actor.name,
                "logoUrl": null,
                "description": null,
                "type": "Actor",
                "deleted": false,
                "archived": false,
            },
            "reverse": false,
            "originType": "Asset",
            "originId": asset.id.to_string(),
            "label": label,
            "description": null,
            "dateCreation": stamp(created),
        });
        s.put(Some(ws), "GenericRelationships", item);
    }
}
