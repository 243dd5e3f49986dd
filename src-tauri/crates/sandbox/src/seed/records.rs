//! The record of processing: data fields, processing activities and the links between them,
//! and the DPO's tasks.

use chrono::Duration;
use serde_json::{json, Value};

use super::catalog::ActorRef;
use super::org::{Org, WsOrg};
use super::{when, Seeder};
use crate::spec::PROCESSING_LINKS;
use crate::text::stamp;

type FieldRow = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// (label, category, data type, legal basis when sensitive, technical definition)
const FIELDS: &[FieldRow] = &[
    (
        "Adresse e-mail",
        "CivilStatus",
        "String",
        None,
        "customer.email varchar(255)",
    ),
    (
        "Numéro de téléphone",
        "CivilStatus",
        "String",
        None,
        "customer.phone varchar(30)",
    ),
    (
        "Nom de famille",
        "CivilStatus",
        "String",
        None,
        "customer.last_name",
    ),
    (
        "Prénom",
        "CivilStatus",
        "String",
        None,
        "customer.first_name",
    ),
    (
        "Date de naissance",
        "CivilStatus",
        "Date",
        None,
        "customer.birth_date date",
    ),
    (
        "Identifiant client",
        "CivilStatus",
        "UniqueIdentifier",
        None,
        "customer.id (CLI-xxxxxx)",
    ),
    (
        "Adresse postale",
        "PersonalLife",
        "String",
        None,
        "address.*",
    ),
    (
        "NIR (numéro de sécurité sociale)",
        "NIR",
        "UniqueIdentifier",
        None,
        "employee.nir char(15)",
    ),
    (
        "IBAN",
        "EconomicFinancialData",
        "String",
        None,
        "employee.iban / supplier.iban",
    ),
    (
        "Salaire brut annuel",
        "EconomicFinancialData",
        "Number",
        None,
        "payroll.gross_salary",
    ),
    (
        "Numéro de carte bancaire (tronqué)",
        "EconomicFinancialData",
        "String",
        None,
        "payment.pan_last4",
    ),
    (
        "Adresse IP",
        "ConnectionData",
        "String",
        None,
        "access_log.ip",
    ),
    (
        "Identifiant de cookie",
        "InternetData",
        "UniqueIdentifier",
        None,
        "_ga, _pk_id",
    ),
    (
        "Position de livraison",
        "GeoLocationData",
        "Geolocation",
        None,
        "delivery.lat/lng",
    ),
    (
        "Historique d'achats",
        "PersonalLife",
        "Object",
        None,
        "orders.*",
    ),
    (
        "Poste occupé",
        "ProfessionalLife",
        "String",
        None,
        "employee.job_title",
    ),
    (
        "Arrêts maladie",
        "HealthData",
        "Document",
        Some("NecessaryPurpose"),
        "hr_absence.sick_leave",
    ),
    (
        "Appartenance syndicale",
        "TradeUnionMembership",
        "String",
        Some("NecessaryPurpose"),
        "hr_mandate.union",
    ),
    (
        "Extrait de casier judiciaire",
        "CriminalConvictions",
        "Document",
        Some("SubstantialPublicInterest"),
        "hr_file.b3",
    ),
];

const EMPLOYER_DUTY: &str =
    "Obligations de l'employeur en matière de droit du travail (art. 9.2.b RGPD).";

pub(crate) fn seed_data_fields(s: &mut Seeder, ws: i32, org: &Org) {
    for (label, category, kind, basis, technical) in FIELDS {
        let id = s.uuid();
        let created = s.days_ago_in(100..800);
        let policy = if category.contains("Economic") || *category == "NIR" {
            "10 ans (obligations comptables et sociales)"
        } else {
            "3 ans après le dernier contact"
        };
        let item = json!({
            "id": id,
            "archivingPolicy": policy,
            "required": matches!(*label, "Adresse e-mail" | "Nom de famille"),
            "label": label,
            "definition": format!("{label} de la personne concernée."),
            "technicalDefinition": technical,
            "sensitiveDataFieldLegalJustification": basis,
            "sensitiveDataFieldLegalJustificationDescription": basis.map(|_| EMPLOYER_DUTY),
            "sensitiveData": basis.is_some(),
            "personalDataCategory": category,
            "dataType": kind,
            "dateCreation": stamp(created),
            "dateUpdate": null,
            "creator": org.users.get(&2),
        });
        s.put(Some(ws), "DataFields", item);
    }
}

