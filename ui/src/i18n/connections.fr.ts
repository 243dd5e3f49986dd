// The Connections screen in French: the reference for `connections.en.ts`. Written for a DPO,
// who knows what a database or a shared folder is, not what a socket or a glob is.

import type { ConnectionKind } from '../bindings/ConnectionKind';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { FailureCode } from '../bindings/FailureCode';
import type { SslMode } from '../bindings/SslMode';
import type { DastraAuthType, RestAuthType } from '../lib/connectionDraft';
import type { SecretKind } from '../lib/connectionSecret';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const connections = {
  title: 'Connexions',
  total: (n: number) => plural(n, '1 connexion', `${n} connexions`),
  intro:
    'Vos espaces Dastra et les sources où se trouvent des données personnelles. Les mots de passe et les clés restent dans le trousseau du système : Passerelle ne les affiche jamais et ne les exporte jamais.',
  new: 'Nouvelle connexion',
  export: 'Exporter',
  exportSelected: (n: number) => `Exporter la sélection (${n})`,
  import: 'Importer',
  listLabel: 'Connexions enregistrées',
  selectRow: (name: string) => `Sélectionner « ${name} » pour l'export`,
  errorTitle: 'Impossible de charger les connexions',
  kinds: {
    dastraWorkspace: 'Espace Dastra',
    postgres: 'PostgreSQL',
    mysql: 'MySQL / MariaDB',
    sqlite: 'Fichier SQLite',
    folder: 'Dossier partagé',
    restApi: 'API REST',
  } satisfies Record<ConnectionKind, string>,
  sandboxName: 'Bac à sable',
  builtin: 'Intégrée',
  builtinTitle:
    'Espace de démonstration intégré à Passerelle, aux données fictives : il ne peut être ni modifié ni supprimé.',
  current: 'Espace actuel',
  currentTitle: 'Tous les écrans affichent cet espace de travail.',
  summary: {
    sandbox: 'Espace de démonstration intégré, données fictives',
    workspace: (label: string) => `espace « ${label} »`,
    workspaceId: (id: number) => `espace n° ${id}`,
    sql: (database: string, server: string, user: string) =>
      `${database} sur ${server}, utilisateur ${user}`,
    patterns: (include: number, exclude: number) =>
      [
        include > 0 ? plural(include, '1 motif inclus', `${include} motifs inclus`) : '',
        exclude > 0 ? plural(exclude, '1 exclu', `${exclude} exclus`) : '',
      ]
        .filter(Boolean)
        .join(', '),
    restAuth: {
      none: 'sans authentification',
      apiKeyHeader: 'clé API',
      bearer: 'jeton',
      basic: 'identifiant et mot de passe',
      oauth2ClientCredentials: 'OAuth2',
    } satisfies Record<RestAuthType, string>,
  },
  secret: {
    name: {
      apiKey: 'Clé API',
      privateKey: 'Clé privée',
      password: 'Mot de passe',
      token: 'Jeton',
      clientSecret: 'Secret client',
    } satisfies Record<SecretKind, string>,
    stored: {
      apiKey: 'Clé API enregistrée dans le trousseau',
      privateKey: 'Clé privée enregistrée dans le trousseau',
      password: 'Mot de passe enregistré dans le trousseau',
      token: 'Jeton enregistré dans le trousseau',
      clientSecret: 'Secret client enregistré dans le trousseau',
    } satisfies Record<SecretKind, string>,
    missing: {
      apiKey: 'Secret manquant : saisissez la clé API',
      privateKey: 'Secret manquant : saisissez la clé privée',
      password: 'Secret manquant : saisissez le mot de passe',
      token: 'Secret manquant : saisissez le jeton',
      clientSecret: 'Secret manquant : saisissez le secret client',
    } satisfies Record<SecretKind, string>,
    notSet: 'Pas de mot de passe enregistré (facultatif)',
    notNeeded: 'Aucun secret nécessaire',
  },
  lastTest: {
    never: 'Pas encore testée',
    ok: (when: string) => `Test réussi ${when}`,
    failed: (when: string) => `Échec du test ${when}`,
    today: (time: string) => `à ${time}`,
    onDay: (date: string, time: string) => `le ${date} à ${time}`,
  },
  actions: {
    test: 'Tester',
    testing: 'Test en cours…',
    use: 'Utiliser',
    useTitle: 'Faire de cet espace celui que tous les écrans affichent',
    edit: 'Modifier',
    delete: 'Supprimer',
    hideReport: 'Masquer le résultat',
    testFailed: "Le test n'a pas pu être lancé",
  },
  notice: {
    saved: (name: string) => `La connexion « ${name} » est enregistrée.`,
    deleted: (name: string) => `La connexion « ${name} » est supprimée.`,
    switched: (name: string) => `Tous les écrans affichent maintenant « ${name} ».`,
    dismiss: 'Fermer',
  },
  form: {
    newTitle: 'Nouvelle connexion',
    editTitle: (name: string) => `Modifier « ${name} »`,
    back: 'Retour aux connexions',
    kind: 'Type de connexion',
    kindLocked: 'Le type ne change pas : pour un autre type, créez une nouvelle connexion.',
    name: 'Nom',
    nameHint: "Comme vos collègues l'appellent : « CRM », « RH — SIRH »…",
    baseUrl: "Adresse de l'API",
    dastraUrlHint:
      'https://api.dastra.eu pour Dastra ; ne la changez que pour une instance dédiée.',
    restUrlHint: 'Par exemple https://crm.exemple.fr/api',
    dastraAuth: 'Authentification',
    dastraAuthTypes: {
      apiKey: 'Clé API',
      clientCredentials: 'Clé publique et clé privée (OAuth2)',
    } satisfies Record<DastraAuthType, string>,
    publicKey: 'Clé publique',
    publicKeyHint: "Affichée à côté de la clé privée, dans la page des clés d'API de Dastra.",
    workspace: 'Espace de travail',
    workspaceLoad: "Choisir l'espace de travail",
    workspaceLoading: 'Recherche des espaces…',
    workspaceHint: "Saisissez la clé, puis demandez à Dastra les espaces qu'elle ouvre.",
    workspacePlaceholder: '— Choisissez un espace —',
    workspaceCount: (n: number) =>
      n === 0
        ? "Cette clé n'ouvre aucun espace de travail."
        : plural(n, 'La clé ouvre 1 espace.', `La clé ouvre ${n} espaces.`),
    workspacesFailed: "Dastra n'a pas donné la liste des espaces",
    host: 'Serveur',
    hostHint: 'Nom ou adresse IP, sans le port',
    port: 'Port',
    database: 'Base de données',
    user: 'Utilisateur',
    userHint: 'Un compte en lecture seule suffit : Passerelle ne modifie jamais rien.',
    sslMode: 'Chiffrement (TLS)',
    sslModes: {
      disable: 'Désactivé',
      prefer: 'Si le serveur le propose',
      require: 'Obligatoire',
      verifyCa: 'Obligatoire, certificat vérifié',
      verifyFull: 'Obligatoire, certificat et nom du serveur vérifiés',
    } satisfies Record<SslMode, string>,
    schemas: 'Schémas',
    schemasHint: 'Séparés par des virgules ; tous les schémas si vide.',
    sqlitePath: 'Fichier de la base',
    sqlitePathHint: 'Chemin complet du fichier, par exemple /srv/donnees/ventes.db',
    folderPath: 'Dossier',
    folderPathHint: "Chemin complet d'un dossier local ou d'un partage réseau monté",
    include: 'Fichiers à prendre',
    includeHint: 'Un motif par ligne, par exemple **/*.pdf ; tous les fichiers si vide.',
    exclude: 'Fichiers à ignorer',
    excludeHint: 'Un motif par ligne, par exemple **/archives/**',
    restAuth: 'Authentification',
    restAuthTypes: {
      none: 'Aucune',
      apiKeyHeader: 'Clé API dans un en-tête',
      bearer: 'Jeton (Bearer)',
      basic: 'Identifiant et mot de passe (Basic)',
      oauth2ClientCredentials: 'OAuth2 (client credentials)',
    } satisfies Record<RestAuthType, string>,
    authHeader: "Nom de l'en-tête",
    authUser: 'Identifiant',
    tokenUrl: "Adresse d'obtention du jeton",
    clientId: 'Identifiant client',
    scope: 'Portée (scope)',
    optional: 'facultatif',
    headers: 'En-têtes supplémentaires',
    headersHint:
      'Un par ligne, sous la forme Nom: valeur. Jamais de mot de passe ici : ces en-têtes sont enregistrés en clair.',
    probe: 'Requête de test',
    probeMethod: 'Méthode',
    probePath: 'Chemin',
    probePathHint: "Ajouté à l'adresse de l'API, par exemple /health",
    probeStatus: 'Statut attendu',
    probeStatusHint: 'Vide : tout statut 2xx ou 3xx',
    secretStored: 'Dans le trousseau du système, jamais affiché',
    secretReplace: 'Remplacer',
    secretRemove: 'Supprimer du trousseau',
    secretKeep: 'Garder le secret enregistré',
    secretHint: 'Jamais affiché : il sera conservé dans le trousseau du système.',
    secretMissing: 'Aucun secret enregistré : saisissez-le pour que la connexion fonctionne.',
    secretRemoveFailed: "Le secret n'a pas pu être supprimé du trousseau",
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    cancel: 'Annuler',
    required: 'À renseigner',
    portRange: 'Un nombre entre 1 et 65535',
    statusRange: 'Un code HTTP entre 100 et 599, par exemple 200',
    headerLine: (line: string) => `« ${line} » : écrivez Nom: valeur`,
    pickWorkspace: "Choisissez l'espace dans la liste que donne Dastra pour cette clé",
    saveFailed: "La connexion n'a pas pu être enregistrée",
    otherFields: 'Autres réglages refusés',
  },
  report: {
    panelTitle: 'Test de la connexion',
    panelIntro:
      "Passerelle vérifie vraiment l'accès, en lecture seule, et vous dit ce qu'il a trouvé. Testez avant d'enregistrer.",
    stale: 'Les réglages ont changé depuis ce test : relancez-le pour vérifier les nouveaux.',
    run: 'Tester la connexion',
    running: 'Test en cours…',
    ok: 'La connexion fonctionne',
    failed: 'La connexion ne fonctionne pas',
    duration: (seconds: string) => `Test effectué en ${seconds} s`,
    specifics: 'Précisions :',
    technical: 'Détail technique',
    dastra: {
      user: 'Connecté en tant que',
      unknownUser: 'Utilisateur non précisé par Dastra',
      organisation: 'Organisation',
      workspace: 'Espace de travail',
      address: 'Adresse',
      workspaces: (n: number) =>
        plural(
          n,
          'Cette clé ouvre 1 espace de travail.',
          `Cette clé ouvre ${n} espaces de travail.`,
        ),
    },
    sql: {
      server: 'Serveur',
      database: 'Base',
      readOnly: 'Lecture seule confirmée par le serveur',
      notReadOnly:
        "Le serveur n'a pas confirmé la lecture seule. Passerelle n'écrit jamais, mais par prudence, donnez à cet utilisateur des droits en lecture seule.",
      tables: (tables: number, schemas: number) =>
        `${plural(tables, '1 table ou vue', `${tables} tables et vues`)} dans ${plural(schemas, '1 schéma', `${schemas} schémas`)}`,
      truncated: (shown: number) => `Seules les ${shown} premières sont listées.`,
      none: 'Aucune table trouvée dans les schémas examinés.',
      view: 'vue',
      rows: {
        exact: (n: string) => `${n} lignes`,
        estimated: (n: string) => `≈ ${n} lignes`,
        atLeast: (n: string) => `au moins ${n} lignes`,
        unknown: 'lignes non comptées',
      },
    },
    folder: {
      files: (files: string, size: string) => `${files} fichiers, ${size} au total`,
      atLeast: (files: string, size: string) =>
        `Au moins ${files} fichiers et ${size} : le parcours s'est arrêté avant la fin.`,
      path: 'Dossier',
      unreadable: (n: number) =>
        plural(
          n,
          "1 fichier ou dossier n'a pas pu être lu (droits insuffisants) et a été ignoré.",
          `${n} fichiers ou dossiers n'ont pas pu être lus (droits insuffisants) et ont été ignorés.`,
        ),
    },
    rest: {
      answer: (status: number, ms: string) => `Réponse ${status} en ${ms} ms`,
      url: 'Adresse appelée',
      contentType: 'Type de contenu',
    },
  },
  failure: {
    unreachable:
      "Passerelle n'arrive pas à joindre le serveur. Vérifiez l'adresse et le port, que le serveur est allumé et que cet ordinateur a le droit de s'y connecter (pare-feu, VPN).",
    tls: "La connexion sécurisée (TLS) a échoué. Vérifiez le réglage du chiffrement, ou demandez à l'administrateur du serveur si son certificat est valable pour cette adresse.",
    wrongCredentials:
      "L'identifiant, le mot de passe ou la clé a été refusé. Vérifiez l'identifiant, saisissez à nouveau le mot de passe ou la clé dans le formulaire, puis relancez le test.",
    missingPermission:
      "L'accès est accepté, mais ce compte n'a pas les droits nécessaires (sur la base, le dossier ou l'API). Demandez à l'administrateur de lui accorder la lecture.",
    timeout:
      "Le serveur n'a pas répondu à temps. Vérifiez l'adresse, et qu'aucun pare-feu ne bloque la connexion sans prévenir ; puis réessayez.",
    notFound:
      "La base, l'espace de travail, le fichier, le dossier ou le chemin indiqué n'existe pas. Vérifiez son nom dans les réglages.",
    invalidSettings:
      "Les réglages ne peuvent pas fonctionner tels quels (par exemple un fichier qui n'est pas une base SQLite, ou un fichier à la place d'un dossier). Corrigez-les, puis relancez le test.",
    secretMissing:
      "Aucun mot de passe ni aucune clé n'est enregistré pour cette connexion. Saisissez-le dans le formulaire, puis relancez le test.",
    querySyntax:
      "La base refuse la requête : ce n'est pas du SQL valide. Corrigez-la à l'endroit indiqué dans les précisions ci-dessous.",
    unknownTable: "La base n'a pas la table ou la vue demandée. Vérifiez son nom et son schéma.",
    unknownColumn: "La base n'a pas la colonne demandée. Vérifiez les noms de colonnes.",
    notJson:
      "L'API a répondu autre chose que du JSON. Vérifiez le chemin appelé, et que l'API répond bien en JSON à cette adresse.",
    other:
      "Le test a échoué pour une raison que Passerelle ne sait pas classer. Les précisions ci-dessous disent ce qui s'est passé.",
  } satisfies Record<FailureCode, string>,
  /** What to do about a command that failed on this screen (the message says what failed). */
  errorHint: {
    invalid:
      'Passerelle ne peut pas utiliser ces réglages tels quels : le détail dit quoi corriger.',
    notFound:
      "Cette connexion ou cet espace n'existe plus : rechargez la liste des connexions, il a peut-être été supprimé entre-temps.",
    unauthorized:
      "L'identifiant, le mot de passe ou la clé a été refusé : vérifiez-les dans la connexion, puis réessayez.",
    unreachable:
      "Le serveur ne répond pas : vérifiez l'adresse et le réseau (VPN, pare-feu), puis réessayez.",
    outcomeUnknown:
      "Impossible de savoir si l'opération a abouti : rechargez la liste des connexions avant de recommencer.",
    keyring:
      "Le trousseau du système est verrouillé ou absent : déverrouillez-le (GNOME Trousseau, KWallet, Trousseau d'accès ou Gestionnaire d'identification), puis réessayez.",
    unsupported: 'Passerelle ne sait pas encore faire cela pour ce type de connexion.',
    internal: "Erreur interne de Passerelle ; le journal de l'application contient les détails.",
  } satisfies Record<ErrorCode, string>,
  remove: {
    title: (name: string) => `Supprimer « ${name} » ?`,
    body: 'La connexion sera retirée de Passerelle. Cette action est définitive.',
    current:
      "C'est l'espace de travail que tous les écrans affichent : Passerelle reviendra au bac à sable.",
    keyring: {
      stored:
        'Son mot de passe ou sa clé sera aussi effacé du trousseau du système : il faudra le saisir à nouveau pour recréer la connexion.',
      none: "Aucun secret n'est enregistré pour elle dans le trousseau du système.",
    },
    confirm: 'Supprimer',
    cancel: 'Annuler',
    failed: "La connexion n'a pas pu être supprimée",
  },
  exporting: {
    title: 'Exporter les connexions',
    count: (n: number) =>
      n === 0
        ? "Aucune connexion à exporter : le bac à sable intégré n'est jamais exporté."
        : plural(
            n,
            '1 connexion exportée, sans aucun mot de passe ni aucune clé.',
            `${n} connexions exportées, sans aucun mot de passe ni aucune clé.`,
          ),
    hint: "Partagez ce texte avec vos collègues : chacun saisira ses propres secrets après l'import. Le bac à sable intégré n'est jamais exporté.",
    label: "Texte de l'export (JSON)",
    copy: 'Copier',
    copied: 'Copié',
    close: 'Fermer',
    failed: "L'export n'a pas pu être préparé",
  },
  importing: {
    title: 'Importer des connexions',
    intro: "Collez le texte d'un export de Passerelle, ou choisissez son fichier.",
    label: "Texte de l'export (JSON)",
    file: 'Choisir un fichier…',
    confirm: 'Importer',
    cancel: 'Annuler',
    close: 'Fermer',
    failed: "L'import n'a pas abouti",
    done: (n: number) =>
      n === 0
        ? 'Le fichier ne contenait aucune connexion.'
        : plural(n, '1 connexion importée :', `${n} connexions importées :`),
    secrets:
      'Un export ne contient jamais de secret : saisissez à nouveau le mot de passe ou la clé de chaque connexion qui en a besoin.',
    enterSecret: 'Saisir le secret',
  },
};
