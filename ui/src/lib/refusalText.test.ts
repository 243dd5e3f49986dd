import { describe, expect, it } from 'vitest';

import { IpcError } from '../api';
import type { DastraRefusal } from '../bindings/DastraRefusal';
import type { FailureCode } from '../bindings/FailureCode';
import type { SourceRefusal } from '../bindings/SourceRefusal';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { refusalText, sourceRefusalText } from './refusalText';
import { FAILURE_CODES } from '../test/codes';

const FILE = '/exports/inventaire.xlsx';

// Every way Dastra can fail a plan's reading of the workspace.
const DASTRA_REFUSALS: Record<DastraRefusal, true> = {
  unauthorized: true,
  forbidden: true,
  notFound: true,
  rejected: true,
  rateLimited: true,
  unavailable: true,
  protocol: true,
  other: true,
};

type Database = Extract<SourceRefusal, { kind: 'database' }>;
type Api = Extract<SourceRefusal, { kind: 'api' }>;

const database = (code: FailureCode, subject?: string): Database => ({
  kind: 'database',
  code,
  connection: 'ERP local',
  engine: 'PostgreSQL',
  server: 'db.interne:5432',
  database: 'erp',
  user: 'lecteur',
  ...(subject ? { subject } : {}),
  detail: 'error returned from database: the server says why',
});

const api = (code: FailureCode): Api => ({
  kind: 'api',
  code,
  connection: 'CMDB',
  url: 'https://cmdb.interne/api',
  recipe: 'cmdb.json',
});

/** One refusal of every kind, each with the place it must name. */
const EVERY_KIND: [SourceRefusal, string, string?][] = [
  [{ kind: 'noFile', format: 'CSV' }, 'CSV'],
  [{ kind: 'fileNotFound', path: FILE }, FILE],
  [{ kind: 'fileDenied', path: FILE }, FILE],
  [{ kind: 'fileUnreadable', path: FILE, detail: 'Input/output error' }, FILE],
  [{ kind: 'fileTooLarge', path: FILE, bytes: 700_000_000, limit: 536_870_912 }, FILE],
  [{ kind: 'fileFormat', path: FILE }, FILE],
  [{ kind: 'fileCorrupt', path: FILE, format: 'XLSX', detail: 'zip' }, FILE],
  [
    { kind: 'fileCorrupt', path: FILE, format: 'JSON', line: 3, detail: 'eof' },
    'ligne 3',
    'line 3',
  ],
  [{ kind: 'fileEncrypted', path: FILE, format: 'XLSX' }, FILE],
  [{ kind: 'fileEncoding', path: FILE, encoding: 'UTF-32' }, 'UTF-32'],
  [{ kind: 'fileEmpty', path: FILE }, FILE],
  [{ kind: 'fileEmpty', path: FILE, sheet: 'Fournisseurs' }, 'Fournisseurs'],
  [{ kind: 'fileBinary', path: FILE, format: 'CSV' }, FILE],
  [{ kind: 'wrongEncoding', path: FILE, encoding: 'UTF-8', line: 12 }, 'ligne 12', 'Line 12'],
  [{ kind: 'unknownEncoding', path: FILE, encoding: 'latin-9000' }, 'latin-9000'],
  [
    { kind: 'duplicateHeader', path: FILE, header: 'Nom', first: 'B', second: 'E' },
    'colonne B',
    'column B',
  ],
  [{ kind: 'unnamedColumn', path: FILE, column: 'F', row: 7 }, 'colonne F', 'column F'],
  [
    {
      kind: 'raggedRows',
      path: FILE,
      width: 4,
      rows: [
        { row: 3, cells: 5 },
        { row: 9, cells: 3 },
      ],
    },
    'la ligne 3 en a 5, la ligne 9 en a 3',
    'row 3 has 5, row 9 has 3',
  ],
  [
    { kind: 'noSuchSheet', path: FILE, sheet: 'Apps', sheets: ['Feuil1', 'Contrats'] },
    'Feuil1, Contrats',
  ],
  [
    { kind: 'noRecordsAt', path: FILE, records: 'result', detail: 'no array' },
    '« result »',
    '“result”',
  ],
  [{ kind: 'noRecordsAt', path: FILE, detail: 'an object' }, FILE],
  [{ kind: 'badDelimiter', path: FILE, delimiter: '§' }, '§'],
  [{ kind: 'notATable', path: FILE, format: 'PDF' }, 'PDF'],
  [{ kind: 'connectionNotFound', connection: 'CMDB' }, '« CMDB »', '“CMDB”'],
  [
    { kind: 'connectionUnusable', connection: 'CMDB', detail: 'keyring locked' },
    '« CMDB »',
    '“CMDB”',
  ],
  [{ kind: 'notAnApi', connection: 'ERP local' }, '« ERP local »', '“ERP local”'],
  [{ kind: 'notADatabase', connection: 'CMDB' }, '« CMDB »', '“CMDB”'],
  [{ kind: 'recipeFile', path: '/r/cmdb.json', code: 'notFound', detail: 'x' }, '/r/cmdb.json'],
  [
    { kind: 'recipeFile', path: '/r/cmdb.json', code: 'invalidSettings', detail: 'x' },
    '/r/cmdb.json',
  ],
  [{ kind: 'capped', recipe: 'CMDB', records: 100 }, '100'],
  [{ kind: 'emptyQuery', connection: 'ERP local' }, '« ERP local »', '“ERP local”'],
  [{ kind: 'emptyRecipe', recipe: 'cmdb.json', connection: 'CMDB' }, 'cmdb.json'],
  ...FAILURE_CODES.map((c): [SourceRefusal, string] => [database(c, 'apps'), 'db.interne:5432']),
  ...FAILURE_CODES.map((c): [SourceRefusal, string] => [api(c), 'https://cmdb.interne/api']),
  ...(Object.keys(DASTRA_REFUSALS) as DastraRefusal[]).flatMap(
    (refusal): [SourceRefusal, string, string][] => [
      [
        { kind: 'workspace', reading: 'records', refusal, status: 503 },
        'fiches actuelles du registre',
        "register's current records",
      ],
      [
        { kind: 'workspace', reading: 'lookups', refusal },
        'étiquettes, domaines et acteurs',
        'tags, areas and actors',
      ],
    ],
  ),
];

