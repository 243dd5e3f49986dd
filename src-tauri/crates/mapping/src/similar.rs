//! How alike two spellings are: folding, words, and edit distance.

use passerelle_matching::normalize::fold;

/// Folded (lowercase, no accents) and stripped of everything but letters and digits:
/// `"In Production"` and `"in-production"` both give `"inproduction"`.
pub fn compact_fold(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The folded words of a name: separators, dots, underscores and camelCase humps cut words.
/// `"owned_by.display_value"` → `owned by display value`; `"startDate"` → `start date`.
pub fn words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        spaced.push(c);
    }
    fold(&spaced)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Levenshtein distance, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// 1.0 for the same compact spelling, falling towards 0.0 with the edit distance relative to
/// the longer spelling.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (compact_fold(a), compact_fold(b));
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 0.0;
    }
    1.0 - edit_distance(&a, &b) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cut_paths_snake_and_camel_case() {
        assert_eq!(
            words("owned_by.display_value"),
            ["owned", "by", "display", "value"]
        );
        assert_eq!(words("startDate"), ["start", "date"]);
        assert_eq!(words("Date de début"), ["date", "de", "debut"]);
        assert_eq!(words("u_number"), ["u", "number"]);
    }

    #[test]
    fn similarity_ignores_case_accents_and_punctuation() {
        assert_eq!(similarity("In Production", "InProduction"), 1.0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert!(similarity("Libellé", "libelle") == 1.0);
        assert!(similarity("Medium", "Medum") > 0.8);
        assert!(similarity("High", "Low") < 0.5);
    }
}
