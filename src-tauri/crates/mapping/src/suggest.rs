//! Suggestions: which column probably feeds which field, and which value means which enum value.
//!
//! [`suggest`] scores every (field, column) pair from the column's name (the field's own name,
//! or a French or English synonym from [`SYNONYMS`], whole or inside a longer header) and from
//! sample values (dates, numbers, e-mail addresses, yes/no words, values close to the field's
//! enum), then gives each field and each column at most one suggestion, best scores first.
//! [`suggest_enum_map`] pairs each sample value with the closest allowed value: the same
//! spelling once case, accents and punctuation are ignored, a word of the same meaning in
//! French or English ([`SAME_MEANING`]), a prefix, or a small edit distance.
//!
//! Scores run from 0 to 1; nothing under [`MIN_SCORE`] is suggested. They rank suggestions
//! for the DPO to confirm; they are not probabilities.

use serde::{Deserialize, Serialize};

use crate::parse::{self, DateFormat};
use crate::record::SourceRow;
use crate::similar::{compact_fold, similarity, words};
use crate::target::{FieldType, TargetField, TargetSchema};

/// Suggestions scoring below this are not made.
pub const MIN_SCORE: f64 = 0.5;

/// Names a column may have for a field, best first, in French and English (folded words).
#[rustfmt::skip]
pub const SYNONYMS: &[(&str, &[&str])] = &[
    ("label", &[
        "nom", "name", "label", "libelle", "intitule", "titre", "title", "designation", "objet",
        "application", "nom de l application", "application name", "display name"]),
    ("description", &[
        "description", "short description", "desc", "descriptif", "commentaire", "comment",
        "comments", "notes", "resume", "summary", "details"]),
    ("ref", &[
        "ref", "reference", "u number", "number", "numero", "identifiant", "id", "code",
        "external id", "identifiant externe", "n contrat", "numero de contrat", "contract number",
        "sys id", "key", "cle"]),
    ("type", &[
        "type", "categorie", "category", "class", "sys class name", "type d actif", "asset type"]),
    ("applicationState", &[
        "etat", "statut", "status", "state", "install status", "lifecycle", "cycle de vie",
        "lifecycle phase"]),
    ("applicationType", &[
        "type d application", "application type", "nature"]),
    ("hostingType", &[
        "hebergement", "hosting", "hosting type", "type d hebergement"]),
    ("companyName", &[
        "raison sociale", "societe", "company", "company name", "entreprise", "fournisseur",
        "vendor", "supplier", "prestataire", "nom", "name"]),
    ("contactName", &[
        "contact", "nom du contact", "contact name", "interlocuteur", "responsable",
        "proprietaire", "owner", "owned by", "managed by"]),
    ("contactPosition", &[
        "fonction", "poste", "position", "job title", "fonction du contact"]),
    ("givenName", &[
        "prenom", "first name", "given name", "firstname"]),
    ("familyName", &[
        "nom de famille", "last name", "family name", "surname", "lastname"]),
    ("email", &[
        "email", "e mail", "mail", "courriel", "adresse mail", "adresse e mail", "email address"]),
    ("phoneNumber", &[
        "telephone", "tel", "phone", "phone number", "mobile", "portable"]),
    ("address", &[
        "adresse", "address", "rue", "street", "adresse postale"]),
    ("zipCode", &[
        "code postal", "cp", "zip", "zip code", "postal code", "postcode"]),
    ("city", &[
        "ville", "city", "commune", "localite", "town"]),
    ("countryCode", &[
        "pays", "country", "code pays", "country code"]),
    ("websiteUrl", &[
        "site web", "site internet", "website", "url", "site", "web"]),
    ("immatriculationNumber", &[
        "siret", "siren", "immatriculation", "numero d immatriculation", "registration number",
        "company number", "rcs", "vat number", "numero de tva"]),
    ("dpaSignatureDate", &[
        "date de signature du dpa", "dpa signature date", "date signature dpa",
        "date de signature", "signature date", "dpa date"]),
    ("vendorType", &[
        "type de fournisseur", "vendor type", "b2b b2c"]),
    ("actorType", &[
        "type d acteur", "actor type", "personne"]),
    ("contractType", &[
        "type de contrat", "contract type", "type", "nature du contrat"]),
    ("state", &[
        "statut", "status", "etat", "state"]),
    ("startDate", &[
        "date de debut", "start date", "debut", "start", "date d effet", "effective date",
        "date debut", "valid from"]),
    ("endDate", &[
        "date de fin", "end date", "fin", "end", "echeance", "expiration", "expiry date",
        "date d expiration", "valid to", "date fin"]),
    ("amount", &[
        "montant", "amount", "prix", "price", "cout", "cost", "valeur", "value", "montant annuel"]),
    ("currency", &[
        "devise", "currency", "monnaie"]),
    ("areaId", &[
        "entite", "entity", "direction", "departement", "department", "service", "business unit",
        "bu", "organisation", "area", "filiale"]),
    ("signatories", &[
        "fournisseur", "vendor", "supplier", "prestataire", "signataire", "signataires",
        "signatory", "signatories", "cocontractant", "partenaire"]),
    ("assets", &[
        "actifs", "assets", "applications", "application", "logiciels", "systemes"]),
    ("tags", &[
        "tags", "tag", "etiquettes", "mots cles", "keywords", "labels"]),
    ("logoUrl", &[
        "logo", "logo url"]),
    ("definition", &[
        "definition", "description"]),
    ("technicalDefinition", &[
        "definition technique", "technical definition", "colonne", "column", "champ technique"]),
    ("sensitiveData", &[
        "sensible", "donnee sensible", "sensitive", "sensitive data"]),
    ("personalDataCategory", &[
        "categorie", "category", "categorie de donnees"]),
];

