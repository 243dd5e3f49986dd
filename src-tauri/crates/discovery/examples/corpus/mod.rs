//! A seeded corpus for the files benchmark: about a gigabyte of CSV (`;` in Windows-1252 and
//! `,` in UTF-8), JSON arrays (some written with `\u` escapes), NDJSON, logs and notes, with
//! twenty planted people spread across them under many spellings.
//!
//! Everything derives from the seed, so a corpus written once in a `--dir` is reused as long as
//! its `corpus.seed` file says the same seed and size.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A tiny deterministic generator (SplitMix64): the corpus must not depend on a crate's
/// version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// A planted person.
#[derive(Debug, Clone)]
pub struct Person {
    pub given: &'static str,
    pub family: &'static str,
    pub email: String,
    pub personal_email: String,
    /// The ten digits of her mobile, `06…`.
    pub phone: String,
}

const PLANTED: [(&str, &str); 20] = [
    ("Élodie", "Lefèvre-Roussel"),
    ("Hélène", "Bérangier"),
    ("François", "Quénehervé"),
    ("Joël", "Castagnède"),
    ("Zoé", "Delahaye-Moreau"),
    ("Gaëlle", "Kerouédan"),
    ("Jérôme", "Vasseur-Léger"),
    ("Cécile", "Aubertot"),
    ("Noël", "Framboisier"),
    ("Loïc", "Tréguier"),
    ("Maëlys", "Pélissard"),
    ("Benoît", "Marchandeau"),
    ("Anaïs", "Écoffier"),
    ("Céline", "Rougemont"),
    ("Raphaël", "Salvètre"),
    ("Thérèse", "Guénolé"),
    ("Agnès", "Brocéliand"),
    ("Stéphane", "Vautrinot"),
    ("Séverine", "Montclarès"),
    ("Inès", "Ferrandière"),
];

const GIVEN: &[&str] = &[
    "Marie",
    "Jean",
    "Pierre",
    "Nathalie",
    "Isabelle",
    "Sophie",
    "Philippe",
    "Michel",
    "Alain",
    "Nicolas",
    "Christophe",
    "Sandrine",
    "Julien",
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Lucas",
    "Hugo",
    "Louis",
    "Gabriel",
    "Emma",
    "Jade",
    "Louise",
    "Thomas",
    "Antoine",
    "Mathieu",
    "Aurélie",
    "Émilie",
    "Valérie",
    "Hélène",
    "Élodie",
    "Cécile",
    "François",
    "Jérôme",
    "Inès",
    "Dominique",
    "Sylvie",
    "Patrick",
    "Olivier",
    "Laurent",
    "Frédéric",
    "Stéphanie",
    "Éric",
];

const FAMILY: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
];

const CITIES: &[&str] = &[
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Nice",
    "Nantes",
    "Strasbourg",
    "Montpellier",
    "Bordeaux",
    "Lille",
    "Rennes",
    "Reims",
    "Saint-Étienne",
    "Le Havre",
    "Grenoble",
    "Dijon",
    "Angers",
    "Nîmes",
    "Besançon",
    "Orléans",
    "Béziers",
    "Sète",
    "Évry",
    "Créteil",
];

const DOMAINS: &[&str] = &[
    "gmail.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "hotmail.fr",
    "yahoo.fr",
    "sfr.fr",
    "outlook.fr",
    "wanadoo.fr",
];

const WORDS: &[&str] = &[
    "commande",
    "livraison",
    "retard",
    "facture",
    "remboursement",
    "colis",
    "adresse",
    "changement",
    "abonnement",
    "résiliation",
    "réclamation",
    "appel",
    "rappel",
    "client",
    "satisfait",
    "mécontent",
    "produit",
    "défectueux",
    "échange",
    "garantie",
    "paiement",
    "carte",
    "virement",
    "prélèvement",
    "contrat",
    "signature",
    "rendez-vous",
    "agence",
    "conseiller",
    "dossier",
    "relance",
    "courrier",
    "reçu",
    "envoyé",
    "traité",
    "urgent",
    "demande",
    "information",
    "mise",
    "à",
    "jour",
    "le",
    "la",
    "les",
    "de",
    "du",
    "pour",
    "avec",
    "sans",
    "sur",
    "dans",
    "par",
    "son",
    "sa",
    "ses",
    "est",
    "sont",
    "a",
    "été",
];

const EVENTS: &[&str] = &[
    "login",
    "logout",
    "password_reset",
    "order_created",
    "order_paid",
    "cart_updated",
    "newsletter_opt_in",
    "profile_updated",
    "support_ticket",
];

