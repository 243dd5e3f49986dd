// Imports in French: preparing an import, reviewing its plan row by row, applying it, reading
// what it did, undoing it. The reference for `imports.en.ts`. Written for a DPO who fears a
// bulk import that overwrites or duplicates records: say what will change, plainly.

import type { ConflictChoice } from '../bindings/ConflictChoice';
import type { ImportState } from '../bindings/ImportState';
import type { OutcomeKind } from '../bindings/OutcomeKind';
import type { RowKind } from '../bindings/RowKind';
import { formatCount } from '../lib/format';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** A count as the language writes it (« 10 150 », "10,150"). */
const count = (n: number) => formatCount(n, 'fr');

export const imports = {
  history: {
    title: 'Imports',
    intro:
      "Préparez un import, vérifiez son plan ligne par ligne avant d'écrire dans Dastra, puis retrouvez ici chaque import passé avec son rapport. Un import appliqué peut être annulé.",
    newTitle: 'Nouvel import',
    profileLabel: 'Profil de mapping',
    profileHint:
      'Collez le profil enregistré (le fichier .json du studio de mapping ou de la ligne de commande).',
    sourceLabel: 'Source à importer',
    sourceHint:
      'Un fichier (chemin complet d’un export CSV, Excel, ODS ou JSON), une requête SQL ou une recette REST sur une connexion enregistrée. Le type suit celui du profil.',
    plan: 'Préparer le plan',
    planning: 'Lecture de la source et de Dastra…',
    planFailed: "Le plan n'a pas pu être préparé",
    fromStudio:
      'Profil et source repris du studio de mapping : vérifiez-les, puis préparez le plan.',
    pastTitle: 'Imports passés',
    emptyTitle: 'Aucun import pour le moment',
    emptyBody: 'Les imports préparés apparaîtront ici, les plus récents d’abord.',
    columns: {
      date: 'Préparé le',
      profile: 'Profil · source → registre',
      state: 'État',
      result: 'Résultat',
      actions: 'Actions',
    },
    open: 'Ouvrir',
    undo: 'Annuler l’import',
    result: (created: number, updated: number, undone: number) =>
      undone > 0
        ? `${count(undone)} ${plural(undone, 'ligne annulée', 'lignes annulées')}`
        : `${count(created)} ${plural(created, 'créé', 'créés')}, ${count(updated)} ${plural(updated, 'modifié', 'modifiés')}`,
    notApplied: 'Rien d’écrit',
  },
  source: {
    query: (connection: string): string => `requête sur « ${connection} »`,
    recipe: (recipe: string, connection: string): string =>
      `recette « ${recipe} » sur « ${connection} »`,
  },
  entity: {
    asset: 'Actifs',
    contract: 'Contrats',
    actor: 'Acteurs',
    other: 'Autre',
  },
  state: {
    planned: 'Plan prêt',
    applying: 'En cours d’application',
    applied: 'Appliqué',
    cancelled: 'Interrompu',
    failed: 'En échec',
    undoing: 'Annulation en cours',
    undone: 'Annulé',
  } satisfies Record<ImportState, string>,
  kind: {
    create: 'Création',
    update: 'Modification',
    unchanged: 'Inchangé',
    conflict: 'Conflit',
    invalid: 'Invalide',
    missing: 'Absent de la source',
  } satisfies Record<RowKind, string>,
  kindPlural: {
    create: 'Créations',
    update: 'Modifications',
    unchanged: 'Inchangés',
    conflict: 'Conflits',
    invalid: 'Invalides',
    missing: 'Absents de la source',
  } satisfies Record<RowKind, string>,
  outcome: {
    created: 'Créé',
    updated: 'Modifié',
    tagged: 'Étiqueté',
    archived: 'Archivé',
    skipped: 'Rien écrit',
    stale: 'Modifié dans Dastra entre-temps',
    failed: 'Échec',
    unsupported: 'Non pris en charge',
    undone: 'Annulé',
  } satisfies Record<OutcomeKind, string>,
  choice: {
    keepDastra: 'Garder Dastra',
    takeSource: 'Prendre la source',
    skip: 'Ignorer',
  } satisfies Record<ConflictChoice, string>,
  preview: {
    back: 'Tous les imports',
    subtitle: (source: string, entity: string, rows: number) =>
      `${source} → ${entity} · ${count(rows)} ${plural(rows, 'ligne', 'lignes')}`,
    chartTitle: 'Ce que ferait l’import',
    chartTitleApplied: 'Ce que prévoyait le plan',
    chartLabel: 'Lignes du plan par classe',
    chartFilter: (kind: string) => `Ne montrer que : ${kind}`,
    filterLabel: 'Filtrer par classe',
    all: 'Toutes',
    search: 'Rechercher une ligne',
    searchPlaceholder: 'Clé, libellé, valeur…',
    clear: 'Effacer la recherche',
    shown: (n: number, total: number) =>
      n === total
        ? `${count(total)} ${plural(total, 'ligne', 'lignes')}`
        : `${count(n)} ${plural(n, 'ligne affichée', 'lignes affichées')} sur ${count(total)}`,
    tableLabel: 'Lignes du plan',
    columns: {
      select: 'Écrire',
      row: 'Ligne',
      key: 'Clé',
      label: 'Fiche',
      kind: 'Classe',
      detail: 'Ce qui change',
      outcome: 'Résultat',
    },
    selectRow: (key: string) => `Écrire la ligne ${key}`,
    selectShown: 'Tout cocher',
    deselectShown: 'Tout décocher',
    loadingRow: 'Chargement…',
    empty: '(vide)',
    fieldLabel: (field: string) => `${field}\u00a0: `,
    more: (n: number) => `+${n} ${plural(n, 'autre champ', 'autres champs')}`,
    duplicateInSource: (rows: string) => `Clé en double (lignes ${rows})`,
    severalInDastra: (ids: string) => `Clé sur plusieurs fiches Dastra (${ids})`,
    ambiguousLookup: 'Nom trouvé sur plusieurs fiches Dastra',
    duplicateInSourceHelp: (rows: string, key: string) =>
      `Les lignes ${rows} de la source portent le même « ${key} » : choisissez « Prendre la source » sur celle à écrire, ou gardez une seule ligne par « ${key} » dans le fichier.`,
    severalInDastraHelp: (ids: string, key: string) =>
      `Les fiches Dastra ${ids} portent ce « ${key} » : donnez-leur des valeurs distinctes dans Dastra, ou archivez celles en trop, puis préparez le plan à nouveau.`,
    choose: 'Que faire de ce conflit ?',
    undecided: 'À décider…',
    takeSourceOnlyDuplicates:
      'Seul un doublon de la source peut être pris : corrigez les fiches en double dans Dastra.',
    missingTag: (label: string) => `Sera étiqueté « ${label} »`,
    missingArchive: 'Sera archivé',
    missingIgnore: 'Laissé tel quel',
    missingUnsupported: (policy: string): string =>
      policy === 'archive'
        ? 'Rien ne sera fait : Dastra ne peut pas l’archiver'
        : 'Rien ne sera fait : Dastra ne peut pas l’étiqueter',
    unchanged: 'Dastra a déjà ces valeurs',
    create: (n: number) => `Nouvelle fiche, ${n} ${plural(n, 'champ', 'champs')}`,
    chooseFailed: 'Ce choix a été refusé',
  },
  warning: {
    title: 'À savoir avant d’appliquer',
    /** The profile asks Dastra for what it does not do on this entity. */
    missingPolicyUnsupported: (policy: string, entity: string, missing: number): string => {
      const [one, many] =
        entity === 'contract'
          ? ['le contrat absent', 'contrats absents']
          : entity === 'actor'
            ? ['l’acteur absent', 'acteurs absents']
            : ['l’actif absent', 'actifs absents'];
      const what =
        missing === 1
          ? `${one} de la source restera tel quel`
          : `les ${count(missing)} ${many} de la source resteront tels quels`;
      return policy === 'archive'
        ? `Le profil demande d’archiver les fiches absentes de la source, mais Dastra n’archive que les contrats : ${what}. Choisissez « Les étiqueter » dans le studio pour les signaler, ou traitez-les dans Dastra.`
        : `Le profil demande d’étiqueter les fiches absentes de la source, mais Dastra n’étiquette que les actifs et les acteurs : ${what}. Choisissez « Les laisser tels quels » dans le studio, ou traitez-les dans Dastra.`;
    },
  },
  apply: {
    toWrite: (n: number) =>
      n === 0
        ? 'Aucune ligne à écrire'
        : `${count(n)} ${plural(n, 'ligne sera écrite', 'lignes seront écrites')} dans Dastra`,
    conflictsLeft: (n: number) =>
      `${n} ${plural(n, 'conflit non tranché', 'conflits non tranchés')} : ${plural(n, 'il ne sera pas écrit', 'ils ne seront pas écrits')}.`,
    apply: 'Appliquer l’import',
    confirmTitle: 'Appliquer cet import ?',
    confirmBody: (n: number) =>
      `${count(n)} ${plural(n, 'ligne sera écrite', 'lignes seront écrites')} dans Dastra, avec une copie de chaque fiche avant modification pour pouvoir annuler.`,
    confirm: 'Appliquer',
    keep: 'Revenir au plan',
    progressLabel: 'Avancement',
    progress: (done: number, total: number) => `${count(done)} sur ${count(total)}`,
    eta: (text: string) => `environ ${text} restantes`,
    etaUnknown: 'estimation en cours…',
    cancel: 'Interrompre',
    cancelling: 'Interruption…',
    resume: 'Reprendre l’application',
    interrupted: (written: number, total: number) =>
      `Interrompu après ${count(written)} ${plural(written, 'ligne écrite', 'lignes écrites')} sur ${count(total)} : reprenez pour écrire les autres, ou annulez ce qui a été écrit.`,
    failed: "L'import n'a pas pu aller au bout",
    reportTitle: 'Rapport',
    reportIntro: 'Ce que l’import a fait, ligne par ligne. Filtrez par résultat :',
    undo: 'Annuler l’import',
    undoTitle: 'Annuler cet import ?',
    undoBody:
      'Les fiches créées seront supprimées et les champs modifiés retrouveront leur valeur d’avant. Une fiche modifiée dans Dastra depuis l’import ne sera pas touchée.',
    undoConfirm: 'Annuler l’import',
    undoneNote: 'Cet import a été annulé : Dastra a retrouvé son état d’avant.',
    applyFailed: "L'application n'a pas pu démarrer",
    rowsFailed: (n: number) =>
      `${count(n)} ${plural(n, "ligne n'a pas pu être écrite", "lignes n'ont pas pu être écrites")} dans Dastra. Leur raison est dans le rapport (filtre « Échec ») ; réglez-la, puis reprenez l’application : les lignes déjà écrites ne le seront pas deux fois.`,
    applyRefused:
      'Cet import ne peut pas être appliqué maintenant : il est déjà appliqué, en cours ou annulé. Préparez le plan à nouveau pour l’appliquer encore.',
    undoRefused:
      'Seul un import appliqué peut être annulé : celui-ci ne l’est pas encore, ou il est en cours d’application ou d’annulation.',
    importGone:
      'Cet import n’existe plus dans Passerelle : son dossier a été supprimé. Préparez le plan à nouveau depuis l’écran Imports.',
    rowsNotUndone: (n: number) =>
      `${count(n)} ${plural(n, "ligne n'a pas été annulée : sa fiche a changé", "lignes n'ont pas été annulées : leurs fiches ont changé")} dans Dastra depuis l’import, ou Dastra n’a pas répondu. Voyez le rapport, puis corrigez dans Dastra ou annulez à nouveau plus tard.`,
  },
  /** Why a row's write failed, with what to do. */
  writeFailure: {
    unauthorized:
      'Dastra a refusé la clé d’API. Vérifiez-la dans Connexions, puis reprenez l’application.',
    forbidden:
      'La clé d’API n’a pas le droit d’écrire cette fiche. Demandez ce droit à l’administrateur de Dastra, puis reprenez.',
    notFound:
      'Dastra ne trouve plus cette fiche : elle a peut-être été supprimée. Préparez le plan à nouveau.',
    rejected:
      'Dastra a refusé les valeurs de cette ligne. Corrigez la source ou le profil, puis préparez le plan à nouveau.',
    rateLimited:
      'Dastra a limité le nombre d’appels. Attendez quelques minutes, puis reprenez l’application.',
    unavailable: (status: number | undefined) =>
      `Dastra injoignable${status ? ` (HTTP ${status})` : ''}. Reprenez l’application quand il répond de nouveau.`,
    protocol:
      'La réponse de Dastra était illisible. Reprenez l’application ; si cela se répète, signalez-le.',
    other: 'L’écriture a échoué. Reprenez l’application ; si cela se répète, signalez-le.',
    createLost:
      'La réponse à la création s’est perdue et aucune fiche ne porte sa clé : rien n’a été créé. Reprenez l’application.',
    updateLost:
      'La réponse à la modification s’est perdue et elle n’a pas été faite. Reprenez l’application.',
    keyHeldBySeveral: (n: number, field: string) =>
      `${count(n)} fiches portent maintenant ce « ${field} » dans Dastra. N’en gardez qu’une, puis préparez le plan à nouveau.`,
    internal:
      'Passerelle s’est trompée sur cette ligne (son journal ne correspond pas au plan). Signalez-le ; les autres lignes ne sont pas touchées.',
    unsupported:
      'Dastra ne permet pas de le faire pour ce type de fiche par son API. Choisissez une autre règle pour les fiches absentes de la source, ou faites-le dans Dastra.',
    dastraSaid: (detail: string) => `Dastra a répondu : « ${detail} »`,
  },
};