describe('a source refused, in the window’s language', () => {
  it('words every kind and every failure code in French and in English, naming the place', () => {
    for (const [refusal, place, englishPlace] of EVERY_KIND) {
      const french = refusalText(refusal, fr, 'fr');
      const english = refusalText(refusal, en, 'en');
      const what = `${refusal.kind} ${'code' in refusal ? refusal.code : ''}`;
      expect(french, what).toContain(place);
      expect(english, what).toContain(englishPlace ?? place);
      for (const text of [french, english]) {
        const sentence = text.split(/ Détail : | Detail: /u)[0]!;
        expect(sentence, what).toMatch(/^[A-ZÀ-Ý«“P]/u);
        expect(sentence, what).toMatch(/[.)]$/u);
        expect(text, what).not.toMatch(/undefined|null|\[object/u);
      }
      expect(french, what).not.toBe(english);
    }
  });

  it('says Dastra was down while the plan read the workspace, with its status', () => {
    const down: SourceRefusal = {
      kind: 'workspace',
      reading: 'records',
      refusal: 'unavailable',
      status: 503,
    };
    expect(refusalText(down, fr, 'fr')).toBe(
      'Dastra ne répondait pas (erreur 503) en lisant les fiches actuelles du registre : ' +
        'préparez le plan à nouveau quand il est joignable.',
    );
    expect(refusalText(down, en, 'en')).toBe(
      "Dastra did not answer (error 503) while reading the register's current records: " +
        'prepare the plan again once it can be reached.',
    );
    const other: SourceRefusal = { kind: 'workspace', reading: 'lookups', refusal: 'other' };
    expect(refusalText(other, fr, 'fr')).toMatch(
      /^Dastra n'a pas pu fournir les étiquettes, domaines et acteurs/u,
    );
  });

  it('says which user, table or column a database refused, and what to do', () => {
    expect(refusalText(database('unknownTable', 'apps'), fr, 'fr')).toBe(
      "La requête lit la table « apps », que le serveur PostgreSQL db.interne:5432 (base « erp », connexion « ERP local ») n'a pas : vérifiez le nom de la table ou de la vue, et son schéma. Détail : error returned from database: the server says why",
    );
    expect(refusalText(database('unknownColumn', 'libelle'), en, 'en')).toBe(
      "The query reads the column “libelle”, which the PostgreSQL server db.interne:5432 (database “erp”, connection “ERP local”) does not have: check the query's column names. Detail: error returned from database: the server says why",
    );
    expect(refusalText(database('querySyntax'), fr, 'fr')).toMatch(
      /^Le serveur PostgreSQL db\.interne:5432 \(base « erp », connexion « ERP local »\) refuse la requête, qui n'est pas du SQL valide : corrigez-la/u,
    );
    expect(refusalText(database('wrongCredentials'), fr, 'fr')).toContain(
      "refuse l'utilisateur « lecteur » ou son mot de passe",
    );
    expect(refusalText(database('missingPermission', 'paie'), fr, 'fr')).toContain(
      'refuse la lecture de la table « paie » au compte de la connexion : demandez',
    );
    expect(refusalText(database('missingPermission'), en, 'en')).toContain(
      "does not let the connection's account read this data",
    );
    const sqlite: SourceRefusal = {
      ...database('unreachable'),
      engine: 'SQLite',
      server: '/data/erp.db',
      database: '',
      user: '',
    };
    expect(refusalText(sqlite, fr, 'fr')).toMatch(
      /^Passerelle n'arrive pas à joindre le fichier SQLite \/data\/erp\.db \(connexion « ERP local »\)/u,
    );
  });

  it('says an API refused the token or is down, in French and in English', () => {
    expect(refusalText(api('wrongCredentials'), fr, 'fr')).toBe(
      "L'API https://cmdb.interne/api (connexion « CMDB ») refuse les identifiants (HTTP 401) : vérifiez le type d'authentification, et saisissez à nouveau le jeton ou la clé dans Connexions.",
    );
    expect(refusalText(api('wrongCredentials'), en, 'en')).toBe(
      'The API https://cmdb.interne/api (connection “CMDB”) refuses the credentials (HTTP 401): check the authentication type, and enter the token or key again in Connections.',
    );
    expect(refusalText(api('unreachable'), fr, 'fr')).toBe(
      "Passerelle n'arrive pas à joindre l'API https://cmdb.interne/api (connexion « CMDB ») : vérifiez l'adresse de base dans Connexions, que le service est en marche, et que cet ordinateur peut s'y connecter (pare-feu, VPN, proxy).",
    );
    expect(refusalText(api('unreachable'), en, 'en')).toBe(
      'Passerelle cannot reach the API https://cmdb.interne/api (connection “CMDB”): check the base URL in Connections, that the service is running, and that this computer may connect to it (firewall, VPN, proxy).',
    );
    expect(refusalText(api('missingPermission'), fr, 'fr')).toContain('(HTTP 403)');
    expect(refusalText(api('timeout'), fr, 'fr')).toContain("n'a pas répondu à temps");
    expect(refusalText(api('notJson'), fr, 'fr')).toContain(
      'a répondu autre chose que du JSON : vérifiez le chemin (path) de la recette cmdb.json',
    );
    const withDetail: SourceRefusal = { ...api('other'), detail: 'The API answered HTTP 502.' };
    expect(refusalText(withDetail, fr, 'fr')).toMatch(
      /le détail dit pourquoi\. Détail : The API answered HTTP 502\.$/u,
    );
  });

  it('says a damaged file is damaged, where, and how to repair it', () => {
    const cut: SourceRefusal = {
      kind: 'fileCorrupt',
      path: '/exports/now.json',
      format: 'JSON',
      line: 3,
      detail: 'eof while parsing a value at line 3, column 1',
    };
    expect(refusalText(cut, fr, 'fr')).toBe(
      "Le fichier « /exports/now.json » n'est pas un fichier JSON valide : il devient illisible à la ligne 3 (il est peut-être tronqué). Exportez-le à nouveau depuis le système d'où il vient.",
    );
    expect(refusalText(cut, en, 'en')).toBe(
      'The file “/exports/now.json” is not a valid JSON file: it cannot be read from line 3 on (it may have been cut short). Export it again from the system it comes from.',
    );
    const xlsx: SourceRefusal = { kind: 'fileCorrupt', path: FILE, format: 'XLSX', detail: 'zip' };
    expect(refusalText(xlsx, fr, 'fr')).toBe(
      `Le fichier « ${FILE} » n'est pas un fichier XLSX valide. Ouvrez-le dans Excel et enregistrez-le à nouveau.`,
    );
    expect(refusalText({ ...xlsx, format: 'ODS' }, en, 'en')).toBe(
      `The file “${FILE}” is not a valid ODS file. Open it in LibreOffice Calc and save it again.`,
    );
    const big: SourceRefusal = {
      kind: 'fileTooLarge',
      path: FILE,
      bytes: 1_500_000,
      limit: 1_000_000,
    };
    expect(refusalText(big, fr, 'fr')).not.toContain('1500000');
    expect(refusalText(big, en, 'en')).not.toContain('1500000');
  });
});

describe('the refusal of a source, from the error', () => {
  it('prefers the refusal to the English sentence, and keeps the sentence when there is none', () => {
    const message = 'the API at https://cmdb.interne/api refused the credentials (HTTP 401)';
    const refused = new IpcError('unauthorized', message, [], [], api('wrongCredentials'));
    expect(sourceRefusalText(refused, '', fr, 'fr')).toContain('refuse les identifiants');
    expect(sourceRefusalText(refused, '', fr, 'fr')).not.toContain('refused');
    const bare = new IpcError('internal', 'something else went wrong');
    expect(sourceRefusalText(bare, '', fr, 'fr')).toBe('something else went wrong');
  });

  it('reads the refusal the backend sends, and drops one that is not a refusal', () => {
    const sent = { code: 'unauthorized', message: 'HTTP 401', refusal: api('wrongCredentials') };
    expect(IpcError.from(sent).refusal).toEqual(api('wrongCredentials'));
    expect(IpcError.from({ code: 'invalid', message: 'x', refusal: 'oops' }).refusal).toBeNull();
  });
});
