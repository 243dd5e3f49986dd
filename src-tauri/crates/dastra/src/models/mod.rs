//! Typed models of the Dastra resources Passerelle uses.
//!
//! Almost everything here is generated from the merged contract (see [`crate::contract`]):
//! field names, types, enums, maximum lengths (in the docs) and required fields follow the
//! document. Every struct keeps the fields it does not know in `extra` and sends them back, so
//! a read-modify-write never drops data; every enum keeps unknown values in `Unrecognized`.

#[rustfmt::skip]
mod generated;
mod timestamp;

pub use generated::*;
pub use timestamp::Timestamp;
use uuid::Uuid;

use crate::resource::{ListShape, Resource, Scope};

macro_rules! resource {
    ($ty:ty, $id:ty, $collection:literal, $scope:ident, $list:ident) => {
        impl Resource for $ty {
            type Id = $id;
            const COLLECTION: &'static str = $collection;
            const SCOPE: Scope = Scope::$scope;
            const LIST: ListShape = ListShape::$list;
            const SCHEMA: &'static str = stringify!($ty);

            fn id(&self) -> Option<$id> {
                self.id.clone()
            }
        }
    };
}

resource!(WorkSpaceDto, i32, "WorkSpaces", Tenant, Paged);
resource!(UserDto, i32, "TenantUsers", Tenant, Paged);
resource!(AreaDto, i32, "Areas", Workspace, Paged);
resource!(TagDto, i32, "Tags", Workspace, BareArray);
resource!(
    DataSubjectRequestDto,
    i32,
    "DataSubjectRequests",
    Workspace,
    Paged
);
resource!(AssetDto, i32, "Assets", Workspace, Paged);
resource!(ActorDto, i32, "Actors", Workspace, Paged);
resource!(ContractDto, Uuid, "Contracts", Workspace, Paged);
resource!(DataFieldDto, Uuid, "DataFields", Workspace, Paged);
resource!(DataProcessingDto, Uuid, "DataProcessings", Workspace, Paged);
resource!(TaskDto, i32, "Tasks", Workspace, Paged);
resource!(TeamItemDto, i32, "Teams", Workspace, Paged);
resource!(
    GenericRelationShipLinkedObjectDto,
    Uuid,
    "GenericRelationships",
    Workspace,
    BareArray
);
resource!(WorkFlowStepDto, i32, "Workflows", Workspace, BareArray);

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unknown_fields_and_enum_values_survive_a_round_trip() {
        let sent = json!({
            "id": 7, "label": "Salesforce", "type": "Software", "ref": "CI0042",
            "applicationType": "Quantum", "dateCreation": "2023-09-18T10:31:30.6882299",
            "futureField": { "nested": [1, 2] }
        });
        let asset: AssetDto = serde_json::from_value(sent.clone()).expect("decodes");
        assert_eq!(asset.r#type, AssetType::Software, "known enum value");
        assert_eq!(
            asset.application_type,
            Some(ApplicationType::Unrecognized("Quantum".into()))
        );
        assert_eq!(
            serde_json::to_value(&asset).unwrap(),
            sent,
            "nothing dropped or reshaped"
        );
    }
}
