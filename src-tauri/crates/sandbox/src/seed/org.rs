//! The organisation itself: users, workspaces, areas, teams, tags and workflows.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{when, Seeder, HEALTH_WORKSPACE, MAIN_WORKSPACE};
use crate::spec::WORKFLOWS;
use crate::text::stamp;

/// What later seeding steps need to know about the organisation.
#[derive(Debug, Clone)]
pub(crate) struct Org {
    /// `UserLightDto` of each tenant user, by id.
    pub users: BTreeMap<i32, Value>,
    /// The main workspace.
    pub main: WsOrg,
    /// The health workspace.
    pub health: WsOrg,
}

/// One workspace's reference data.
#[derive(Debug, Clone, Default)]
pub(crate) struct WsOrg {
    pub ws: i32,
    /// Area ids by role: `siege`, `ecom`, `service`, `rh`, `lyon`.
    pub areas: BTreeMap<&'static str, i32>,
    /// `TagDto`s by tag type.
    pub tags: BTreeMap<&'static str, Vec<Value>>,
    /// Workflow step ids by (workflow type, mapped state).
    pub steps: BTreeMap<(&'static str, &'static str), i32>,
    /// Users who handle requests.
    pub handlers: Vec<i32>,
}

impl Org {
    /// The reference data of workspace `ws`.
    pub fn at(&self, ws: i32) -> &WsOrg {
        if ws == self.health.ws {
            &self.health
        } else {
            &self.main
        }
    }
}

impl WsOrg {
    /// The area for a role, falling back to the first area.
    pub fn area(&self, role: &str) -> i32 {
        self.areas
            .get(role)
            .or_else(|| self.areas.values().next())
            .copied()
            .expect("BUG: a workspace has areas")
    }
}

const USERS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Claire",
        "Dubreuil",
        "Admin",
        "Déléguée à la protection des données",
        true,
    ),
    (
        "Mathieu",
        "Lefèvre-Roussel",
        "User",
        "Analyste vie privée",
        false,
    ),
    ("Inès", "Benali", "User", "Juriste conformité", false),
    (
        "Thomas",
        "Nguyen",
        "User",
        "Responsable de la sécurité des systèmes d'information",
        false,
    ),
    (
        "Élodie",
        "Marchand",
        "User",
        "Responsable ressources humaines",
        false,
    ),
    (
        "Karim",
        "Haddad",
        "Admin",
        "Directeur des systèmes d'information",
        false,
    ),
    (
        "Sophie",
        "Garnier",
        "User",
        "Responsable service client",
        false,
    ),
];

const COLORS: &[&str] = &[
    "#1F4E79", "#2E7D32", "#C62828", "#6A1B9A", "#EF6C00", "#00838F", "#5D4037",
];

pub(crate) fn seed_organisation(s: &mut Seeder) -> Org {
    let mut users = BTreeMap::new();
    for (i, (given, family, role, bio, owner)) in USERS.iter().enumerate() {
        let email = format!(
            "{}.{}@ormeaux.fr",
            crate::text::fold(given),
            crate::text::fold(family).replace(' ', "")
        );
        let user = user(
            s,
            given,
            family,
            &email,
            role,
            Some(bio),
            *owner,
            COLORS[i % COLORS.len()],
        );
        users.insert(user["id"].as_i64().expect("id") as i32, light(&user));
        s.put(None, "TenantUsers", user);
    }
    let api = user(
        s,
        "Intégration",
        "Passerelle",
        "api@ormeaux.fr",
        "API",
        None,
        false,
        "#455A64",
    );
    users.insert(api["id"].as_i64().expect("id") as i32, light(&api));
    s.put(None, "TenantUsers", api);

    let main = workspace(
        s,
        MAIN_WORKSPACE,
        "Ormeaux — Siège",
        &MAIN_AREAS,
        &[1, 2, 3],
    );
    let health = workspace(s, HEALTH_WORKSPACE, "Ormeaux Santé", &HEALTH_AREAS, &[1, 3]);
    Org {
        users,
        main,
        health,
    }
}