/// (label, area role, tag, needs a DPIA, published)
const PROCESSINGS: &[(&str, &str, Option<&str>, bool, bool)] = &[
    ("Gestion de la paie", "rh", Some("RH"), false, true),
    ("Recrutement", "rh", Some("RH"), false, true),
    (
        "Gestion administrative du personnel",
        "rh",
        Some("RH"),
        false,
        true,
    ),
    (
        "Prospection commerciale",
        "ecom",
        Some("Marketing"),
        false,
        true,
    ),
    (
        "Gestion de la relation client",
        "service",
        None,
        false,
        true,
    ),
    ("Vente en ligne et livraison", "ecom", None, false, true),
    (
        "Programme de fidélité",
        "ecom",
        Some("Marketing"),
        false,
        true,
    ),
    (
        "Newsletter et marketing par e-mail",
        "ecom",
        Some("Marketing"),
        false,
        true,
    ),
    (
        "Mesure d'audience du site",
        "ecom",
        Some("Marketing"),
        false,
        true,
    ),
    ("Vidéoprotection du siège", "siege", None, true, true),
    ("Contrôle d'accès par badge", "siege", None, true, true),
    ("Support client (tickets)", "service", None, false, true),
    ("Gestion des fournisseurs", "siege", None, false, true),
    (
        "Gestion des demandes d'exercice des droits",
        "siege",
        None,
        false,
        true,
    ),
    ("Médecine du travail", "rh", Some("RH"), true, false),
];

/// Returns (id, label) of each processing activity.
pub(crate) fn seed_processings(s: &mut Seeder, ws: i32, org: &Org) -> Vec<(String, String)> {
    let w = org.at(ws);
    let mut out = Vec::new();
    for (i, (label, area, tag, dpia, published)) in PROCESSINGS.iter().enumerate() {
        let id = s.uuid();
        let created = s.days_ago_in(200..1000);
        let tags: Vec<Value> = tag
            .and_then(|t| {
                w.tags
                    .get("DataProcessing")?
                    .iter()
                    .find(|v| v["label"] == *t)
                    .cloned()
            })
            .into_iter()
            .collect();
        let step = w
            .steps
            .get(&(
                "DataProcessing",
                if *published { "Active" } else { "Draft" },
            ))
            .copied()
            .unwrap_or(0);
        let marketing = tag == &Some("Marketing");
        let ecom = *area == "ecom";
        let item = json!({
            "id": id,
            "label": label,
            "creatorUser": org.users.get(&1),
            "state": if *published { "Active" } else { "Draft" },
            "dateDeployment": when(*published, stamp(created + Duration::days(30))),
            "dateCreation": stamp(created),
            "dateArchived": null,
            "datePublication": when(*published, stamp(created + Duration::days(20))),
            "archived": false,
            "dateUpdate": stamp(created + Duration::days(60)),
            "versionDescription": null,
            "processingType": "Default",
            "parentId": null,
            "areaId": w.area(area),
            "workFlowStepId": step,
            "ref": format!("TRT-{:03}", i + 1),
            "processingState": if *published { "InProduction" } else { "Study" },
            "description": format!("{label} au sein du groupe Ormeaux."),
            "tags": tags,
            "rightOfInformation": "Automatic",
            "rightOfAccess": "ManualOrOnDemand",
            "rightOfRectification": "ManualOrOnDemand",
            "rightOfErasure": if *area == "rh" { "NonApplicable" } else { "ManualOrOnDemand" },
            "rightOfRestriction": "ManualOrOnDemand",
            "rightOfOpposition": if marketing { "Automatic" } else { "ManualOrOnDemand" },
            "rightOfDataPortability": if ecom { "ManualOrOnDemand" } else { "NonApplicable" },
            "advanceDirectives": "NonApplicable",
            "ownerId": 1,
            "isDPIARequired": dpia,
            "systematicMonitoring": dpia,
            "progression": 0.5 + (s.range(0..50) as f64) / 100.0,
            "quality": 0.4 + (s.range(0..60) as f64) / 100.0,
            "riskLevel": s.range(1..5) as f64,
            "dpiaExemption": false,
            "workSpaceId": ws,
            "assets": [],
            "attachments": [],
            "purposes": [],
            "recipients": [],
            "stakeHolders": [],
            "dataControllers": [],
            "dataRetentionRules": [],
            "securityMeasures": [],
            "personCategories": [],
        });
        s.put(Some(ws), "DataProcessings", item);
        out.push((id, label.to_string()));
    }
    link_processings(s, ws, &out, w);
    out
}

