//! Profiles as files: they round-trip, and a bad or newer one is refused with a clear message.

use passerelle_mapping::{Error, ProblemKind, Profile, PROFILE_VERSION};

use crate::problem;
use crate::sources::{CONTRACTS_PROFILE, LEANIX_PROFILE, SERVICENOW_PROFILE, VENDORS_PROFILE};

#[test]
fn every_profile_round_trips_through_json() {
    for text in [
        SERVICENOW_PROFILE,
        LEANIX_PROFILE,
        VENDORS_PROFILE,
        CONTRACTS_PROFILE,
    ] {
        let profile = Profile::from_json(text).expect("a valid profile");
        let again = Profile::from_json(&profile.to_json()).expect("what we write, we read");
        assert_eq!(again, profile, "{}", profile.id);
    }
}

#[test]
fn a_profile_from_a_newer_version_is_refused() {
    let newer = SERVICENOW_PROFILE.replacen("\"version\": 1", "\"version\": 99", 1);
    let error = Profile::from_json(&newer).expect_err("version 99 is not readable");
    assert!(
        matches!(
            error,
            Error::NewerVersion {
                found: 99,
                supported: PROFILE_VERSION
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "mapping profile error: the profile uses format version 99, and this Passerelle reads up \
         to version 1: update Passerelle to open it"
    );
    let newer_with_new_fields =
        newer.replacen("\"fields\"", "\"futureThing\": true, \"fields\"", 1);
    assert!(
        matches!(
            Profile::from_json(&newer_with_new_fields),
            Err(Error::NewerVersion { .. })
        ),
        "the version is read before any unknown field"
    );
}

#[test]
fn profiles_without_a_version_or_with_unknown_fields_are_refused() {
    let unversioned = SERVICENOW_PROFILE.replacen("\"version\": 1,", "", 1);
    assert!(matches!(
        Profile::from_json(&unversioned),
        Err(Error::NoVersion)
    ));
    let typo = SERVICENOW_PROFILE.replacen("\"column\": \"name\"", "\"colum\": \"name\"", 1);
    let error = Profile::from_json(&typo).expect_err("a typo is not ignored");
    assert!(
        error.to_string().contains("unknown field `colum`"),
        "{error}"
    );
    let bad_op = SERVICENOW_PROFILE.replacen("\"op\": \"upper\"", "\"op\": \"shout\"", 1);
    assert!(matches!(Profile::from_json(&bad_op), Err(Error::Json(_))));
}

#[test]
fn profiles_that_do_not_fit_their_target_are_refused() {
    let unknown =
        SERVICENOW_PROFILE.replacen("\"target\": \"description\"", "\"target\": \"owner\"", 1);
    let error = Profile::from_json(&unknown).expect_err("assets have no owner field");
    assert!(
        error.to_string().starts_with("mapping profile error: asset has no writable field \"owner\"; writable fields are: label, address,"),
        "{error}"
    );
    let server_set = SERVICENOW_PROFILE.replacen(
        "\"target\": \"description\"",
        "\"target\": \"dateCreation\"",
        1,
    );
    assert!(
        matches!(
            Profile::from_json(&server_set),
            Err(Error::UnknownField { .. })
        ),
        "Dastra sets dateCreation"
    );
    let twice =
        SERVICENOW_PROFILE.replacen("\"target\": \"description\"", "\"target\": \"label\"", 1);
    assert!(matches!(
        Profile::from_json(&twice),
        Err(Error::DuplicateField { .. })
    ));
    let bad_enum = SERVICENOW_PROFILE.replacen("\"7\": \"Stopped\"", "\"7\": \"Retired\"", 1);
    assert_eq!(
        Profile::from_json(&bad_enum).expect_err("Retired is not an ApplicationState").to_string(),
        "mapping profile error: the value map for \"applicationState\" sends \"7\" to \"Retired\", \
         which is not one of InProduction, InDevelopment, Stopped"
    );
    let bad_date = CONTRACTS_PROFILE.replacen("[\"dd/MM/yyyy\", \"excel\"]", "[\"jj/mm/aaaa\"]", 1);
    assert!(matches!(
        Profile::from_json(&bad_date),
        Err(Error::DateFormat { .. })
    ));
}

#[test]
fn missing_columns_are_reported_once_with_the_closest_header() {
    let profile = Profile::from_json(VENDORS_PROFILE).expect("a valid profile");
    let headers = [
        "Raison sociale",
        "SIRET",
        "Adresse",
        "Code postal",
        "Ville",
        "Pays",
        "Contact",
        "E-mail",
        "Telephone",
        "Type de client",
    ];
    let problems = profile.check_columns(&headers);
    let problems: Vec<_> = problems.iter().map(problem).collect();
    assert_eq!(
        problems,
        vec![
            (ProblemKind::MissingColumn, Some("Téléphone"), Some("phoneNumber"),
             "column « Téléphone »: the source has no such column: did you mean « Telephone »? \
              Rename the column or edit the mapping"),
            (ProblemKind::MissingColumn, Some("Date de signature du DPA"), Some("dpaSignatureDate"),
             "column « Date de signature du DPA »: the source has no such column: add the column \
              to the source, or edit the mapping"),
        ]
    );
    let all = [
        "Raison sociale",
        "SIRET",
        "Adresse",
        "Code postal",
        "Ville",
        "Pays",
        "Contact",
        "E-mail",
        "Téléphone",
        "Date de signature du DPA",
        "Type de client",
    ];
    assert_eq!(profile.check_columns(&all), vec![], "every column is there");
}

#[test]
fn a_field_ending_on_a_look_up_says_which_kind_of_record_it_finds() {
    let profile = Profile::from_json(SERVICENOW_PROFILE).expect("a valid profile");
    let kinds: Vec<(&str, Option<passerelle_mapping::LookupKind>)> = profile
        .fields
        .iter()
        .map(|f| (f.target.as_str(), f.lookup_kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("label", None),
            ("description", None),
            ("type", None),
            ("applicationState", None),
            ("hostingType", None),
            ("tags", Some(passerelle_mapping::LookupKind::Tag)),
        ]
    );
}