/// The twenty planted people, derived from the seed.
pub fn people(seed: u64) -> Vec<Person> {
    let mut rng = Rng::new(seed ^ 0x5EED);
    PLANTED
        .iter()
        .map(|(given, family)| {
            let ascii = |s: &str| fold_ascii(s).replace(' ', "-");
            let email = format!(
                "{}.{}@{}",
                ascii(given),
                ascii(family),
                rng.pick(&["entreprise.fr", "mairie-exemple.fr", "cabinet-conseil.com"])
            );
            let personal_email = format!(
                "{}{}{}@{}",
                &ascii(given)[..1],
                ascii(family).replace('-', ""),
                rng.below(90) + 10,
                rng.pick(DOMAINS)
            );
            let phone = format!("0{}{:08}", rng.pick(&[6, 7]), rng.next() % 100_000_000);
            Person {
                given,
                family,
                email,
                personal_email,
                phone,
            }
        })
        .collect()
}

/// Lowercase ASCII, accents dropped (enough for the corpus' own names).
pub fn fold_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' | 'Ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn strip_accents_keep_case(s: &str) -> String {
    s.chars()
        .map(|c| {
            let folded = fold_ascii(&c.to_string()).chars().next().unwrap_or(c);
            if c.is_uppercase() {
                folded.to_ascii_uppercase()
            } else {
                folded
            }
        })
        .collect()
}

/// The ways the corpus writes a phone; the first is the most common.
pub fn phone_as(digits: &str, style: usize) -> String {
    let pairs: Vec<&str> = (0..5).map(|i| &digits[2 * i..2 * i + 2]).collect();
    match style {
        0 => pairs.join(" "),
        1 => digits.to_string(),
        2 => pairs.join("."),
        3 => format!("+33 {} {}", &digits[1..2], pairs[1..].join(" ")),
        4 => format!("+33{}", &digits[1..]),
        _ => pairs.join("-"),
    }
}

/// The kinds of file the corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `;`-separated, Windows-1252 (an accounting export).
    CsvSemicolon,
    /// `,`-separated, UTF-8 (a CRM export).
    CsvComma,
    /// A JSON array of customer objects.
    Json,
    /// One JSON event per line.
    Ndjson,
    /// An application log.
    Log,
    /// Free-text notes.
    Text,
}

impl Kind {
    fn path(self, n: usize) -> String {
        match self {
            Kind::CsvSemicolon => format!("compta/export_{n:03}.csv"),
            Kind::CsvComma => format!("crm/clients_{n:03}.csv"),
            Kind::Json => format!("web/commandes_{n:03}.json"),
            Kind::Ndjson => format!("web/events_{n:03}.ndjson"),
            Kind::Log => format!("logs/app_{n:03}.log"),
            Kind::Text => format!("notes/suivi_{n:03}.txt"),
        }
    }
}

/// Where a planted occurrence is, as a finding must locate it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Planted {
    pub person: usize,
    pub path: String,
    pub row: Option<u64>,
    pub line: Option<u64>,
}

/// What was written (or found already written).
pub struct Corpus {
    pub root: PathBuf,
    pub people: Vec<Person>,
    pub planted: Vec<Planted>,
    pub bytes: u64,
    pub files: usize,
    pub reused: bool,
}

