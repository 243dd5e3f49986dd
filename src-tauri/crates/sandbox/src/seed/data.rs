//! The raw material of the seeded organisation: names, places, products and vendors.

/// Given names of requesters, with accents and compound forms.
pub const GIVEN_NAMES: &[&str] = &[
    "Élise",
    "Anaïs",
    "Jérôme",
    "Noémie",
    "François",
    "Hélène",
    "Loïc",
    "Maëlle",
    "Chloé",
    "Benoît",
    "Zoé",
    "Gaëtan",
    "Léa",
    "Océane",
    "Raphaël",
    "Cécile",
    "Mathéo",
    "Inès",
    "Aurélien",
    "Bérénice",
    "Jean-Baptiste",
    "Marie-Claire",
    "Anne-Sophie",
    "Pierre-Louis",
    "Thomas",
    "Camille",
    "Nicolas",
    "Sarah",
    "Julien",
    "Manon",
    "Yasmine",
    "Mehdi",
    "Agnès",
    "Stéphane",
    "Françoise",
    "Joël",
];

/// Family names of requesters, with accents, particles and hyphens.
pub const FAMILY_NAMES: &[&str] = &[
    "Lefèvre",
    "Dupont-Morel",
    "Girard",
    "Bérard",
    "Mercier",
    "Rousseau",
    "Lemaître",
    "Faure",
    "Chevalier",
    "Garnier-Duval",
    "Lacroix",
    "Moreau",
    "N'Diaye",
    "Nguyen",
    "Da Silva",
    "Le Goff",
    "Kervella",
    "Ben Youssef",
    "Hoarau",
    "Pétrel",
    "Saint-Clair",
    "Dufrêne",
    "Aubépine",
    "Bouchard",
    "Caron",
    "Leroy",
    "Gauthier",
    "Perrin",
    "Muller",
    "Fontaine",
];

/// Mail domains of requesters.
pub const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "outlook.fr",
    "sfr.fr",
    "yahoo.fr",
    "wanadoo.fr",
    "icloud.com",
    "proton.me",
];

/// French towns: (zip code, city).
pub const TOWNS: &[(&str, &str)] = &[
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13006", "Marseille"),
    ("31000", "Toulouse"),
    ("44000", "Nantes"),
    ("59000", "Lille"),
    ("33000", "Bordeaux"),
    ("35000", "Rennes"),
    ("42000", "Saint-Étienne"),
    ("13100", "Aix-en-Provence"),
    ("25000", "Besançon"),
    ("45000", "Orléans"),
    ("97400", "Saint-Denis"),
    ("67000", "Strasbourg"),
    ("06000", "Nice"),
];

/// Street names for addresses.
pub const STREETS: &[&str] = &[
    "rue de la République",
    "avenue Jean-Jaurès",
    "boulevard Voltaire",
    "rue des Écoles",
    "place du Marché",
    "chemin des Vignes",
    "allée des Tilleuls",
    "rue Pasteur",
    "impasse du Moulin",
    "quai de Saône",
    "rue Émile-Zola",
    "cours Lafayette",
];

/// A requester's message, per purpose of request.
pub fn request_text(purpose: &str) -> (&'static str, &'static str) {
    match purpose {
        "Access" => (
            "Demande d'accès aux données",
            "Bonjour, conformément à l'article 15 du RGPD, je souhaite obtenir une copie de \
             l'ensemble des données personnelles que vous détenez à mon sujet.",
        ),
        "Erasure" => (
            "Suppression de mon compte client",
            "Merci de supprimer mon compte et toutes les données associées (article 17 du RGPD).",
        ),
        "Rectification" => (
            "Rectification de mon adresse postale",
            "Mon adresse a changé, pouvez-vous corriger mes coordonnées dans vos fichiers ?",
        ),
        "Opposition" => (
            "Opposition à la prospection commerciale",
            "Je ne souhaite plus recevoir vos offres par e-mail ni par SMS.",
        ),
        "Portability" => (
            "Portabilité de mes données d'achat",
            "Je souhaite recevoir mes données dans un format structuré et lisible par machine.",
        ),
        "Restriction" => (
            "Limitation du traitement",
            "Je conteste l'exactitude de mes données : merci d'en limiter l'usage en attendant.",
        ),
        _ => (
            "Question sur l'utilisation de mes données",
            "Pouvez-vous m'indiquer à quelles fins mes données sont utilisées ?",
        ),
    }
}

