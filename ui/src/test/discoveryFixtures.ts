// What the fake discovery finds for a request: made-up records about the requester in three
// sources (a shared folder with a CSV, a PDF letter and an e-mail; a PostgreSQL database with a
// customer row and its orders; a MySQL shop with a possible namesake), and what it could not
// read. Spans are computed in UTF-8 bytes, as the Rust side sends them.

import type { Finding } from '../bindings/Finding';
import type { FindingField } from '../bindings/FindingField';
import type { Issue } from '../bindings/Issue';
import type { PiiKind } from '../bindings/PiiKind';
import type { Span } from '../bindings/Span';
import { byteSpanOf } from '../lib/byteSpan';
import { BOUTIQUE_ID, CLIENTS_ID, RH_ID } from './fixtures';

/** Who the request is about, as the fake reads it from the request. */
export type Subject = { given: string; family: string; email: string; phone: string | null };

/** A finding and the unit of its source after which it is found. */
export type FakeFinding = { unit: number; finding: Finding };

/** A source the fake searches: how much work it is, in ticks of the fake clock. */
export type FakeSourcePlan = {
  id: string;
  units: number;
  bytesTotal: number | null;
  itemsPerUnit: number;
  skipped: number;
};

export const SOURCE_PLANS: FakeSourcePlan[] = [
  { id: RH_ID, units: 4, bytesTotal: 3_400_000, itemsPerUnit: 180, skipped: 2 },
  { id: CLIENTS_ID, units: 3, bytesTotal: null, itemsPerUnit: 4_200, skipped: 0 },
  { id: BOUTIQUE_ID, units: 3, bytesTotal: null, itemsPerUnit: 2_600, skipped: 0 },
];

const spans = (value: string, parts: (string | null)[]): Span[] =>
  parts.flatMap((p) => (p ? [byteSpanOf(value, p)].filter((s): s is Span => s !== null) : []));

function field(
  name: string,
  value: string,
  matched: (string | null)[],
  pii: [PiiKind, string][] = [],
): FindingField {
  return {
    name,
    value,
    matched: spans(value, matched),
    pii: pii.flatMap(([kind, part]) => {
      const span = byteSpanOf(value, part);
      return span ? [{ kind, span }] : [];
    }),
  };
}