/// Write (or reuse) the corpus of about `total` bytes under `root`.
pub fn build(root: &Path, seed: u64, total: u64) -> Corpus {
    let people = people(seed);
    let stamp = format!("{seed} {total}\n");
    let manifest = root.join("corpus.planted");
    if fs::read_to_string(root.join("corpus.seed")).ok().as_deref() == Some(stamp.as_str()) {
        if let Ok(text) = fs::read_to_string(&manifest) {
            let planted = text.lines().filter_map(parse_planted).collect();
            let (bytes, files) = size_of(root);
            return Corpus {
                root: root.into(),
                people,
                planted,
                bytes,
                files,
                reused: true,
            };
        }
    }
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root).expect("corpus folder created");

    let mut rng = Rng::new(seed);
    let kinds = [
        Kind::CsvSemicolon,
        Kind::CsvComma,
        Kind::Json,
        Kind::Ndjson,
        Kind::Log,
        Kind::Text,
    ];
    // File sizes: a few big exports and logs, many middling files, some small ones.
    let mut plan = Vec::new();
    let mut planned = 0u64;
    let mut n = 0;
    while planned < total {
        let kind = kinds[n % kinds.len()];
        let size = match rng.below(10) {
            0 => 40_000_000 + rng.below(20_000_000) as u64,
            1..=3 => 200_000 + rng.below(1_000_000) as u64,
            _ => 4_000_000 + rng.below(10_000_000) as u64,
        }
        .min(total - planned + 100_000);
        plan.push((kind, kind.path(n), size));
        planned += size;
        n += 1;
    }
    // Each person is planted 15 times, in files picked at random.
    let mut plants: Vec<Vec<usize>> = vec![Vec::new(); plan.len()];
    for person in 0..people.len() {
        for _ in 0..15 {
            plants[rng.below(plan.len())].push(person);
        }
    }

    let mut planted = Vec::new();
    for ((kind, path, size), persons) in plan.iter().zip(&plants) {
        let full = root.join(path);
        fs::create_dir_all(full.parent().expect("a parent")).expect("folder created");
        let mut writer = Writer::new(*kind, rng.next());
        let records = writer.records(*size, persons, &people);
        planted.extend(writer.write(&full, records, path));
    }
    planted.sort();
    let mut text = String::new();
    for p in &planted {
        let num = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            p.person,
            p.path,
            num(p.row),
            num(p.line)
        ));
    }
    fs::write(&manifest, text).expect("manifest written");
    fs::write(root.join("corpus.seed"), stamp).expect("stamp written");
    let (bytes, files) = size_of(root);
    Corpus {
        root: root.into(),
        people,
        planted,
        bytes,
        files,
        reused: false,
    }
}

fn parse_planted(line: &str) -> Option<Planted> {
    let mut parts = line.split('\t');
    let person = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let num = |s: Option<&str>| s.and_then(|s| s.parse().ok());
    Some(Planted {
        person,
        path,
        row: num(parts.next()),
        line: num(parts.next()),
    })
}

/// Bytes and files of the corpus proper (the two bookkeeping files aside).
fn size_of(root: &Path) -> (u64, usize) {
    let mut bytes = 0;
    let mut files = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("corpus readable").flatten() {
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(entry.path());
            } else if !entry.file_name().to_string_lossy().starts_with("corpus.") {
                bytes += meta.len();
                files += 1;
            }
        }
    }
    (bytes, files)
}

/// One record of a file: its text (without the final newline for line formats), and who is
/// planted in it.
struct Record {
    text: String,
    person: Option<usize>,
}

struct Writer {
    kind: Kind,
    rng: Rng,
    /// JSON written the way Python's `ensure_ascii` does: `\u00e9` for `é`.
    escaped: bool,
    next_id: u64,
}

impl Writer {
    fn new(kind: Kind, seed: u64) -> Writer {
        let mut rng = Rng::new(seed);
        let escaped = rng.chance(2);
        Writer {
            kind,
            rng,
            escaped,
            next_id: 1000,
        }
    }

    fn records(&mut self, size: u64, persons: &[usize], people: &[Person]) -> Vec<Record> {
        let mut records = Vec::new();
        let mut bytes = 0u64;
        while bytes < size {
            let text = self.filler();
            bytes += text.len() as u64 + 1;
            records.push(Record { text, person: None });
        }
        for &person in persons {
            let at = self.rng.below(records.len());
            let text = self.planted(&people[person]);
            records[at] = Record {
                text,
                person: Some(person),
            };
        }
        records
    }

    /// Write the records; returns where the planted ones are.
    fn write(&mut self, path: &Path, records: Vec<Record>, relative: &str) -> Vec<Planted> {
        let file = fs::File::create(path).expect("file created");
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let mut planted = Vec::new();
        let mut line = 1u64;
        let write = |out: &mut BufWriter<fs::File>, text: &str, cp1252: bool| {
            if cp1252 {
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
                out.write_all(&bytes).expect("written");
            } else {
                out.write_all(text.as_bytes()).expect("written");
            }
        };
        let cp1252 = self.kind == Kind::CsvSemicolon;
        match self.kind {
            Kind::CsvSemicolon => {
                write(
                    &mut out,
                    "Nom;Prénom;E-mail;Téléphone;Ville;Montant;Commentaire\n",
                    true,
                );
                line += 1;
            }
            Kind::CsvComma => {
                write(
                    &mut out,
                    "id,first_name,last_name,email,phone,city,notes\n",
                    false,
                );
                line += 1;
            }
            Kind::Json => write(&mut out, "[\n", false),
            _ => {}
        }
        let count = records.len();
        for (i, record) in records.into_iter().enumerate() {
            let (row, at_line) = match self.kind {
                Kind::CsvSemicolon | Kind::CsvComma => (Some(i as u64 + 2), Some(line)),
                Kind::Json => (Some(i as u64 + 1), None),
                _ => (None, Some(line)),
            };
            if let Some(person) = record.person {
                planted.push(Planted {
                    person,
                    path: relative.to_string(),
                    row,
                    line: at_line,
                });
            }
            line += record.text.matches('\n').count() as u64 + 1;
            write(&mut out, &record.text, cp1252);
            let end = match self.kind {
                Kind::Json if i + 1 < count => ",\n",
                Kind::Json => "\n]\n",
                Kind::CsvSemicolon => "\r\n",
                _ => "\n",
            };
            write(&mut out, end, false);
        }
        out.flush().expect("flushed");
        planted
    }