/// Spellings of the same meaning (compact, folded), for enum values in French and English.
#[rustfmt::skip]
pub const SAME_MEANING: &[&[&str]] = &[
    &["high", "haute", "haut", "elevee", "eleve", "forte", "fort", "importante", "important"],
    &["medium", "moyenne", "moyen", "moderee", "modere", "normale", "normal"],
    &["low", "basse", "bas", "faible"],
    &["veryhigh", "treshaute", "treselevee", "treseleve", "critique", "critical"],
    &["verylow", "tresbasse", "tresfaible", "negligeable"],
    &["inproduction", "enproduction", "production", "prod", "live", "operational", "enservice"],
    &["indevelopment", "endeveloppement", "developpement", "development", "dev", "enprojet",
        "projet", "pipeline", "build"],
    &["stopped", "arrete", "arretee", "retired", "retire", "retiree", "decommissioned",
        "horsservice", "inactif", "inactive", "obsolete", "findevie", "endoflife"],
    &["active", "actif", "encours", "envigueur", "valide", "signe", "signed"],
    &["draft", "brouillon", "enpreparation", "ennegociation", "negociation"],
    &["expired", "expire", "expiree", "echu", "echue"],
    &["terminated", "resilie", "resiliee", "termine", "terminee", "rompu"],
    &["software", "logiciel", "application", "app"],
    &["building", "batiment", "locaux"],
    &["network", "reseau"],
    &["material", "materiel", "hardware", "equipement", "serveur", "server"],
    &["data", "donnees", "donnee"],
    &["people", "personnes", "personnel"],
    &["process", "processus", "procedure"],
    &["inhouse", "interne", "eninterne", "onpremise", "onpremises", "sursite"],
    &["outsourced", "externe", "externalise", "externalisee", "cloud", "heberge"],
    &["webapp", "applicationweb", "siteweb"],
    &["other", "autre", "autres", "divers"],
    &["physical", "physique", "personnephysique"],
    &["morale", "personnemorale", "legalentity", "societe", "entreprise", "company"],
    &["none", "aucun", "aucune"],
    &["restricted", "restreint", "limite"],
    &["full", "complet", "total", "totale"],
    &["dataprocessingagreement", "dpa", "accorddetraitement", "soustraitance",
        "contratdesoustraitance", "article28"],
    &["serviceagreement", "contratdeservice", "contratdeprestation", "prestation", "service"],
    &["licence", "license", "licencelogiciel"],
    &["nondisclosure", "nda", "confidentialite", "accorddeconfidentialite"],
    &["jointcontrolleragreement", "responsabiliteconjointe", "coresponsabilite", "jointcontroller"],
];

/// A source column with a few of its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ColumnSample {
    /// The column's name.
    pub name: String,
    /// Some of its non-empty values.
    pub samples: Vec<String>,
}

