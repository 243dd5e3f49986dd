//! `POST /Assets/import` (CSV) and `POST /Assets/import/json`, under the assumed shape (see the
//! crate docs): multipart part `file`, optional part `update`; one result per row.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::crud::{api_user, show};
use super::{json_reply, resolve, Target};
use crate::error::ApiError;
use crate::state::SandboxState;
use crate::store::id_key;
use crate::validate::validate_body;
use crate::views::{complete_new, keep_server_fields, strip_for_store};

/// AssetDto properties a CSV column may name (matched ignoring case).
const COLUMNS: &[&str] = &[
    "label",
    "type",
    "ref",
    "description",
    "logoUrl",
    "address",
    "zipCode",
    "city",
    "countryCode",
    "applicationState",
    "applicationType",
    "hostingType",
    "developmentType",
    "maintenanceType",
    "supportType",
    "readonly",
];

/// `POST /v1/ws/{ws}/Assets/import`: a `;`-separated UTF-8 CSV with a header row.
pub(crate) async fn csv(
    State(state): State<SandboxState>,
    Path(ws): Path<String>,
    form: Multipart,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "Assets")?;
    let (file, update) = read_form(form).await?;
    let text = String::from_utf8(file)
        .map_err(|_| ApiError::field("file", "The CSV file must be UTF-8."))?;
    let rows = parse_csv(text.trim_start_matches('\u{feff}'));
    let mut rows = rows.into_iter();
    let header: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(|h| column(h))
        .collect();
    if header.is_empty() || header.iter().all(String::is_empty) {
        return Err(ApiError::field(
            "file",
            "The CSV file needs a header row of asset properties.",
        ));
    }
    let records: Vec<Value> = rows
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .map(|r| {
            let mut obj = Map::new();
            for (name, cell) in header.iter().zip(r) {
                let cell = cell.trim();
                if name.is_empty() || cell.is_empty() {
                    continue;
                }
                let value = if name == "readonly" {
                    Value::Bool(cell.eq_ignore_ascii_case("true") || cell == "1")
                } else {
                    Value::from(cell)
                };
                obj.insert(name.clone(), value);
            }
            Value::Object(obj)
        })
        .collect();
    Ok(json_reply(Value::Array(import(
        &state, &t, records, update,
    ))))
}

/// `POST /v1/ws/{ws}/Assets/import/json`: a JSON array of `AssetDto`.
pub(crate) async fn json(
    State(state): State<SandboxState>,
    Path(ws): Path<String>,
    form: Multipart,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "Assets")?;
    let (file, update) = read_form(form).await?;
    let parsed: Value = serde_json::from_slice(&file)
        .map_err(|e| ApiError::field("file", format!("The file is not valid JSON: {e}.")))?;
    let Value::Array(records) = parsed else {
        return Err(ApiError::field(
            "file",
            "The file must hold a JSON array of assets.",
        ));
    };
    Ok(json_reply(Value::Array(import(
        &state, &t, records, update,
    ))))
}

/// Read the `file` and `update` parts (any case).
async fn read_form(mut form: Multipart) -> Result<(Vec<u8>, bool), ApiError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::field(
            "file",
            format!("The multipart body could not be read: {}", e.body_text()),
        )
    };
    let (mut file, mut update) = (None, false);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_ascii_lowercase();
        match name.as_str() {
            "file" => file = Some(field.bytes().await.map_err(bad)?.to_vec()),
            "update" => {
                update = field
                    .text()
                    .await
                    .map_err(bad)?
                    .trim()
                    .eq_ignore_ascii_case("true")
            }
            _ => {}
        }
    }
    let file =
        file.ok_or_else(|| ApiError::field("file", "A multipart part named file is required."))?;
    Ok((file, update))
}

/// Validate and store each record; with `update`, a record whose `ref` matches an existing
/// asset replaces the fields it gives.
fn import(state: &SandboxState, t: &Target, records: Vec<Value>, update: bool) -> Vec<Value> {
    let now = state.now();
    let results: Vec<Value> = state.mutate(|store| {
        records
            .into_iter()
            .map(|mut record| {
                let label = record["label"].clone();
                if !record.is_object() {
                    return outcome(
                        false,
                        Value::Null,
                        label,
                        Some("a row must be an object".into()),
                    );
                }
                strip_for_store(t.spec, &mut record);
                for key in ["id", "dateCreation", "dateUpdate", "creator"] {
                    record.as_object_mut().expect("checked above").remove(key);
                }
                let existing = match (update, record["ref"].as_str()) {
                    (true, Some(r)) => store
                        .collection(t.ws, "Assets")
                        .and_then(|c| c.values().find(|a| a["ref"].as_str() == Some(r)))
                        .cloned(),
                    _ => None,
                };
                let candidate = match &existing {
                    Some(old) => {
                        let mut merged = old.clone();
                        for (k, v) in record.as_object().expect("checked above") {
                            merged[k] = v.clone();
                        }
                        keep_server_fields(t.spec, old, &mut merged, now);
                        merged
                    }
                    None => record,
                };
                let mut visible = candidate.clone();
                crate::store::strip_private(&mut visible);
                if let Err(ApiError::Validation(errors)) = validate_body("AssetDto", &visible) {
                    let message = errors
                        .values()
                        .flatten()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    return outcome(false, Value::Null, label, Some(message));
                }
                let (item, verb) = match existing {
                    Some(_) => (candidate, "updated"),
                    None => (
                        complete_new(store, t.ws, t.spec, candidate, api_user(store), now),
                        "created",
                    ),
                };
                let id = item["id"].clone();
                let key = id_key(&id).expect("BUG: assets have ids");
                store
                    .collection_mut(t.ws, "Assets")
                    .insert(key, item.clone());
                let label = show(store, t, &item, now)["label"].clone();
                outcome(true, id, label, Some(verb.into()))
            })
            .collect()
    });
    let ok = results.iter().filter(|r| r["success"] == true).count();
    tracing::debug!(rows = results.len(), ok, update, "assets imported");
    results
}

fn outcome(success: bool, id: Value, label: Value, message: Option<String>) -> Value {
    let label = if label.is_string() {
        label
    } else {
        Value::Null
    };
    json!({ "success": success, "id": id, "label": label, "message": message })
}

/// A header cell → the AssetDto property it names (case-insensitive), else the cell itself.
fn column(header: &str) -> String {
    let h = header.trim();
    COLUMNS
        .iter()
        .find(|c| c.eq_ignore_ascii_case(h))
        .map_or_else(|| h.to_string(), |c| c.to_string())
}

/// Split `;`-separated text into rows of cells; quotes (`"a;b"`, `""`) and CRLF are handled.
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_split_on_semicolons_outside_quotes() {
        let rows = parse_csv("label;description\r\n\"SAP; prod\";\"dit \"\"ERP\"\"\"\nB;\n");
        assert_eq!(rows.len(), 3, "header and two rows");
        assert_eq!(
            rows[1],
            ["SAP; prod", "dit \"ERP\""],
            "quotes protect separators"
        );
        assert_eq!(rows[2], ["B", ""], "a trailing empty cell is kept");
    }

    #[test]
    fn headers_map_to_asset_properties_ignoring_case() {
        assert_eq!(column(" ApplicationState "), "applicationState");
        assert_eq!(column("REF"), "ref");
        assert_eq!(
            column("colour"),
            "colour",
            "unknown columns are kept for validation"
        );
    }
}
