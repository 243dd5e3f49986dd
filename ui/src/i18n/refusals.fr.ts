// Why a source could not be read, in French: the backend sends the refusal's kind and where it
// happened (`SourceRefusal`: the file and its line or sheet, the connection and its server or
// API, the table or column), and `lib/refusalText.ts` picks the sentence here, which says what
// went wrong, where, and what to do. A sentence may open on its place (`le serveur …`): the
// wording function capitalises it.

import type { DastraRefusal } from '../bindings/DastraRefusal';
import type { FailureCode } from '../bindings/FailureCode';
import type { WorkspaceReading } from '../bindings/WorkspaceReading';

type S = string | number;
type Say = (where: S, subject: S) => string;

export const refusals = {
  detail: (text: S) => `Détail : ${text}`,
  list: ', ',
  noFile: (format: S) => `Le profil lit un fichier ${format} : choisissez le fichier à importer.`,
  fileNotFound: (path: S) =>
    `Le fichier « ${path} » est introuvable : vérifiez son chemin, ou choisissez-le avec « Parcourir… ».`,
  fileDenied: (path: S) =>
    `Passerelle n'a pas le droit de lire le fichier « ${path} » : demandez l'accès en lecture à son propriétaire, ou copiez-le dans l'un de vos dossiers.`,
  fileUnreadable: (path: S) =>
    `Le fichier « ${path} » n'a pas pu être lu jusqu'au bout : vérifiez que son disque ou son partage réseau est bien connecté, puis réessayez.`,
  fileTooLarge: (path: S, size: S, limit: S) =>
    `Le fichier « ${path} » est trop volumineux (${size}, la limite est de ${limit}) : découpez-le en plusieurs fichiers.`,
  fileFormat: (path: S) =>
    `Le fichier « ${path} » n'est pas dans un format que Passerelle importe : enregistrez-le en CSV, XLSX, ODS ou JSON.`,
  fileCorrupt: (path: S, format: S, repair: S) =>
    `Le fichier « ${path} » n'est pas un fichier ${format} valide. ${repair}`,
  fileCorruptAt: (path: S, format: S, line: S, repair: S) =>
    `Le fichier « ${path} » n'est pas un fichier ${format} valide : il devient illisible à la ligne ${line} (il est peut-être tronqué). ${repair}`,
  repair: {
    XLSX: 'Ouvrez-le dans Excel et enregistrez-le à nouveau.',
    ODS: 'Ouvrez-le dans LibreOffice Calc et enregistrez-le à nouveau.',
    other: "Exportez-le à nouveau depuis le système d'où il vient.",
  },
  fileEncrypted: (path: S, format: S) =>
    `Le fichier ${format} « ${path} » est protégé par un mot de passe : demandez à son propriétaire une copie sans mot de passe.`,
  fileEncoding: (path: S, encoding: S) =>
    `Le fichier « ${path} » est écrit dans un encodage que Passerelle ne lit pas (${encoding}) : enregistrez-le à nouveau en UTF-8.`,
  fileEmpty: (path: S) =>
    `Le fichier « ${path} » ne contient aucune ligne à importer : exportez à nouveau les données, avec la ligne d'en-tête et au moins une ligne.`,
  sheetEmpty: (path: S, sheet: S) =>
    `La feuille « ${sheet} » du fichier « ${path} » ne contient aucune ligne à importer : choisissez une autre feuille, ou exportez à nouveau les données avec la ligne d'en-tête et au moins une ligne.`,
  fileBinary: (path: S, format: S) =>
    `Le fichier « ${path} » n'est pas du texte ${format} (c'est peut-être un autre format renommé) : exportez à nouveau les données en ${format}.`,
  wrongEncoding: (path: S, encoding: S, line: S) =>
    `La ligne ${line} du fichier « ${path} » n'est pas en ${encoding} : indiquez le véritable encodage du fichier (windows-1252 pour un CSV enregistré par Excel sous Windows, par exemple), ou enregistrez-le à nouveau en UTF-8.`,
  unknownEncoding: (path: S, encoding: S) =>
    `Passerelle ne connaît pas l'encodage « ${encoding} » indiqué pour « ${path} » : utilisez un nom comme utf-8, windows-1252 ou iso-8859-15.`,
  duplicateHeader: (path: S, header: S, first: S, second: S) =>
    `Dans « ${path} », l'en-tête « ${header} » nomme à la fois la colonne ${first} et la colonne ${second} : renommez l'une des deux, pour que chaque colonne ait son propre nom.`,
  unnamedColumn: (path: S, column: S, row: S) =>
    `Dans « ${path} », la colonne ${column} contient des valeurs (dès la ligne ${row}) mais n'a pas d'en-tête : donnez-lui un nom dans la ligne d'en-tête, ou supprimez-la.`,
  raggedRows: (path: S, width: S, rows: S) =>
    `Dans « ${path} », des lignes n'ont pas les ${width} cellules de l'en-tête (${rows}) : une valeur qui contient le séparateur doit être entre guillemets. Exportez à nouveau le fichier, ou corrigez ces lignes.`,
  raggedRow: (row: S, cells: S) => `la ligne ${row} en a ${cells}`,
  noSuchSheet: (path: S, sheet: S, sheets: S) =>
    `Le classeur « ${path} » n'a pas de feuille « ${sheet} » (ses feuilles : ${sheets}) : indiquez l'une d'elles.`,
  noRecordsAt: (path: S, records: S) =>
    `Dans « ${path} », les enregistrements ne sont pas à « ${records} », ou ne sont pas des objets : corrigez le chemin des enregistrements (le chemin pointé vers la liste, comme result).`,
  noRecordsRoot: (path: S) =>
    `Le document « ${path} » n'est pas une liste d'objets : indiquez le chemin pointé vers la liste des enregistrements (comme result).`,
  badDelimiter: (path: S, delimiter: S) =>
    `Le séparateur « ${delimiter} » indiqué pour « ${path} » n'est pas un caractère simple : utilisez ; , | ou une tabulation.`,
  notATable: (path: S, format: S) =>
    `Le fichier « ${path} » est un document ${format}, pas un tableau : importez un fichier CSV, XLSX, ODS, JSON ou NDJSON.`,
  connectionNotFound: (connection: S) =>
    `Aucune connexion enregistrée ne s'appelle « ${connection} » : créez-la dans Connexions, ou choisissez-en une autre dans la source.`,
  connectionUnusable: (connection: S) =>
    `La connexion « ${connection} » ne peut pas être ouverte : son secret n'a pas pu être lu dans le trousseau du système. Déverrouillez le trousseau, ou saisissez à nouveau le secret dans Connexions.`,
  notAnApi: (connection: S) =>
    `La connexion « ${connection} » n'est pas une API HTTP : une recette REST s'exécute sur une connexion de type API.`,
  notADatabase: (connection: S) =>
    `La connexion « ${connection} » n'est pas une base de données : une requête SQL s'exécute sur une connexion PostgreSQL, MySQL/MariaDB ou SQLite.`,
  server: (engine: S, server: S, database: S, connection: S) =>
    `le serveur ${engine} ${server} (base « ${database} », connexion « ${connection} »)`,
  sqliteFile: (file: S, connection: S) => `le fichier SQLite ${file} (connexion « ${connection} »)`,
  /** A database's failure: `where` is `server` or `sqliteFile`, `subject` the user or table. */
  database: {
    unreachable: (where: S) =>
      `Passerelle n'arrive pas à joindre ${where} : vérifiez que le serveur est démarré, son adresse et son port, et que cet ordinateur a le droit de s'y connecter (pare-feu, VPN).`,
    tls: (where: S) =>
      `La connexion sécurisée (TLS) avec ${where} a échoué : vérifiez le réglage du chiffrement de la connexion, ou demandez à l'administrateur du serveur si son certificat est valable pour cette adresse.`,
    wrongCredentials: (where: S, user: S) =>
      `${where} refuse l'utilisateur « ${user} » ou son mot de passe : vérifiez-les dans Connexions ; si le mot de passe a changé, saisissez le nouveau.`,
    missingPermission: (where: S, table: S) =>
      `${where} refuse la lecture de ${table} au compte de la connexion : demandez à l'administrateur de la base de lui accorder la lecture (SELECT).`,
    timeout: (where: S) =>
      `${where} n'a pas répondu à temps : vérifiez l'adresse et le réseau, ou allégez la requête, puis réessayez.`,
    notFound: (where: S) =>
      `${where} n'a pas cette base : vérifiez le nom de la base dans Connexions (majuscules et minuscules comptent).`,
    invalidSettings: (where: S) =>
      `La requête ne peut pas être lue telle quelle sur ${where} : un import lit une seule requête SELECT ou WITH, sans « ; » au milieu, dont chaque colonne a son propre nom (nommez-les avec AS). Corrigez la requête.`,
    secretMissing: (where: S) =>
      `Aucun mot de passe n'est enregistré pour ${where} : saisissez-le dans Connexions.`,
    querySyntax: (where: S) =>
      `${where} refuse la requête, qui n'est pas du SQL valide : corrigez-la à l'endroit indiqué dans le détail.`,
    unknownTable: (where: S, table: S) =>
      `La requête lit ${table}, que ${where} n'a pas : vérifiez le nom de la table ou de la vue, et son schéma.`,
    unknownColumn: (where: S, column: S) =>
      `La requête lit ${column}, que ${where} n'a pas : vérifiez les noms de colonnes de la requête.`,
    notJson: (where: S) =>
      `${where} a renvoyé une réponse que Passerelle ne sait pas lire : réessayez ; si cela persiste, le détail dit pourquoi.`,
    other: (where: S) => `${where} n'a pas pu exécuter la requête : le détail dit pourquoi.`,
  } satisfies Record<FailureCode, Say>,
  table: (name: S) => `la table « ${name} »`,
  someTable: 'une table',
  column: (name: S) => `la colonne « ${name} »`,
  someColumn: 'une colonne',
  someData: 'ces données',
  api: (url: S, connection: S) => `l'API ${url} (connexion « ${connection} »)`,
  /** An API's failure: `where` is `api`, `recipe` the recipe's file. */
  apiFailure: {
    unreachable: (where: S) =>
      `Passerelle n'arrive pas à joindre ${where} : vérifiez l'adresse de base dans Connexions, que le service est en marche, et que cet ordinateur peut s'y connecter (pare-feu, VPN, proxy).`,
    tls: (where: S) =>
      `La connexion sécurisée (TLS) avec ${where} a échoué : vérifiez l'adresse (https), ou demandez à l'administrateur de l'API si son certificat est valable.`,
    wrongCredentials: (where: S) =>
      `${where} refuse les identifiants (HTTP 401) : vérifiez le type d'authentification, et saisissez à nouveau le jeton ou la clé dans Connexions.`,
    missingPermission: (where: S) =>
      `${where} refuse l'accès à ces données (HTTP 403) : ces identifiants n'en ont pas le droit ; demandez-le à l'administrateur de l'API.`,
    timeout: (where: S) =>
      `${where} n'a pas répondu à temps : réessayez plus tard, ou réduisez la taille des pages dans la recette.`,
    notFound: (where: S, recipe: S) =>
      `Rien à l'adresse demandée par la recette ${recipe} sur ${where} (HTTP 404) : vérifiez l'adresse de base de la connexion et le chemin (path) de la recette.`,
    invalidSettings: (where: S, recipe: S) =>
      `La recette ${recipe} ne peut pas s'exécuter sur ${where} : corrigez le champ indiqué dans le détail, ou l'adresse de base de la connexion.`,
    secretMissing: (where: S) =>
      `Aucun jeton ni aucune clé n'est enregistré pour ${where} : saisissez-le dans Connexions.`,
    querySyntax: (where: S, recipe: S) =>
      `La recette ${recipe} n'a pas pu lire ${where} : le détail dit pourquoi.`,
    unknownTable: (where: S, recipe: S) =>
      `La recette ${recipe} n'a pas pu lire ${where} : le détail dit pourquoi.`,
    unknownColumn: (where: S, recipe: S) =>
      `La recette ${recipe} n'a pas pu lire ${where} : le détail dit pourquoi.`,
    notJson: (where: S, recipe: S) =>
      `${where} a répondu autre chose que du JSON : vérifiez le chemin (path) de la recette ${recipe}, et que l'API répond bien en JSON à cette adresse.`,
    other: (where: S, recipe: S) =>
      `${where} n'a pas fourni les enregistrements de la recette ${recipe} (erreur du serveur, ou réponse inattendue) : réessayez plus tard ; si cela persiste, le détail dit pourquoi.`,
  } satisfies Record<FailureCode, Say>,
  recipeNotFound: (path: S) =>
    `Le fichier de recette « ${path} » est introuvable ou illisible : vérifiez son chemin dans la source.`,
  recipeInvalid: (path: S) =>
    `Le fichier de recette « ${path} » n'est pas une recette valide : corrigez le champ indiqué dans le détail.`,
  capped: (recipe: S, records: S) =>
    `La recette « ${recipe} » s'est arrêtée à sa limite après ${records} enregistrements : l'import ne verrait qu'une partie de la source. Augmentez maxPages et maxRecords dans la recette.`,
  emptyQuery: (connection: S) =>
    `La requête sur « ${connection} » ne renvoie aucune ligne : vérifiez-la ; une source vide ferait passer chaque fiche de Dastra pour absente.`,
  /** Dastra failed while the plan read the workspace: `what` is `lookups` or `records`. */
  workspaceReading: {
    lookups: 'les étiquettes, domaines et acteurs que le profil recherche',
    records: 'les fiches actuelles du registre',
  } satisfies Record<WorkspaceReading, string>,
  workspace: {
    unauthorized: (what: S) =>
      `Dastra a refusé la clé d'API en lisant ${what} : vérifiez la clé de l'espace de travail dans Connexions.`,
    forbidden: (what: S) =>
      `La clé d'API n'a pas le droit de lire ${what} : demandez ce droit à l'administrateur de Dastra.`,
    notFound: (what: S) =>
      `Dastra ne trouve pas ${what} (HTTP 404) : vérifiez l'adresse et l'espace de travail choisis dans Connexions.`,
    rejected: (what: S) =>
      `Dastra a refusé la lecture de ${what} : vérifiez l'espace de travail choisi ; si cela persiste, signalez-le.`,
    rateLimited: (what: S) =>
      `Dastra a limité le nombre d'appels en lisant ${what} : attendez quelques minutes, puis préparez le plan à nouveau.`,
    unavailable: (what: S, status: S) =>
      `Dastra ne répondait pas${status ? ` (erreur ${status})` : ''} en lisant ${what} : préparez le plan à nouveau quand il est joignable.`,
    protocol: (what: S) =>
      `Dastra a répondu quelque chose d'illisible en lisant ${what} : vérifiez que la connexion pointe bien vers une API Dastra.`,
    other: (what: S) =>
      `Dastra n'a pas pu fournir ${what} : préparez le plan à nouveau ; si cela persiste, signalez-le.`,
  } satisfies Record<DastraRefusal, (what: S, status: S) => string>,
  emptyRecipe: (recipe: S, connection: S) =>
    `La recette ${recipe} sur « ${connection} » ne renvoie aucun enregistrement : vérifiez-la ; une source vide ferait passer chaque fiche de Dastra pour absente.`,
};
