//! A planted subject, Élodie Dupont-Martin, and records that mention her in many spellings,
//! next to decoys that must not rise above "possible".

use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_matching::{
    Confidence, Identifier, IdentifierKind, IdentitySet, Lang, MatchOptions, Matcher, RecordMatch,
    Rule, TermMatch,
};

fn subject() -> IdentitySet {
    let request = DataSubjectRequestDto {
        given_name: Some("Élodie".into()),
        family_name: Some("Dupont-Martin".into()),
        email: Some("elodie.dupont@example.fr".into()),
        phone_number: Some("06 12 34 56 78".into()),
        zip_code: Some("69003".into()),
        city: Some("Lyon".into()),
        ..Default::default()
    };
    let mut set = IdentitySet::from_request(&request);
    let card = Identifier::added(IdentifierKind::CustomerNumber, "CL-004512");
    set.add(card).expect("a customer number");
    set
}

fn matcher() -> Matcher {
    Matcher::new(&subject(), &MatchOptions::default())
}

fn grade(record: &[(&str, &str)]) -> Option<RecordMatch> {
    let found = matcher().match_record(record);
    if let Some(found) = &found {
        for lang in [Lang::Fr, Lang::En] {
            assert!(
                !found.explain(lang).is_empty(),
                "{record:?} is explained in {lang:?}"
            );
        }
    }
    found
}

fn confidence(record: &[(&str, &str)]) -> Option<Confidence> {
    grade(record).map(|m| m.confidence)
}

#[test]
fn her_identifiers_match_in_every_spelling_with_the_right_confidence() {
    use Confidence::*;
    type Case<'a> = (&'a [(&'a str, &'a str)], Option<Confidence>);
    let cases: &[Case] = &[
        (&[("nom_complet", "ELODIE DUPONT MARTIN")], Some(Likely)),
        (&[("client", "Dupont Martin, Elodie")], Some(Likely)),
        (
            &[("prenom", "elodie"), ("nom", "DUPONT-MARTIN")],
            Some(Likely),
        ),
        (&[("email", "Elodie.Dupont@Example.FR")], Some(Certain)),
        (&[("email", "elodie.dupont+shop@example.fr")], Some(Certain)),
        (&[("email", "e.dupont+shop@example.fr")], Some(Possible)),
        (&[("tel", "+33 6 12 34 56 78")], Some(Certain)),
        (&[("tel", "0612345678")], Some(Certain)),
        (
            &[("notes", "rappeler au 06.12.34.56.78 après 18h")],
            Some(Certain),
        ),
        (&[("ref", "cl004512")], Some(Certain)),
        (
            &[("log", "order by customer CL 004512 shipped")],
            Some(Certain),
        ),
        (
            &[
                ("nom", "Dupont-Martin"),
                ("prenom", "Élodie"),
                ("cp", "69003"),
            ],
            Some(Certain),
        ),
        (
            &[("name", "Élodie Dupont-Martin"), ("ville", "LYON")],
            Some(Certain),
        ),
        (&[("nom", "Dupont-Martin")], Some(Possible)),
        (&[("prenom", "Élodie")], None),
        (
            &[("nom", "Élodie"), ("prenom", "DUPONT-MARTIN")],
            Some(Likely),
        ),
        (
            &[
                ("Nom", "ELODIE"),
                ("Prénom", "Dupont Martin"),
                ("ville", "Lyon"),
            ],
            Some(Likely),
        ),
    ];
    for (record, expected) in cases {
        assert_eq!(confidence(record), *expected, "{record:?}");
    }
}