impl ColumnSample {
    /// The columns of `rows` in first-seen order, each with up to `per_column` non-empty
    /// values.
    pub fn from_rows(rows: &[SourceRow], per_column: usize) -> Vec<ColumnSample> {
        let mut out: Vec<ColumnSample> = Vec::new();
        for (name, value) in rows.iter().flat_map(|r| &r.fields) {
            let i = match out.iter().position(|c| c.name == *name) {
                Some(i) => i,
                None => {
                    out.push(ColumnSample {
                        name: name.clone(),
                        samples: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            if out[i].samples.len() < per_column && !value.trim().is_empty() {
                out[i].samples.push(value.clone());
            }
        }
        out
    }
}

/// A suggested field mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// The Dastra field.
    pub target_field: String,
    /// The source column.
    pub source_column: String,
    /// How good the match looks, from [`MIN_SCORE`] to 1.
    pub score: f64,
    /// Why, in words.
    pub reason: String,
}

/// Suggest a column for as many fields of `schema` as the columns allow, best first.
pub fn suggest(columns: &[ColumnSample], schema: &TargetSchema) -> Vec<Suggestion> {
    let mut pairs: Vec<Suggestion> = Vec::new();
    for field in &schema.fields {
        for column in columns {
            if let Some(s) = score_pair(field, column).filter(|s| s.score >= MIN_SCORE) {
                pairs.push(s);
            }
        }
    }
    pairs.sort_by(|a, b| b.score.total_cmp(&a.score));

    let mut out: Vec<Suggestion> = Vec::new();
    for pair in pairs {
        let taken = out
            .iter()
            .any(|s| s.target_field == pair.target_field || s.source_column == pair.source_column);
        if !taken {
            out.push(pair);
        }
    }
    out
}

fn score_pair(field: &TargetField, column: &ColumnSample) -> Option<Suggestion> {
    let (name_score, name_reason) = name_score(&field.name, &column.name);
    let (adjusted, sample_reason) = sample_fit(field, &column.samples, name_score);
    if adjusted <= 0.0 {
        return None;
    }
    let reason = match (name_reason, sample_reason) {
        (Some(n), Some(s)) => format!("{n}; {s}"),
        (Some(n), None) => n,
        (None, Some(s)) => s,
        (None, None) => return None,
    };
    Some(Suggestion {
        target_field: field.name.clone(),
        source_column: column.name.clone(),
        score: (adjusted.min(1.0) * 100.0).round() / 100.0,
        reason,
    })
}

/// How well `header` names `field`, and why.
fn name_score(field: &str, header: &str) -> (f64, Option<String>) {
    let header_words = words(header);
    if header_words.is_empty() {
        return (0.0, None);
    }
    let own = words(field).join(" ");
    let synonyms = SYNONYMS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[][..], |(_, s)| *s);
    let candidates = std::iter::once(own.as_str()).chain(synonyms.iter().copied());

    let mut best = (0.0, None);
    for (rank, phrase) in candidates.enumerate() {
        let phrase_words: Vec<&str> = phrase.split(' ').collect();
        // Earlier synonyms are better names: "u_number" beats "sys_id" for a reference.
        let exact = 1.0 - 0.01 * rank as f64;
        let (score, how) = if header_words
            .iter()
            .map(String::as_str)
            .eq(phrase_words.iter().copied())
        {
            (exact, "is")
        } else if contains(&header_words, &phrase_words) {
            let share = phrase_words.len() as f64 / header_words.len() as f64;
            (0.5 + 0.3 * share, "contains")
        } else if similarity(header, phrase) >= 0.8 {
            (0.85 * similarity(header, phrase), "is spelled like")
        } else {
            continue;
        };
        if score > best.0 {
            let what = if rank == 0 {
                format!("the name of « {field} »")
            } else {
                format!("a usual name for « {field} »")
            };
            let reason = match how {
                "is" => format!("« {header} » is {what}"),
                _ => format!("« {header} » {how} « {phrase} », {what}"),
            };
            best = (score, Some(reason));
        }
    }
    best
}

fn contains(haystack: &[String], needle: &[&str]) -> bool {
    needle.len() <= haystack.len()
        && haystack
            .windows(needle.len())
            .any(|w| w.iter().map(String::as_str).eq(needle.iter().copied()))
}

/// The score once the samples are considered: a bonus when they look like the field's type,
/// a penalty when they do not.
fn sample_fit(field: &TargetField, samples: &[String], name: f64) -> (f64, Option<String>) {
    let samples: Vec<&str> = samples
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if samples.is_empty() {
        return (name, None);
    }
    // The share of samples that fit: a bonus when most do, a penalty when most do not, so that
    // one "n/a" does not hide a column of amounts.
    let share = |f: &dyn Fn(&str) -> bool| {
        samples.iter().filter(|s| f(s)).count() as f64 / samples.len() as f64
    };
    let dates = share(&looks_like_date);
    let numbers = share(&|s| parse::number(s, Default::default()).is_some());
    let emails = share(&|s| passerelle_matching::normalize::email(s).is_some()) >= 0.8;
    let booleans = share(&|s| parse::boolean(s).is_some());
    let longest = samples.iter().map(|s| s.chars().count()).max().unwrap_or(0);

    let too_long = field.max_length.is_some_and(|max| longest > max);
    let mut reason = None;
    let mut score = name;
    match &field.ty {
        FieldType::DateTime if dates >= 0.8 => {
            score += 0.15;
            reason = Some("its values look like dates".to_owned());
        }
        FieldType::DateTime if dates < 0.5 => score *= 0.6,
        FieldType::Integer | FieldType::Number if numbers >= 0.8 => {
            score += 0.1;
            reason = Some("its values are numbers".to_owned());
        }
        FieldType::Integer | FieldType::Number if numbers < 0.5 => score *= 0.6,
        FieldType::Boolean if booleans >= 0.8 => {
            score += 0.15;
            reason = Some("its values are yes/no words".to_owned());
        }
        FieldType::Boolean if booleans < 0.5 => score *= 0.6,
        FieldType::Enum { values } => {
            let pairs = suggest_enum_map(
                &samples.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                values,
            );
            let matched = pairs.iter().map(|(_, _, s)| s).sum::<f64>() / samples.len() as f64;
            if matched >= 0.7 {
                score = score.max(0.45) + 0.2;
                reason = Some(format!("its values read as {}", enum_targets(&pairs)));
            } else if longest > 40 {
                score *= 0.5;
            }
        }
        FieldType::String if field.name == "email" && emails => {
            score = score.max(0.4) + 0.2;
            reason = Some("its values are e-mail addresses".to_owned());
        }
        FieldType::String if dates >= 0.8 || emails && field.name != "email" => score *= 0.7,
        _ => {}
    }
    if too_long {
        score *= 0.7;
    }
    (score, reason)
}

fn enum_targets(pairs: &[(String, String, f64)]) -> String {
    let mut targets: Vec<&str> = Vec::new();
    for (_, to, _) in pairs {
        if !targets.contains(&to.as_str()) {
            targets.push(to);
        }
    }
    targets.join(", ")
}

/// A date in a usual spelling, an ISO timestamp, or an Excel serial day of this century or the
/// last (`36526` is 2000-01-01, `73051` is 2100-01-01).
fn looks_like_date(text: &str) -> bool {
    const USUAL: &[&str] = &[
        "dd/MM/yyyy",
        "yyyy-MM-dd",
        "dd.MM.yyyy",
        "dd-MM-yyyy",
        "dd/MM/yyyy HH:mm",
        "yyyy-MM-dd HH:mm:ss",
    ];
    let usual = USUAL
        .iter()
        .filter_map(|f| DateFormat::parse(f))
        .any(|f| f.read(text).is_some());
    let iso = text.len() >= 19
        && text.as_bytes().get(10) == Some(&b'T')
        && text.is_char_boundary(10)
        && DateFormat::parse("yyyy-MM-dd")
            .and_then(|f| f.read(&text[..10]))
            .is_some();
    let serial = text
        .parse::<f64>()
        .is_ok_and(|n| (25_569.0..73_051.0).contains(&n));
    usual || iso || serial
}

/// For each distinct sample value, the closest allowed value and a score, in sample order;
/// values with nothing close enough are left out.
pub fn suggest_enum_map<S: AsRef<str>>(
    samples: &[S],
    allowed: &[String],
) -> Vec<(String, String, f64)> {
    let mut out: Vec<(String, String, f64)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for sample in samples.iter().map(AsRef::as_ref) {
        let folded = compact_fold(sample);
        if folded.is_empty() || seen.contains(&folded) {
            continue;
        }
        seen.push(folded.clone());
        let best = allowed
            .iter()
            .map(|a| (a, value_score(&folded, &compact_fold(a))))
            .fold(None, |best: Option<(&String, f64)>, (a, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((a, s)),
            });
        if let Some((to, score)) = best.filter(|(_, s)| *s >= MIN_SCORE) {
            out.push((
                sample.to_owned(),
                to.clone(),
                (score * 100.0).round() / 100.0,
            ));
        }
    }
    out
}

fn value_score(sample: &str, allowed: &str) -> f64 {
    if sample == allowed {
        return 1.0;
    }
    let same_meaning = SAME_MEANING
        .iter()
        .any(|group| group.contains(&sample) && group.contains(&allowed));
    if same_meaning {
        return 0.9;
    }
    let (short, long) = if sample.len() <= allowed.len() {
        (sample, allowed)
    } else {
        (allowed, sample)
    };
    if short.chars().count() >= 3 && long.starts_with(short) {
        return 0.8;
    }
    if short.chars().count() >= 4 && long.contains(short) {
        return 0.7;
    }
    let s = similarity(sample, allowed);
    if s >= 0.6 {
        0.85 * s
    } else {
        0.0
    }
}