/// Software the organisation runs, and the company behind each (a vendor in the actors).
pub const SOFTWARE: &[(&str, &str)] = &[
    ("SAP S/4HANA", "SAP France"),
    ("Salesforce Sales Cloud", "Salesforce France"),
    ("Salesforce Service Cloud", "Salesforce France"),
    ("Sage Paie", "Sage SAS"),
    ("Sage 100 Comptabilité", "Sage SAS"),
    ("Cegid XRP Flex", "Cegid SAS"),
    ("Microsoft 365", "Microsoft Ireland Operations Ltd"),
    ("Microsoft Teams", "Microsoft Ireland Operations Ltd"),
    ("SharePoint Online", "Microsoft Ireland Operations Ltd"),
    ("Microsoft Entra ID", "Microsoft Ireland Operations Ltd"),
    ("Dynamics 365 Sales", "Microsoft Ireland Operations Ltd"),
    ("Power BI", "Microsoft Ireland Operations Ltd"),
    ("Workday HCM", "Workday Ltd"),
    ("Lucca Absences", "Lucca SAS"),
    ("Lucca Notes de frais", "Lucca SAS"),
    ("PayFit", "PayFit SAS"),
    ("HubSpot Marketing Hub", "HubSpot Ireland Ltd"),
    ("Mailchimp", "The Rocket Science Group LLC"),
    ("Brevo", "Brevo SAS"),
    ("Zendesk Support", "Zendesk Inc."),
    ("ServiceNow ITSM", "ServiceNow Nederland B.V."),
    ("Jira Software", "Atlassian Pty Ltd"),
    ("Confluence", "Atlassian Pty Ltd"),
    ("Slack", "Slack Technologies Ltd"),
    ("Google Workspace", "Google Ireland Limited"),
    ("Google Analytics 4", "Google Ireland Limited"),
    ("BigQuery", "Google Ireland Limited"),
    ("Shopify Plus", "Shopify International Ltd"),
    ("PrestaShop", "PrestaShop SA"),
    ("Stripe", "Stripe Payments Europe Ltd"),
    ("Adyen", "Adyen N.V."),
    ("PayPal", "PayPal (Europe) S.à r.l. et Cie, S.C.A."),
    ("Qonto", "Olinda SAS (Qonto)"),
    ("Pennylane", "Pennylane SAS"),
    ("Talentsoft", "Cegid SAS"),
    ("Teamtailor", "Teamtailor AB"),
    ("Welcome to the Jungle", "Welcome to the Jungle SAS"),
    ("DocuSign eSignature", "DocuSign France SAS"),
    ("Yousign", "Yousign SAS"),
    ("Odoo CRM", "Odoo SA"),
    ("Tableau Cloud", "Salesforce France"),
    ("Snowflake", "Snowflake Computing Netherlands B.V."),
    ("Matomo", "InnoCraft Ltd"),
    ("Didomi CMP", "Didomi SAS"),
    ("Axeptio", "Agilitation SAS (Axeptio)"),
    ("Okta Workforce Identity", "Okta Inc."),
    ("CrowdStrike Falcon", "CrowdStrike Ltd"),
    ("Veeam Backup & Replication", "Veeam Software Group GmbH"),
    ("GLPI", "Teclib' SAS"),
    ("Intercom", "Intercom R&D Unlimited Company"),
    ("Swile", "Swile SAS"),
    ("Kelio", "Bodet Software"),
    (
        "Amazon Web Services (eu-west-3)",
        "Amazon Web Services EMEA SARL",
    ),
    ("OVHcloud Public Cloud", "OVH SAS"),
];

/// Home-grown applications (no vendor).
pub const IN_HOUSE: &[&str] = &[
    "Site e-commerce ormeaux.fr",
    "Application mobile Ormeaux",
    "Extranet fournisseurs",
    "Entrepôt de données clients",
    "Portail RH interne",
    "Outil de gestion des retours",
    "API de fidélité",
    "Back-office boutique",
];

