//! Placeholders in path, query and body templates: `{value}`, `{email}`, `{{` and `}}`.

/// The template with every placeholder replaced by `encode(value)`; the text around is kept
/// as written. Fails with a sentence when a brace is left open or a placeholder is not one of
/// `allowed`.
pub(crate) fn render(
    template: &str,
    allowed: &[&str],
    value: &str,
    encode: impl Fn(&str) -> String,
) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('}') {
            // A lone closing brace means nothing here; keep it, as JSON-like text often has one.
            out.push('}');
            rest = after;
            continue;
        }
        let Some(end) = tail.find('}') else {
            return Err("a \"{\" is never closed; write \"{{\" for a literal brace".to_owned());
        };
        let name = &tail[1..end];
        if !allowed.contains(&name) {
            return Err(format!(
                "the placeholder {{{name}}} is unknown here; use {}",
                allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        out.push_str(&encode(value));
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Percent-encode everything but RFC 3986's unreserved characters, so that a value stays one
/// path segment or one query value (`+33 6` → `%2B33%206`).
pub(crate) fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(template: &str) -> Result<String, String> {
        render(template, &["value", "phone"], "+33 6", percent_encode)
    }

    #[test]
    fn placeholders_are_replaced_by_the_encoded_value() {
        assert_eq!(plain("/c/{phone}/x").as_deref(), Ok("/c/%2B33%206/x"));
        assert_eq!(plain("{value}{value}").as_deref(), Ok("%2B33%206%2B33%206"));
        assert_eq!(plain("{{literal}} }").as_deref(), Ok("{literal} }"));
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_refused_with_a_hint() {
        let err = plain("/c/{email}").expect_err("unknown placeholder");
        assert!(
            err.contains("{email}") && err.contains("{value} or {phone}"),
            "{err}"
        );
        assert!(plain("/c/{value").is_err(), "an open brace is refused");
    }

    #[test]
    fn non_ascii_values_are_encoded_byte_by_byte() {
        assert_eq!(percent_encode("é/?&"), "%C3%A9%2F%3F%26");
    }
}