#[test]
fn decoys_stay_at_possible_or_below() {
    let namesake = grade(&[
        ("nom", "Élodie Dupont"),
        ("email", "elodie.dupont@autre.fr"),
    ])
    .expect("a namesake is worth a look");
    assert_eq!(namesake.confidence, Confidence::Possible);
    assert!(
        namesake.explain(Lang::En).contains("different e-mail"),
        "{}",
        namesake.explain(Lang::En)
    );

    let full_namesake = grade(&[
        ("nom", "Élodie Dupont-Martin"),
        ("email", "elodie.dupont@autre.fr"),
    ])
    .expect("a full namesake is worth a look");
    assert_eq!(
        full_namesake.confidence,
        Confidence::Possible,
        "downgraded from likely"
    );
    assert!(full_namesake
        .explain(Lang::Fr)
        .contains("autre adresse e-mail"));

    assert_eq!(
        confidence(&[("tel", "06 12 34 56 79")]),
        None,
        "a neighbour's phone"
    );
    assert_eq!(confidence(&[("notes", "appeler le 06 12 34 56 79")]), None);
    assert!(confidence(&[("nom", "Martin Dupond")]) <= Some(Confidence::Possible));
    assert_eq!(
        confidence(&[("nom", "Élodie"), ("prenom", "Moreau"), ("ville", "Lyon")]),
        None,
        "an Élodie Moreau with her names swapped shares only the given name"
    );
    assert_eq!(
        confidence(&[("nom", "Paul"), ("prenom", "Dupont-Martin")]),
        None,
        "a Paul Dupont-Martin with his names swapped shares only the family name"
    );
    assert!(
        confidence(&[("nom", "Élodie"), ("prenom", "Dupont")]) <= Some(Confidence::Possible),
        "her given name and part of her family name, swapped"
    );
    assert_eq!(
        confidence(&[("ref", "CL-004513")]),
        None,
        "another customer"
    );
    assert_eq!(
        confidence(&[("email", "elodie.dupont@example.com")]),
        None,
        "another domain"
    );
}

#[test]
fn a_shared_phone_with_another_email_is_only_likely() {
    let shared = grade(&[
        ("tel", "06 12 34 56 78"),
        ("email", "marc.dupont@example.fr"),
    ])
    .expect("her phone");
    assert_eq!(shared.confidence, Confidence::Likely);
}

#[test]
fn hits_point_at_the_original_text() {
    let value = "Mme ÉLODIE Dupont-Martin (06 12 34 56 78) écrit depuis elodie.dupont@example.fr";
    let hits = matcher().match_value(None, value);
    let found: Vec<(IdentifierKind, &str)> = hits
        .iter()
        .map(|h| (h.kind, &value[h.span.clone()]))
        .collect();
    assert_eq!(
        found,
        [
            (IdentifierKind::FullName, "ÉLODIE Dupont-Martin"),
            (IdentifierKind::Phone, "06 12 34 56 78"),
            (IdentifierKind::Email, "elodie.dupont@example.fr"),
        ],
        "the name inside the address is not a second name hit"
    );
    assert!(hits.iter().all(|h| h.matched == value[h.span.clone()]));
    let phone = &hits[1].rule;
    assert_eq!(
        phone.describe(Lang::En),
        "same phone number written differently (06 12 34 56 78 → +33612345678)"
    );
    assert!(matches!(
        hits[0].rule,
        Rule::NameTokens {
            accents_folded: false,
            ..
        }
    ));
}

#[test]
fn search_terms_give_what_a_database_can_prefilter_on() {
    let terms: Vec<(TermMatch, String)> = matcher()
        .search_terms()
        .into_iter()
        .map(|t| (t.how, t.text))
        .collect();
    let has = |how, text: &str| terms.contains(&(how, text.to_owned()));
    assert!(
        has(TermMatch::Contains, "elodie.dupont@example.fr"),
        "{terms:?}"
    );
    assert!(
        has(TermMatch::Contains, "elodie.dupont"),
        "the local part, for aliases"
    );
    assert!(has(TermMatch::Digits, "612345678"));
    assert!(has(TermMatch::Compact, "CL004512"));
    for token in ["elodie", "dupont", "martin"] {
        assert!(has(TermMatch::Contains, token), "{token}");
    }
    assert!(
        !terms.iter().any(|(_, t)| t == "69003" || t == "lyon"),
        "corroborators only"
    );
}

#[test]
fn record_matches_serialise_for_the_review_screen() {
    let found = grade(&[("email", "elodie.dupont@example.fr")]).expect("her e-mail");
    let json = serde_json::to_value(&found).expect("serialises");
    assert_eq!(json["confidence"], "certain");
    assert_eq!(json["hits"][0]["hit"]["rule"]["rule"], "emailExact");
    let back: RecordMatch = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back, found);
}