fn link_processings(s: &mut Seeder, ws: i32, processings: &[(String, String)], w: &WsOrg) {
    let pairs: &[(usize, usize, &str)] = &[
        (0, 2, "Related"),
        (1, 2, "Child"),
        (3, 7, "Related"),
        (5, 6, "Related"),
        (11, 4, "Parent"),
        (13, 4, "Related"),
    ];
    for (from, to, kind) in pairs {
        let (Some(source), Some(target)) = (processings.get(*from), processings.get(*to)) else {
            continue;
        };
        let stored = s
            .store
            .get(Some(ws), "DataProcessings", &target.0)
            .cloned()
            .expect("BUG: seeded above");
        let id = s.uuid();
        let created = s.days_ago_in(10..200);
        let item = json!({
            "id": id,
            "areaId": w.area("siege"),
            "element": crate::routes::special::processing_light(&stored),
            "dateCreation": stamp(created),
            "relationShipType": kind,
            "create": false,
            "label": null,
            "url": null,
            "processingType": "Default",
            "workspaceId": ws,
            "_sourceId": source.0,
        });
        s.put(Some(ws), PROCESSING_LINKS, item);
    }
}

const PRIORITIES: [&str; 3] = ["High", "Medium", "Low"];

pub(crate) fn seed_tasks(
    s: &mut Seeder,
    ws: i32,
    w: &WsOrg,
    requests: &[(i32, String)],
    processings: &[(String, String)],
    actors: &[ActorRef],
) {
    let mut rows: Vec<(String, &str, String)> = Vec::new();
    for (id, title) in requests.iter().take(8) {
        rows.push((
            format!("Traiter la demande #{id} : {}", title.to_lowercase()),
            "DataSubject",
            id.to_string(),
        ));
    }
    for (id, label) in processings.iter().take(5) {
        rows.push((
            format!("Mettre à jour la fiche « {label} »"),
            "DataProcessing",
            id.clone(),
        ));
    }
    for actor in actors.iter().filter(|a| a.vendor).take(4) {
        rows.push((
            format!("Obtenir le DPA signé de {}", actor.name),
            "Actor",
            actor.id.to_string(),
        ));
    }
    rows.push((
        "Réaliser l'AIPD de la vidéoprotection".into(),
        "DataProcessing",
        processings.get(9).map_or(String::new(), |p| p.0.clone()),
    ));
    rows.push((
        "Former le service client aux demandes RGPD".into(),
        "",
        String::new(),
    ));
    rows.push((
        "Revoir les durées de conservation RH".into(),
        "",
        String::new(),
    ));

    let audit = w.tags.get("Task").cloned().unwrap_or_default();
    for (i, (label, object_type, object_id)) in rows.into_iter().enumerate() {
        let id = s.int_id("Tasks");
        let state = ["Open", "Active", "Closed", "Open", "Active"][i % 5];
        let created = s.days_ago_in(5..90);
        let deadline = created + Duration::days(s.range(10..45));
        let closed =
            (state == "Closed").then(|| (created + Duration::days(s.range(1..20))).min(s.today));
        let label: String = label.chars().take(120).collect();
        let item = json!({
            "id": id,
            "archived": false,
            "projectId": null,
            "iterationId": null,
            "label": label,
            "descriptionHtml": format!("<p>{label}.</p>"),
            "objectId": if object_id.is_empty() { Value::Null } else { json!(object_id) },
            "objectType": if object_type.is_empty() { Value::Null } else { json!(object_type) },
            "priority": PRIORITIES[i % 3],
            "state": state,
            "color": null,
            "workFlowStepId": w.steps.get(&("Task", state)),
            "deadline": stamp(deadline),
            "attachments": [],
            "tags": if i % 4 == 0 { audit.clone() } else { vec![] },
            "ownerId": 1,
            "assignedToUserId": w.handlers[i % w.handlers.len()],
            "areaId": w.area("siege"),
            "workspaceId": ws,
            "dateClosed": closed.map(stamp),
            "dateActivated": when(state != "Open", stamp(created + Duration::days(1))),
            "dateCreation": stamp(created),
            "dateUpdate": null,
            "additionalDatas": null,
            "parentId": null,
            "order": i as i64 * 10,
        });
        s.put(Some(ws), "Tasks", item);
    }
}