/** Every finding about `s`, in the order the sources find them. */
export function findingsFor(s: Subject): FakeFinding[] {
  const full = `${s.given} ${s.family}`;
  const phone = s.phone ?? '+33 6 12 34 56 78';
  const letter = `Madame ${full} nous écrit au sujet de son contrat. Copie à marc@exemple.fr, son conseiller.`;
  const mail = `Bonjour, je suis ${full}. Mon numéro de sécurité sociale est 2 84 05 69 123 456 78. Merci de rappeler ma voisine au 06 98 76 54 32.`;
  return [
    {
      unit: 0,
      finding: {
        sourceId: RH_ID,
        location: { type: 'file', path: 'crm/clients.csv', row: 2 },
        confidence: 'certain',
        score: 0.98,
        reasonFr: "L'adresse e-mail et le nom complet correspondent.",
        reasonEn: 'The e-mail address and the full name match.',
        fields: [
          field('nom', s.family, [s.family]),
          field('prenom', s.given, [s.given]),
          field('courriel', s.email, [s.email], [['email', s.email]]),
          field(
            'iban',
            'FR76 3000 6000 0112 3456 7890 189',
            [],
            [['iban', 'FR76 3000 6000 0112 3456 7890 189']],
          ),
        ],
      },
    },
    {
      unit: 1,
      finding: {
        sourceId: RH_ID,
        location: { type: 'file', path: 'courriers/lettre.pdf', page: 2, line: 1 },
        confidence: 'likely',
        score: 0.81,
        reasonFr: 'Le nom complet apparaît dans le texte, sans autre identifiant.',
        reasonEn: 'The full name appears in the text, with no other identifier.',
        fields: [field('text', letter, [full], [['email', 'marc@exemple.fr']])],
      },
    },
    {
      unit: 2,
      finding: {
        sourceId: RH_ID,
        location: { type: 'file', path: 'mails/reclamation.eml', line: 3 },
        confidence: 'certain',
        score: 0.95,
        reasonFr: "L'expéditeur a l'adresse e-mail de la personne.",
        reasonEn: "The sender has the person's e-mail address.",
        fields: [
          field('From', s.email, [s.email], [['email', s.email]]),
          field('Subject', 'Réclamation commande 4471', []),
          field(
            'text',
            mail,
            [full],
            [
              ['nir', '2 84 05 69 123 456 78'],
              ['phone', '06 98 76 54 32'],
            ],
          ),
        ],
      },
    },
    {
      unit: 0,
      finding: {
        sourceId: CLIENTS_ID,
        location: { type: 'row', table: 'public.clients', key: [['id', '1']] },
        confidence: 'certain',
        score: 0.99,
        reasonFr: "L'adresse e-mail et le téléphone correspondent.",
        reasonEn: 'The e-mail address and the phone number match.',
        fields: [
          field('id', '1', []),
          field('email', s.email, [s.email], [['email', s.email]]),
          field('nom', s.family, [s.family]),
          field('prenom', s.given, [s.given]),
          field('telephone', phone, s.phone ? [phone] : [], [['phone', phone]]),
        ],
        linked: [
          {
            table: 'public.commandes',
            via: 'commandes.client_id → clients.id',
            rows: [
              [
                ['id', '4471'],
                ['client_id', '1'],
                ['date', '2026-10-14'],
                ['montant', '89.90'],
              ],
              [
                ['id', '4502'],
                ['client_id', '1'],
                ['date', '2026-11-02'],
                ['montant', '24.50'],
              ],
            ],
          },
        ],
      },
    },
    {
      unit: 1,
      finding: {
        sourceId: CLIENTS_ID,
        location: { type: 'row', table: 'public.tickets', key: [['id', '88']] },
        confidence: 'likely',
        score: 0.77,
        reasonFr: 'Le nom complet apparaît dans le message du ticket.',
        reasonEn: "The full name appears in the ticket's message.",
        fields: [
          field('id', '88', []),
          field('sujet', 'Livraison en retard', []),
          field(
            'message',
            `Appel de ${full} : colis non reçu. Rappeler au 06 98 76 54 32 (son fils).`,
            [full],
            [['phone', '06 98 76 54 32']],
          ),
        ],
      },
    },
    {
      unit: 2,
      finding: {
        sourceId: BOUTIQUE_ID,
        location: { type: 'row', table: 'comptes', key: [['id', '512']] },
        confidence: 'possible',
        score: 0.46,
        reasonFr:
          "Même prénom et nom proche, mais ni l'e-mail ni le téléphone ne correspondent : peut-être un homonyme.",
        reasonEn:
          'Same given name and a close family name, but neither the e-mail nor the phone match: perhaps a namesake.',
        fields: [
          field('id', '512', []),
          field('prenom', s.given, [s.given]),
          field('nom', s.family.split('-')[0] ?? s.family, []),
          field('ville', 'Marseille', []),
          field('email', 'e.dupont@autre-exemple.fr', [], [['email', 'e.dupont@autre-exemple.fr']]),
        ],
      },
    },
  ];
}

/** What the sources could not read. */
export const ISSUES: Issue[] = [
  {
    sourceId: RH_ID,
    unit: 'archives/scan-2019.pdf',
    code: 'corruptFile',
    message:
      'This PDF file is damaged and could not be read. Open it to check its content by hand.',
  },
  {
    sourceId: BOUTIQUE_ID,
    unit: 'journal_2021',
    code: 'missingPermission',
    message:
      'The connection user may not read this table. Ask for read access, or check it by hand.',
  },
];
