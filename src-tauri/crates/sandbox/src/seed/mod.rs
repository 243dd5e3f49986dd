//! The seeded organisation: "Groupe Ormeaux", a French retailer with a head office, an online
//! shop, a Lyon subsidiary and a small health workspace.
//!
//! Everything comes from one [`ChaCha8Rng`] seeded with [`SeedOptions::seed`] and dates count
//! back from [`SeedOptions::today`], so the same options always give the same store. Every item
//! follows its contract response schema (a test checks it).

mod catalog;
mod data;
mod org;
mod records;
mod requests;

use chrono::{DateTime, Duration, DurationRound, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use crate::options::SeedOptions;
use crate::store::{Store, STORE_VERSION};

/// The main workspace.
pub const MAIN_WORKSPACE: i32 = 1;
/// The second, smaller workspace.
pub const HEALTH_WORKSPACE: i32 = 2;

/// Build the seeded store.
pub fn seed(options: &SeedOptions) -> Store {
    let today = options.today.unwrap_or_else(Utc::now);
    let today = today.duration_trunc(Duration::seconds(1)).unwrap_or(today);
    let mut s = Seeder {
        rng: ChaCha8Rng::seed_from_u64(options.seed),
        today,
        store: Store {
            version: STORE_VERSION,
            tenant_id: 1,
            tenant_label: "Groupe Ormeaux".into(),
            ..Store::default()
        },
    };

    let org = org::seed_organisation(&mut s);
    let actors = catalog::seed_actors(&mut s, MAIN_WORKSPACE, options.actors, &org);
    let assets = catalog::seed_assets(&mut s, MAIN_WORKSPACE, options.assets, &org, &actors);
    catalog::seed_contracts(
        &mut s,
        MAIN_WORKSPACE,
        options.contracts,
        &org,
        &actors,
        &assets,
    );
    catalog::seed_relationships(&mut s, MAIN_WORKSPACE, &actors, &assets);
    records::seed_data_fields(&mut s, MAIN_WORKSPACE, &org);
    let processings = records::seed_processings(&mut s, MAIN_WORKSPACE, &org);
    let requests = requests::seed_requests(&mut s, MAIN_WORKSPACE, options.requests, &org.main);
    records::seed_tasks(
        &mut s,
        MAIN_WORKSPACE,
        &org.main,
        &requests,
        &processings,
        &actors,
    );

    let health = org.health.clone();
    let health_actors = catalog::seed_actors(&mut s, HEALTH_WORKSPACE, 4, &org);
    catalog::seed_assets(&mut s, HEALTH_WORKSPACE, 8, &org, &health_actors);
    requests::seed_requests(&mut s, HEALTH_WORKSPACE, 6, &health);
    tracing::debug!(seed = options.seed, %today, "sandbox seeded");
    s.store
}

/// `value` when `cond` holds, else `null`.
pub(crate) fn when(cond: bool, value: impl Into<Value>) -> Value {
    if cond {
        value.into()
    } else {
        Value::Null
    }
}

/// The seeding context: the generator, the date it counts from, the store being filled.
pub(crate) struct Seeder {
    rng: ChaCha8Rng,
    today: DateTime<Utc>,
    store: Store,
}

impl Seeder {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items
            .choose(&mut self.rng)
            .expect("BUG: picking from an empty table")
    }

    /// Pick by weight: `(value, weight)`.
    fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.rng.gen_range(0..total);
        for (v, w) in items {
            if n < *w {
                return v;
            }
            n -= w;
        }
        &items[items.len() - 1].0
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn range(&mut self, r: std::ops::Range<i64>) -> i64 {
        self.rng.gen_range(r)
    }

    fn uuid(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.gen())
            .into_uuid()
            .to_string()
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.gen_range(0..16), 16).expect("hex"))
            .collect()
    }

    /// A working-hours moment `days` days before today (never after today).
    fn days_ago(&mut self, days: i64) -> DateTime<Utc> {
        let midnight = self
            .today
            .duration_trunc(Duration::days(1))
            .unwrap_or(self.today);
        let minutes = self.rng.gen_range(7 * 60..19 * 60);
        (midnight - Duration::days(days) + Duration::minutes(minutes)).min(self.today)
    }

    /// A moment a random number of days (in `days`) before today.
    fn days_ago_in(&mut self, days: std::ops::Range<i64>) -> DateTime<Utc> {
        let n = self.range(days);
        self.days_ago(n)
    }

    fn int_id(&mut self, collection: &str) -> i32 {
        self.store.next_int_id(collection)
    }

    fn put(&mut self, ws: Option<i32>, collection: &str, item: Value) {
        self.store.insert(ws, collection, item);
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn options() -> SeedOptions {
        SeedOptions {
            today: Some(Utc.with_ymd_and_hms(2025, 3, 10, 9, 0, 0).unwrap()),
            ..SeedOptions::default()
        }
    }

    #[test]
    fn the_same_options_seed_the_same_store() {
        assert_eq!(
            seed(&options()),
            seed(&options()),
            "seeding is deterministic"
        );
        let other = SeedOptions {
            seed: 7,
            ..options()
        };
        assert_ne!(
            seed(&options()),
            seed(&other),
            "another seed gives other data"
        );
    }

    #[test]
    fn the_main_workspace_has_the_agreed_counts() {
        let store = seed(&options());
        let count = |name: &str| {
            store
                .collection(Some(MAIN_WORKSPACE), name)
                .map_or(0, |c| c.len())
        };
        assert_eq!(count("DataSubjectRequests"), 40, "about 40 requests");
        assert_eq!(count("Assets"), 150, "150 assets");
        assert_eq!(count("Actors"), 60, "60 actors");
        assert_eq!(count("Contracts"), 25, "25 contracts");
        assert!(
            count("DataFields") >= 10 && count("DataProcessings") >= 10,
            "catalogues filled"
        );
        assert!(
            count("Tasks") >= 15 && count("GenericRelationships") >= 20,
            "work and links"
        );
    }

    #[test]
    fn asset_refs_are_unique() {
        let store = seed(&SeedOptions {
            assets: 2_000,
            ..options()
        });
        let assets = store.collection(Some(MAIN_WORKSPACE), "Assets").unwrap();
        let mut refs: Vec<&str> = assets.values().filter_map(|a| a["ref"].as_str()).collect();
        let n = refs.len();
        refs.sort_unstable();
        refs.dedup();
        assert_eq!(n, 2_000, "every asset has a ref");
        assert_eq!(refs.len(), n, "refs are unique");
    }
}
