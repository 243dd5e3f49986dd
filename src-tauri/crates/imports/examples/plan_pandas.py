"""The pandas side of the plan benchmark (plan_100k.rs): the same plan, as a pandas merge.

Usage: python3 plan_pandas.py DIR   (DIR holds source.json and records.jsonl; needs
`pip install pandas`). Prints one JSON line: the counts of each class and of each changed
field, the sums of source row numbers per class, the times, and the peak resident memory.

It applies the steps of plan_100k.rs's profile, vectorised: trim the key and the text fields;
map the ServiceNow codes through the value maps (trimmed, case-insensitive; a value not in a map
passes unchanged); upper-case the country; validate (key present, label and type required,
label at most 655 characters and the country at most 2, type, state and hosting among Dastra's
enum values); normalise the keys (trimmed, lowercased) on both sides; count each key in the
source and in Dastra; merge on the key; and classify every row as the engine does: invalid,
then conflict (a key twice in the source, or on several Dastra records), create, update (with
the list of changed fields, before and after) or unchanged; then the Dastra records whose key
no source row has are missing. Timed from reading the files to having the classification and
the diffs; the interpreter's start and `import pandas` are not counted.
"""

import json
import sys
import time

import pandas as pd


def cpu_secs():
    """CPU time of this process so far, every thread counted (CLOCK_PROCESS_CPUTIME_ID, as the
    Rust side reads it)."""
    return time.process_time()


def peak_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM")


TYPES = {
    "cmdb_ci_business_app": "Software",
    "cmn_building": "Building",
    "cmdb_ci_netgear": "Network",
    "cmdb_ci_hardware": "Material",
    "cmdb_ci_database": "Data",
    "sys_user_group": "People",
    "cmdb_ci_business_process": "Process",
}
STATES = {"1": "InProduction", "2": "InDevelopment", "7": "Stopped"}
HOSTING = {"on_premise": "InHouse", "cloud": "OutSourced"}
ASSET_TYPES = {"Software", "Building", "Network", "Material", "Data", "People", "Process"}
APP_STATES = {"InProduction", "InDevelopment", "Stopped"}
HOSTING_TYPES = {"InHouse", "OutSourced"}
FIELDS = ["label", "type", "description", "applicationState", "hostingType", "countryCode"]


def blank_to_na(s):
    """A cell that is empty or blank is empty (NA)."""
    return s.where(s.str.strip() != "")


def value_map(s, mapping):
    """Mapped when its trimmed, lowercased text is a key; unchanged otherwise."""
    folded = {k.strip().lower(): v for k, v in mapping.items()}
    hit = s.str.strip().str.lower().map(folded)
    return hit.fillna(s).where(s.notna())


def main(folder):
    base = peak_kb()
    c0 = cpu_secs()
    t0 = time.perf_counter()
    with open(f"{folder}/source.json", encoding="utf-8") as f:
        src = pd.DataFrame(json.load(f)["result"])
    records = []
    with open(f"{folder}/records.jsonl", encoding="utf-8") as f:
        for line in f:  # one page of records per line, as the fetch got them
            records.extend(json.loads(line))
    dst = pd.DataFrame(records, columns=["id", "ref", *FIELDS])
    del records
    t_read = time.perf_counter()

    # Mapping: the profile's transforms.
    src["row"] = range(1, len(src) + 1)
    col = lambda name: blank_to_na(src[name].astype(object)) if name in src else pd.Series(
        pd.NA, index=src.index, dtype=object
    )
    m = pd.DataFrame({"row": src["row"]})
    m["ref"] = col("u_number").str.strip()
    m["label"] = col("name").str.strip()
    m["type"] = value_map(col("sys_class_name"), TYPES)
    m["description"] = col("short_description").str.strip()
    m["applicationState"] = value_map(col("install_status"), STATES)
    m["hostingType"] = value_map(col("u_hosting"), HOSTING)
    m["countryCode"] = col("u_country").str.strip().str.upper()

    # Validation.
    invalid = (
        m["ref"].isna()
        | m["label"].isna()
        | m["type"].isna()
        | (m["label"].str.len() > 655)
        | (m["countryCode"].str.len() > 2)
        | (m["type"].notna() & ~m["type"].isin(ASSET_TYPES))
        | (m["applicationState"].notna() & ~m["applicationState"].isin(APP_STATES))
        | (m["hostingType"].notna() & ~m["hostingType"].isin(HOSTING_TYPES))
    )

    # Matching.
    m["key"] = m["ref"].str.strip().str.lower()
    in_source = m["key"].value_counts()
    dst = dst[dst["ref"].notna()]
    dst = dst[dst["ref"].astype(str).str.strip() != ""]
    dst["key"] = dst["ref"].astype(str).str.strip().str.lower()
    in_dastra = dst["key"].value_counts()
    m["n_source"] = m["key"].map(in_source).fillna(0)
    m["n_dastra"] = m["key"].map(in_dastra).fillna(0)
    single = dst[dst["key"].map(in_dastra) == 1].drop(columns=["ref"])
    merged = m.merge(single, on="key", how="left", suffixes=("", "_dastra"))

    # Comparison: a mapped field that holds a value and differs from Dastra's.
    matched = ~invalid & (merged["n_source"] == 1) & (merged["n_dastra"] == 1)
    changed = {}
    diffs = []
    for field in FIELDS:
        after = merged[field]
        before = merged[f"{field}_dastra"]
        differs = matched & after.notna() & (before.isna() | (after != before))
        changed[field] = differs
        if differs.any():
            diffs.append(
                pd.DataFrame(
                    {
                        "row": merged.loc[differs, "row"],
                        "field": field,
                        "before": before[differs],
                        "after": after[differs],
                    }
                )
            )
    diffs = pd.concat(diffs, ignore_index=True)
    any_change = pd.DataFrame(changed).any(axis=1)

    cls = pd.Series("unchanged", index=merged.index, dtype=object)
    cls[matched & any_change] = "update"
    cls[~invalid & (merged["n_source"] == 1) & (merged["n_dastra"] == 0)] = "create"
    cls[~invalid & ((merged["n_source"] > 1) | (merged["n_dastra"] > 1))] = "conflict"
    cls[invalid] = "invalid"
    missing = dst[~dst["key"].isin(in_source.index)]
    t_end = time.perf_counter()
    cpu = cpu_secs() - c0

    counts = cls.value_counts()
    summary = {
        c: int(counts.get(c, 0)) for c in ["create", "update", "unchanged", "conflict", "invalid"]
    }
    summary["missing"] = len(missing)
    row_sums = {c: int(merged.loc[cls == c, "row"].sum()) for c in summary if c != "missing"}
    row_sums = {c: s for c, s in row_sums.items() if (cls == c).any()}
    if len(missing):
        row_sums["missing"] = 0
    changes = {f: int(n) for f, n in diffs["field"].value_counts().sort_index().items()}
    print(
        json.dumps(
            {
                "summary": summary,
                "changes": changes,
                "rowSums": dict(sorted(row_sums.items())),
                "phases": {
                    "read": t_read - t0,
                    "plan": t_end - t_read,
                    "total": t_end - t0,
                    "cpu": cpu,
                },
                "peakKb": peak_kb(),
                "baseKb": base,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
