//! The `filters` query parameter: Dastra's rule format (JsonRuleEngine.Net).
//!
//! A rule compares one property of the *output* object with a value; a group joins rules with
//! `And` or `Or`. The wire form is the rule serialised as JSON, then URL-encoded as the value of
//! `filters`. The sandbox evaluates the same types, so a filter the client can express is a
//! filter the sandbox understands.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Comparison operators named by the contract (`Operator` in API-NOTES §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub enum Operator {
    Equal,
    NotEqual,
    LessThan,
    LessThanInclusive,
    GreaterThan,
    GreaterThanInclusive,
    In,
    NotIn,
    Contains,
    DoesNotContains,
    IsNull,
    IsNotNull,
    IsEmpty,
    IsNotEmpty,
}

/// How the rules of a group combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Separator {
    And,
    Or,
}

/// A filter: one comparison, or a group of filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Filter {
    /// `{"separator": "And", "rules": [...]}`
    Group {
        /// How the rules combine.
        separator: Separator,
        /// The member filters, possibly groups themselves.
        rules: Vec<Filter>,
    },
    /// `{"field": "state", "operator": "equal", "value": "Open"}`
    Rule {
        /// Property of the output object; dots reach nested objects and collections.
        field: String,
        /// The comparison.
        operator: Operator,
        /// Compared value; a list for `in`/`notIn`, absent for the null/empty tests.
        #[serde(default, skip_serializing_if = "Value::is_null")]
        value: Value,
    },
}

impl Filter {
    /// A single comparison.
    pub fn rule(field: impl Into<String>, operator: Operator, value: impl Into<Value>) -> Self {
        Filter::Rule {
            field: field.into(),
            operator,
            value: value.into(),
        }
    }

    /// `field == value`.
    pub fn equal(field: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::rule(field, Operator::Equal, value)
    }

    /// All of `rules`.
    pub fn and(rules: impl IntoIterator<Item = Filter>) -> Self {
        Filter::Group {
            separator: Separator::And,
            rules: rules.into_iter().collect(),
        }
    }

    /// Any of `rules`.
    pub fn or(rules: impl IntoIterator<Item = Filter>) -> Self {
        Filter::Group {
            separator: Separator::Or,
            rules: rules.into_iter().collect(),
        }
    }

    /// The JSON text sent as the `filters` query value (before URL encoding).
    pub fn to_query_value(&self) -> String {
        serde_json::to_string(self).expect("a filter is always serialisable")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_serialises_in_the_rule_engine_format() {
        let f = Filter::or([
            Filter::equal("state", "Open"),
            Filter::rule("purposes", Operator::Contains, "Access"),
        ]);
        let json: Value = serde_json::from_str(&f.to_query_value()).unwrap();
        assert_eq!(json["separator"], "Or", "groups carry their separator");
        assert_eq!(
            json["rules"][1]["operator"], "contains",
            "operators are camelCase"
        );
        let back: Filter = serde_json::from_value(json).unwrap();
        assert_eq!(back, f, "a filter survives a round trip");
    }

    #[test]
    fn a_null_test_has_no_value() {
        let f = Filter::rule("email", Operator::IsNull, Value::Null);
        assert_eq!(
            f.to_query_value(),
            r#"{"field":"email","operator":"isNull"}"#
        );
    }
}