    fn name(&mut self) -> (&'static str, &'static str) {
        (*self.rng.pick(GIVEN), *self.rng.pick(FAMILY))
    }

    fn email_of(&mut self, given: &str, family: &str) -> String {
        let g = fold_ascii(given);
        let f = fold_ascii(family);
        match self.rng.below(3) {
            0 => format!("{g}.{f}@{}", self.rng.pick(DOMAINS)),
            1 => format!(
                "{}{f}{}@{}",
                &g[..1],
                self.rng.below(100),
                self.rng.pick(DOMAINS)
            ),
            _ => format!("{f}.{g}{}@{}", self.rng.below(1000), self.rng.pick(DOMAINS)),
        }
    }

    fn phone(&mut self) -> String {
        let digits = format!("0{}{:08}", self.rng.pick(&[1, 2, 3, 4, 5, 6, 7, 9]), {
            self.rng.next() % 100_000_000
        });
        let style = self.rng.pick(&[0, 0, 0, 1, 2, 3, 5]);
        phone_as(&digits, *style)
    }

    fn sentence(&mut self, words: usize) -> String {
        let n = words / 2 + self.rng.below(words);
        let list: Vec<&str> = (0..n).map(|_| *self.rng.pick(WORDS)).collect();
        list.join(" ")
    }

    fn amount(&mut self) -> String {
        format!("{},{:02}", self.rng.below(5000), self.rng.below(100))
    }

    fn json_text(&self, text: &str) -> String {
        let quoted = serde_json::to_string(text).expect("a string serialises");
        if !self.escaped {
            return quoted;
        }
        let mut out = String::with_capacity(quoted.len() + 8);
        for c in quoted.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    }