#[allow(clippy::too_many_arguments)]
fn user(
    s: &mut Seeder,
    given: &str,
    family: &str,
    email: &str,
    role: &str,
    bio: Option<&str>,
    owner: bool,
    color: &str,
) -> Value {
    let id = s.int_id("TenantUsers");
    let created = s.days_ago(700 - i64::from(id) * 40);
    json!({
        "id": id,
        "displayName": format!("{given} {family}"),
        "familyName": family,
        "givenName": given,
        "email": email,
        "color": color,
        "avatarUrl": null,
        "tenantId": 1,
        "role": role,
        "phoneNumber": when(role != "API", format!("01 44 55 {:02} {:02}", 20 + id, 10 * id)),
        "address": null,
        "zipCode": "75011",
        "city": "Paris",
        "countryCode": "FR",
        "username": email,
        "bio": bio,
        "blogUrl": null,
        "isInvited": false,
        "isOwner": owner,
        "timeZone": "Europe/Paris",
        "language": "fr",
        "dateCreation": stamp(created),
        "dateUpdate": null,
        "invitations": [],
        "roles": [],
        "adminPermissions": [],
        "teams": [],
        "active": true,
        "canReceiveNotification": role != "API",
        "emailVerified": true,
        "tenantOwnerId": null,
        "ssoConfigurationId": null,
        "twoFactorAuthEnabled": role == "Admin",
    })
}

/// `UserLightDto` from a `UserDto`.
fn light(u: &Value) -> Value {
    json!({
        "id": u["id"], "displayName": u["displayName"], "familyName": u["familyName"],
        "givenName": u["givenName"], "email": u["email"], "color": u["color"],
        "avatarUrl": null, "tenantId": 1,
    })
}

type AreaRow = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

/// (role, label, type, parent role, zip, city)
const MAIN_AREAS: [AreaRow; 5] = [
    ("siege", "Siège", "Entity", None, "75011", "Paris"),
    (
        "ecom",
        "Boutique en ligne",
        "Area",
        Some("siege"),
        "75011",
        "Paris",
    ),
    (
        "service",
        "Service client",
        "Area",
        Some("siege"),
        "75011",
        "Paris",
    ),
    (
        "rh",
        "Ressources humaines",
        "Area",
        Some("siege"),
        "75011",
        "Paris",
    ),
    ("lyon", "Filiale Lyon", "Entity", None, "69002", "Lyon"),
];

const HEALTH_AREAS: [AreaRow; 2] = [
    ("siege", "Ormeaux Santé", "Entity", None, "69002", "Lyon"),
    (
        "clinique",
        "Clinique Bellecour",
        "Area",
        Some("siege"),
        "69002",
        "Lyon",
    ),
];

/// (label, ref, area roles, user ids, default team)
type TeamRow = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [i32],
    bool,
);

