//! Single-record operations, raw JSON calls and the utility routes.
//!
//! Dastra answers every success with 200, with or without a body depending on the route (see
//! API-NOTES §2.1): a `POST` on DataSubjectRequests answers a "light" DTO, most `PATCH`es
//! answer nothing. So the typed writes come in two forms: one that ignores the answer (or, for
//! [`DastraClient::create`], decodes it as `R`), and an `_as` form that decodes it as the caller
//! says. A decode failure after a `POST` or `PATCH` means the write happened but its answer could
//! not be read.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::send::Call;
use super::DastraClient;
use crate::error::Result;
use crate::models::WorkSpaceDto;
use crate::patch::PatchOp;
use crate::resource::Resource;

impl DastraClient {
    /// `GET /{Collection}/{id}`.
    ///
    /// Errors: [`crate::Error::NotFound`] when there is no such record.
    pub async fn get<R: Resource>(&self, id: &R::Id) -> Result<R> {
        let path = self.item_path::<R>(id)?;
        self.call_json(Call::new(Method::GET, &path)).await
    }

    /// `POST /{Collection}`: create `record` and decode the answer as `R` (the created record,
    /// with its id). For routes that answer a light DTO or nothing, use
    /// [`DastraClient::create_as`].
    ///
    /// Not retried once the request may have reached the server: a failure then is
    /// [`crate::Error::OutcomeUnknown`].
    pub async fn create<R: Resource>(&self, record: &R) -> Result<R> {
        self.create_as::<R, R>(record).await
    }

    /// `POST /{Collection}`, decoding the answer as `Out` (`()` or `Option<_>` accept an empty
    /// answer; `serde_json::Value` accepts anything).
    pub async fn create_as<R: Resource, Out: DeserializeOwned>(&self, record: &R) -> Result<Out> {
        let path = self.collection_path::<R>()?;
        self.call_json(Call::new(Method::POST, &path).json(record)?)
            .await
    }

    /// `PUT /{Collection}/{id}`: replace the record whole with `record`; the answer is dropped.
    ///
    /// Fields the model does not know are sent back as they were read, so a read-modify-write
    /// loses nothing.
    pub async fn put<R: Resource>(&self, id: &R::Id, record: &R) -> Result<()> {
        let path = self.item_path::<R>(id)?;
        self.call_unit(Call::new(Method::PUT, &path).json(record)?)
            .await
    }

    /// `PUT /{Collection}/{id}`, decoding the answer as `Out` (usually `R`).
    pub async fn put_as<R: Resource, Out: DeserializeOwned>(
        &self,
        id: &R::Id,
        record: &R,
    ) -> Result<Out> {
        let path = self.item_path::<R>(id)?;
        self.call_json(Call::new(Method::PUT, &path).json(record)?)
            .await
    }

    /// `PATCH /{Collection}/{id}` with an RFC 6902 patch (`application/json-patch+json`); see
    /// [`crate::patch::diff`] to compute one. The answer is dropped.
    ///
    /// Not retried once the request may have reached the server: a failure then is
    /// [`crate::Error::OutcomeUnknown`].
    pub async fn patch<R: Resource>(&self, id: &R::Id, ops: &[PatchOp]) -> Result<()> {
        let path = self.item_path::<R>(id)?;
        self.call_unit(Call::new(Method::PATCH, &path).json(ops)?)
            .await
    }

    /// `DELETE /{Collection}/{id}` (irreversible on Dastra).
    pub async fn delete<R: Resource>(&self, id: &R::Id) -> Result<()> {
        let path = self.item_path::<R>(id)?;
        self.call_unit(Call::new(Method::DELETE, &path)).await
    }

    /// `DELETE /{Collection}` with the ids as a JSON array body: the batch delete of the 2023
    /// contract. Dastra's 2024 endpoint list names `POST /{Collection}/batch-delete` instead;
    /// its body is undocumented, so it is not used (reach it with [`DastraClient::send_json`]).
    /// An empty `ids` sends nothing.
    pub async fn delete_many<R: Resource>(&self, ids: &[R::Id]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let path = self.collection_path::<R>()?;
        self.call_unit(Call::new(Method::DELETE, &path).json(ids)?)
            .await
    }

    /// `POST /{Collection}/workflow` with `{id, stepId}`: move a record to a workflow step.
    pub async fn move_workflow<R: Resource>(&self, id: &R::Id, step_id: i32) -> Result<()> {
        let path = format!("{}/workflow", self.collection_path::<R>()?);
        let body = serde_json::json!({ "id": id, "stepId": step_id });
        self.call_unit(Call::new(Method::POST, &path).json(&body)?)
            .await
    }

    /// `GET path?query` decoded as JSON (`Value::Null` for an empty answer). `path` is below the
    /// base URL (`/v1/ws/12/Assets/stats`; see [`DastraClient::workspace_path`]).
    pub async fn get_json(&self, path: &str, query: &[(&str, &str)]) -> Result<Value> {
        let query: Vec<_> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.call_json(Call::new(Method::GET, path).query(&query))
            .await
    }

    /// [`DastraClient::get_json`] decoded straight into `T` rather than into a `Value` (a page
    /// of records read into a lighter form, for instance). Retried by the same rules.
    pub async fn get_json_as<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T> {
        let query: Vec<_> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.call_json(Call::new(Method::GET, path).query(&query))
            .await
    }

    /// Any method on `path` with an optional JSON body (`application/json-patch+json` for
    /// `PATCH`), answer decoded as JSON (`Value::Null` when empty). Retried by the same rules as
    /// the typed calls.
    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value> {
        let call = Call::new(method, path);
        let call = match body {
            Some(body) => call.json(body)?,
            None => call,
        };
        self.call_json(call).await
    }

    /// `GET /v1/WorkSpaces`: the workspaces the key can see (no workspace id needed). Accepts
    /// the contract's `{workSpaces: [...]}`, the documented `{items, total}` and a bare array.
    pub async fn workspaces(&self) -> Result<Vec<WorkSpaceDto>> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Envelope {
            Items {
                items: Vec<Value>,
            },
            WorkSpaces {
                #[serde(rename = "workSpaces")]
                work_spaces: Option<Vec<Value>>,
            },
            Bare(Vec<Value>),
        }

        let path = "/v1/WorkSpaces";
        let list = match self
            .call_json::<Envelope>(Call::new(Method::GET, path))
            .await?
        {
            Envelope::Items { items } | Envelope::Bare(items) => items,
            Envelope::WorkSpaces { work_spaces } => work_spaces.unwrap_or_default(),
        };
        super::send::decode_value(Value::Array(list), Method::GET, path.to_owned())
    }

    /// `GET /me`: the authenticated principal (no schema in the contract).
    pub async fn me(&self) -> Result<Value> {
        self.call_json(Call::new(Method::GET, "/me")).await
    }

    /// `GET /rate-limiting-state`: the server's view of this key's rate limit (no schema in the
    /// contract).
    pub async fn rate_limiting_state(&self) -> Result<Value> {
        self.call_json(Call::new(Method::GET, "/rate-limiting-state"))
            .await
    }
}