/// Assets that are not software: (label, type).
pub const OTHER_ASSETS: &[(&str, &str)] = &[
    ("Siège — 12 rue des Ormeaux, Paris 11e", "Building"),
    ("Entrepôt de Vénissieux", "Building"),
    ("Boutique Lyon Presqu'île", "Building"),
    ("Datacenter Equinix PA3 (baie 14)", "Building"),
    ("VPN Fortinet", "Network"),
    ("Wi-Fi invités du siège", "Network"),
    ("Réseau SD-WAN des boutiques", "Network"),
    ("Parc de PC portables Dell Latitude", "Material"),
    ("Smartphones de flotte (MDM Intune)", "Material"),
    ("Imprimantes multifonctions Canon", "Material"),
    ("Badgeuses Kelio", "Material"),
    ("Caméras de vidéoprotection", "Material"),
    ("Fichier prospects salon Maison & Objet", "Data"),
    ("Base clients fidélité", "Data"),
    ("Archives papier RH", "Data"),
    ("Exports comptables mensuels", "Data"),
    ("Équipe support niveau 1", "People"),
    ("Prestataire d'infogérance", "People"),
    ("Procédure d'arrivée des salariés", "Process"),
    ("Processus de retour produit", "Process"),
];

/// Environments that multiply software assets.
pub const ENVIRONMENTS: &[&str] = &[
    "",
    " (recette)",
    " (pré-production)",
    " — Filiale Lyon",
    " (bac à sable)",
];

/// Companies that are not software vendors: (name, country, referencedAs).
pub const OTHER_ACTORS: &[(&str, &str, &str)] = &[
    ("Capgemini Technology Services", "FR", "Vendor"),
    ("Sopra Steria Group", "FR", "Vendor"),
    ("Orange Business", "FR", "Vendor"),
    ("La Poste — Colissimo", "FR", "Vendor"),
    ("Chronopost SAS", "FR", "Vendor"),
    ("DHL Express France", "FR", "Vendor"),
    ("Geodis", "FR", "Vendor"),
    ("Docapost", "FR", "Vendor"),
    ("Iron Mountain France", "FR", "Vendor"),
    ("Ricoh France", "FR", "Vendor"),
    ("Securitas France", "FR", "Vendor"),
    ("Manpower France", "FR", "Vendor"),
    ("Alan SA", "FR", "Vendor"),
    ("Malakoff Humanis", "FR", "ThirdParty"),
    (
        "Commission nationale de l'informatique et des libertés",
        "FR",
        "PublicOrganism",
    ),
    ("URSSAF Île-de-France", "FR", "PublicOrganism"),
    ("Cabinet Lexavocats", "FR", "ThirdParty"),
    ("Mazars (commissaire aux comptes)", "FR", "ThirdParty"),
    ("Ormeaux Logistique SAS", "FR", "JointController"),
    ("Ormeaux Santé", "FR", "InternalService"),
    ("Fondation Ormeaux", "FR", "InstitutionalPartner"),
    ("Criteo SA", "FR", "Vendor"),
    ("Meta Platforms Ireland Ltd", "IE", "Vendor"),
    ("TikTok Technology Ltd", "IE", "Vendor"),
    ("Twilio Ireland Ltd", "IE", "Vendor"),
    ("Infobip Ltd", "GB", "Vendor"),
    ("Cloudflare Inc.", "US", "Vendor"),
    ("Datadog Inc.", "US", "Vendor"),
    ("Sentry (Functional Software Inc.)", "US", "Vendor"),
];

/// Country of a vendor, from the legal form in its name.
pub fn country_of(company: &str) -> &'static str {
    let ends = |s: &str| company.contains(s);
    if ends("Ireland") || ends("Unlimited Company") || ends("Limited") {
        "IE"
    } else if ends("B.V.") || ends("N.V.") {
        "NL"
    } else if ends("S.à r.l.") {
        "LU"
    } else if ends("GmbH") {
        "DE"
    } else if ends("AB") {
        "SE"
    } else if ends("Pty") {
        "AU"
    } else if ends("Inc.") || ends("LLC") {
        "US"
    } else if ends("InnoCraft") {
        "NZ"
    } else if ends("Ltd") {
        "GB"
    } else if ends("Odoo") {
        "BE"
    } else {
        "FR"
    }
}
