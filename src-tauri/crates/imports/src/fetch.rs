//! Reading the current Dastra records of a profile's target entity, page by page.
//!
//! Records are read as JSON values, not as typed models: a plan compares and writes exactly the
//! properties a profile maps, whatever the model knows, and keeps the rest as Dastra sent it.

use passerelle_dastra::client::MAX_PAGE_SIZE;
use passerelle_dastra::filter::{Filter, Operator};
use passerelle_dastra::DastraClient;
use passerelle_mapping::Entity;
use serde_json::Value;

use crate::lean::Lean;
use crate::plan::normalize_key;
use crate::{Error, Result};

/// The collection an entity lives in, as the contract spells it (`Assets`).
pub fn collection(entity: Entity) -> &'static str {
    match entity {
        Entity::Asset => "Assets",
        Entity::Contract => "Contracts",
        Entity::Actor => "Actors",
        Entity::DataField => "DataFields",
    }
}

/// Every record of `entity` in the client's workspace, in Dastra's order, `page_size` at a
/// time (at most [`MAX_PAGE_SIZE`]).
///
/// NOTE: archived records are not listed (Dastra lists them only with `archived=true`), so an
/// archived record whose key comes back in the source is planned as a create.
pub async fn fetch_records(
    client: &DastraClient,
    entity: Entity,
    page_size: u32,
) -> Result<Vec<Value>> {
    let out = fetch_collection(client, collection(entity), page_size).await?;
    tracing::debug!(%entity, records = out.len(), "fetched the current records");
    Ok(out)
}

/// Every record of the workspace collection `name` (`Tags`), `page_size` at a time; a
/// collection answering a bare array is read in one request.
pub async fn fetch_collection(
    client: &DastraClient,
    name: &str,
    page_size: u32,
) -> Result<Vec<Value>> {
    let mut out: Vec<Value> = Vec::new();
    for_each_collection_page(client, name, page_size, |page| out.extend(page)).await?;
    Ok(out)
}

/// [`fetch_records`], handing each page to `page` as it arrives instead of collecting them,
/// so that a caller keeping less than whole records never holds them all.
pub async fn for_each_page(
    client: &DastraClient,
    entity: Entity,
    page_size: u32,
    page: impl FnMut(Vec<Value>),
) -> Result<()> {
    for_each_collection_page(client, collection(entity), page_size, page).await
}

async fn for_each_collection_page(
    client: &DastraClient,
    name: &str,
    page_size: u32,
    mut page: impl FnMut(Vec<Value>),
) -> Result<()> {
    let path = client.workspace_path(name)?;
    let size = page_size.clamp(1, MAX_PAGE_SIZE).to_string();
    let mut seen: u64 = 0;
    for number in 1u32.. {
        let text = number.to_string();
        let query = [("page", text.as_str()), ("size", size.as_str())];
        let mut answer = client.get_json(&path, &query).await?;
        // NOTE: some collections (`Tags`) answer a bare array, all at once.
        if let (1, Value::Array(items)) = (number, &mut answer) {
            page(std::mem::take(items));
            return Ok(());
        }
        let shape = |reason: &str| Error::ListShape {
            collection: name.to_owned(),
            page: number,
            reason: reason.to_owned(),
        };
        let total = answer
            .get("total")
            .and_then(Value::as_u64)
            .ok_or_else(|| shape("no total"))?;
        let Some(Value::Array(items)) = answer.get_mut("items").map(Value::take) else {
            return Err(shape("no items"));
        };
        let empty = items.is_empty();
        seen += items.len() as u64;
        page(items);
        if empty || seen >= total {
            break;
        }
    }
    Ok(())
}

/// A page of a list as a plan reads it.
#[derive(serde::Deserialize)]
struct LeanPage {
    total: Option<Lean>,
    items: Option<Vec<Lean>>,
}

/// [`for_each_page`] with each page decoded into the lighter [`Lean`] form, for plans. The
/// entities a plan targets are listed as `{items, total}` pages (never a bare array).
pub(crate) async fn for_each_lean_page(
    client: &DastraClient,
    entity: Entity,
    page_size: u32,
    mut page: impl FnMut(Vec<Lean>),
) -> Result<()> {
    let name = collection(entity);
    let path = client.workspace_path(name)?;
    let size = page_size.clamp(1, MAX_PAGE_SIZE).to_string();
    let mut seen: u64 = 0;
    for number in 1u32.. {
        let text = number.to_string();
        let query = [("page", text.as_str()), ("size", size.as_str())];
        let answer: LeanPage = client.get_json_as(&path, &query).await?;
        let shape = |reason: &str| Error::ListShape {
            collection: name.to_owned(),
            page: number,
            reason: reason.to_owned(),
        };
        let total = match answer.total {
            Some(Lean::Number(n)) => n.as_u64().ok_or_else(|| shape("no total"))?,
            _ => return Err(shape("no total")),
        };
        let items = answer.items.ok_or_else(|| shape("no items"))?;
        let empty = items.is_empty();
        seen += items.len() as u64;
        page(items);
        if empty || seen >= total {
            break;
        }
    }
    tracing::debug!(%entity, records = seen, "fetched the current records");
    Ok(())
}

/// The records of `entity` whose `key_field` equals `key` once both are trimmed and lowercased
/// ([`normalize_key`]), read through a filtered list (500 at most).
pub async fn records_with_key(
    client: &DastraClient,
    entity: Entity,
    key_field: &str,
    key: &str,
) -> passerelle_dastra::Result<Vec<Value>> {
    let path = client.workspace_path(collection(entity))?;
    let filter = Filter::rule(key_field, Operator::Equal, key.trim()).to_query_value();
    let query = [("filters", filter.as_str()), ("size", "500")];
    let mut answer = client.get_json(&path, &query).await?;
    let wanted = normalize_key(key);
    let Some(Value::Array(items)) = answer.get_mut("items").map(Value::take) else {
        return Ok(Vec::new());
    };
    Ok(items
        .into_iter()
        .filter(|r| r[key_field].as_str().map(normalize_key).as_deref() == Some(&wanted))
        .collect())
}