    fn timestamp(&mut self) -> String {
        format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.rng.below(12) + 1,
            self.rng.below(28) + 1,
            self.rng.below(24),
            self.rng.below(60),
            self.rng.below(60)
        )
    }

    fn ip(&mut self) -> String {
        format!(
            "10.{}.{}.{}",
            self.rng.below(256),
            self.rng.below(256),
            self.rng.below(256)
        )
    }

    /// One record of someone who is not planted.
    fn filler(&mut self) -> String {
        let (given, family) = self.name();
        let email = self.email_of(given, family);
        let phone = self.phone();
        let city = *self.rng.pick(CITIES);
        self.next_id += 1;
        match self.kind {
            Kind::CsvSemicolon => {
                let note = self.sentence(8);
                let note = if self.rng.chance(20) {
                    format!("\"{note}; voir dossier\"")
                } else {
                    note
                };
                let amount = self.amount();
                format!(
                    "{};{given};{email};{phone};{city};{amount};{note}",
                    family.to_uppercase()
                )
            }
            Kind::CsvComma => {
                let note = self.sentence(10);
                // Now and then a quoted note over two lines, so rows and lines part ways.
                let note = if self.rng.chance(400) {
                    format!("\"{note},\n{}\"", self.sentence(6))
                } else {
                    note
                };
                format!(
                    "{},{given},{family},{email},{phone},{city},{note}",
                    self.next_id
                )
            }
            Kind::Json => {
                let note = self.sentence(12);
                let ts = self.timestamp();
                format!(
                    "  {{\"id\": {}, \"date\": \"{ts}\", \"client\": {{\"prenom\": {}, \"nom\": {}, \
                     \"email\": \"{email}\", \"telephone\": \"{phone}\", \"ville\": {}}}, \
                     \"montant\": {}.{:02}, \"commentaire\": {}}}",
                    self.next_id,
                    self.json_text(given),
                    self.json_text(family),
                    self.json_text(city),
                    self.rng.below(900),
                    self.rng.below(100),
                    self.json_text(&note)
                )
            }
            Kind::Ndjson => {
                let ts = self.timestamp();
                let ip = self.ip();
                let event = *self.rng.pick(EVENTS);
                format!(
                    "{{\"ts\":\"{ts}\",\"event\":\"{event}\",\"user\":{{\"id\":{},\"email\":\"{email}\"}},\
                     \"ip\":\"{ip}\",\"ua\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"}}",
                    self.next_id
                )
            }
            Kind::Log => {
                let ts = self.timestamp();
                let ip = self.ip();
                match self.rng.below(4) {
                    0 => format!("{ts} INFO  auth: login ok user={email} ip={ip}"),
                    1 => format!(
                        "{ts} DEBUG http: GET /api/v1/orders/{} 200 {}ms",
                        self.next_id,
                        self.rng.below(900)
                    ),
                    2 => format!("{ts} WARN  sms: delivery delayed to {phone}"),
                    _ => format!(
                        "{ts} INFO  worker: job {} done in {}ms",
                        self.next_id,
                        self.rng.below(5000)
                    ),
                }
            }
            Kind::Text => {
                let s = self.sentence(14);
                match self.rng.below(3) {
                    0 => format!("Appel de {given} {family} ({city}) : {s}."),
                    1 => format!("{s}, rappeler au {phone}."),
                    _ => format!("{s}."),
                }
            }
        }
    }

    /// One record about a planted person, written in one of her spellings.
    fn planted(&mut self, p: &Person) -> String {
        let given = match self.rng.below(3) {
            0 => p.given.to_string(),
            1 => strip_accents_keep_case(p.given),
            _ => p.given.to_uppercase(),
        };
        let family = match self.rng.below(3) {
            0 => p.family.to_string(),
            1 => p.family.to_uppercase(),
            _ => strip_accents_keep_case(p.family).replace('-', " "),
        };
        let email = match self.rng.below(4) {
            0 => p.email.to_uppercase(),
            1 => p.personal_email.clone(),
            _ => p.email.clone(),
        };
        let phone = phone_as(&p.phone, *self.rng.pick(&[0, 0, 0, 1, 2, 3, 4, 5]));
        let city = *self.rng.pick(CITIES);
        self.next_id += 1;
        // What the record holds: all of it, or one strong identifier, or her two names.
        let what = self.rng.below(4);
        let (e, t, names) = match what {
            0 => (email.as_str(), phone.as_str(), true),
            1 => (email.as_str(), "", false),
            2 => ("", phone.as_str(), false),
            _ => ("", "", true),
        };
        let (g, f) = if names {
            (given.as_str(), family.as_str())
        } else {
            ("", "")
        };
        match self.kind {
            Kind::CsvSemicolon => {
                let amount = self.amount();
                format!("{f};{g};{e};{t};{city};{amount};client fidèle")
            }
            Kind::CsvComma => format!("{},{g},{f},{e},{t},{city},relance faite", self.next_id),
            Kind::Json => format!(
                "  {{\"id\": {}, \"client\": {{\"prenom\": {}, \"nom\": {}, \"email\": \"{e}\", \
                 \"telephone\": \"{t}\", \"ville\": {}}}, \"montant\": 12.50}}",
                self.next_id,
                self.json_text(g),
                self.json_text(f),
                self.json_text(city)
            ),
            Kind::Ndjson => {
                let ts = self.timestamp();
                let name = format!("{g} {f}");
                format!(
                    "{{\"ts\":\"{ts}\",\"event\":\"profile_updated\",\"user\":{{\"id\":{},\
                     \"email\":\"{e}\",\"phone\":\"{t}\",\"name\":{}}}}}",
                    self.next_id,
                    self.json_text(name.trim())
                )
            }
            Kind::Log => {
                let ts = self.timestamp();
                match what {
                    1 => format!("{ts} INFO  auth: login ok user={e} ip=10.0.0.1"),
                    2 => format!("{ts} WARN  sms: delivery delayed to {t}"),
                    _ => format!("{ts} INFO  crm: contact {g} {f} <{e}> tel {t}"),
                }
            }
            Kind::Text => match what {
                1 => format!("Mail reçu de {e} au sujet de sa commande."),
                2 => format!("Rappeler au {t} avant vendredi."),
                _ => format!("Appel de {g} {f} ({city}) {e} {t} : demande d'accès."),
            },
        }
    }
}