fn workspace(s: &mut Seeder, ws: i32, label: &str, areas: &[AreaRow], handlers: &[i32]) -> WsOrg {
    let mut org = WsOrg {
        ws,
        handlers: handlers.to_vec(),
        ..WsOrg::default()
    };
    let at = Some(ws);
    let item = json!({
        "id": ws,
        "tenantId": 1,
        "primaryColor": "#1F4E79",
        "secondaryColor": "#F2A900",
        "label": label,
        "logoUrl": null,
        "state": "Active",
        "permissions": [],
        "dataSubjectArchivedRetentionDays": 365,
        "nbEntities": areas.iter().filter(|a| a.2 == "Entity").count(),
    });
    s.put(None, "WorkSpaces", item);
    s.store.workspaces.entry(ws).or_default();

    for (order, (role, label, kind, parent, zip, city)) in areas.iter().enumerate() {
        let id = s.int_id("Areas");
        let parent_id = parent.and_then(|p| org.areas.get(p)).copied();
        let siren = format!(
            "{} {} {}",
            s.range(300..999),
            s.range(100..999),
            s.range(100..999)
        );
        let item = json!({
            "order": order,
            "children": [],
            "teams": [],
            "id": id,
            "type": kind,
            "parentId": parent_id,
            "ref": format!("ORG-{:03}", id),
            "label": label,
            "description": format!("{label} du groupe Ormeaux"),
            "logoUrl": null,
            "address": if *kind == "Entity" { json!("12 rue des Ormeaux") } else { Value::Null },
            "zipCode": zip,
            "city": city,
            "countryCode": "FR",
            "immatriculationNumber": if *kind == "Entity" { json!(siren) } else { Value::Null },
            "phoneNumber": "01 43 55 20 10",
            "mailAddress": "dpo@ormeaux.fr",
        });
        s.put(at, "Areas", item);
        org.areas.insert(role, id);
    }

    let teams: &[TeamRow] = if ws == MAIN_WORKSPACE {
        &[
            ("Équipe DPO", "TEAM-DPO", &["siege"], &[1, 2, 3], true),
            (
                "Support client",
                "TEAM-SAV",
                &["service", "ecom"],
                &[7],
                false,
            ),
            ("DSI & sécurité", "TEAM-DSI", &["siege"], &[4, 6], false),
            ("Ressources humaines", "TEAM-RH", &["rh"], &[5], false),
            ("Filiale Lyon", "TEAM-LYON", &["lyon"], &[2], false),
        ]
    } else {
        &[(
            "Équipe santé",
            "TEAM-SANTE",
            &["siege", "clinique"],
            &[1, 3],
            true,
        )]
    };
    for (label, reference, areas, users, default) in teams {
        let id = s.int_id("Teams");
        let area_ids: Vec<i32> = areas.iter().map(|a| org.area(a)).collect();
        let item = json!({
            "id": id, "label": label, "ref": reference, "areas": area_ids, "users": users,
            "_default": default,
        });
        s.put(at, "Teams", item);
    }

    let tags: &[(&str, &str, &str)] = &[
        ("Urgent", "DataSubject", "#D32F2F"),
        ("Client VIP", "DataSubject", "#7B1FA2"),
        ("Saisine CNIL", "DataSubject", "#F57C00"),
        ("Critique", "Asset", "#C62828"),
        ("Cloud", "Asset", "#0277BD"),
        ("Hébergé UE", "Asset", "#2E7D32"),
        ("Legacy", "Asset", "#6D4C41"),
        ("Sous-traitant", "Actor", "#00838F"),
        ("Hors UE", "Actor", "#AD1457"),
        ("DPA signé", "Actor", "#558B2F"),
        ("Audit 2025", "Task", "#283593"),
        ("RH", "DataProcessing", "#4E342E"),
        ("Marketing", "DataProcessing", "#FF8F00"),
    ];
    for (label, kind, color) in tags {
        let id = s.int_id("Tags");
        let tag = json!({ "id": id, "label": label, "type": kind, "color": color });
        org.tags.entry(kind).or_default().push(tag.clone());
        s.put(at, "Tags", tag);
    }

    let steps: &[(&str, &str, &str, &str)] = if ws == MAIN_WORKSPACE {
        &[
            ("DataSubject", "Nouvelle demande", "Open", "#9E9E9E"),
            (
                "DataSubject",
                "Vérification d'identité",
                "IdentityValidation",
                "#FFB300",
            ),
            (
                "DataSubject",
                "Recherche des données",
                "Processing",
                "#1E88E5",
            ),
            ("DataSubject", "Réponse en préparation", "Active", "#8E24AA"),
            ("DataSubject", "Réponse envoyée", "Closed", "#43A047"),
            ("Task", "À faire", "Open", "#9E9E9E"),
            ("Task", "En cours", "Active", "#1E88E5"),
            ("Task", "Terminé", "Closed", "#43A047"),
            ("DataProcessing", "Brouillon", "Draft", "#9E9E9E"),
            ("DataProcessing", "En revue DPO", "Draft", "#FFB300"),
            ("DataProcessing", "Publié", "Active", "#43A047"),
        ]
    } else {
        &[
            ("DataSubject", "Nouvelle demande", "Open", "#9E9E9E"),
            ("DataSubject", "En cours", "Processing", "#1E88E5"),
            ("DataSubject", "Clôturée", "Closed", "#43A047"),
        ]
    };
    let mut previous = "";
    let mut order = 0;
    for (i, (kind, label, state, color)) in steps.iter().enumerate() {
        order = if *kind == previous { order + 1 } else { 0 };
        previous = kind;
        let last = steps.get(i + 1).is_none_or(|next| next.0 != *kind);
        let id = s.int_id(WORKFLOWS);
        let item = json!({
            "id": id,
            "label": label,
            "color": color,
            "order": order,
            "itemLimit": null,
            "type": kind,
            "finalStep": last,
            "initialStep": order == 0,
            "descriptionHtml": null,
            "mappedState": state,
        });
        s.put(at, WORKFLOWS, item);
        org.steps.entry((kind, state)).or_insert(id);
    }
    org
}
