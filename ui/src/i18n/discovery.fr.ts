// Discovery in French: preparing a search from a request, following it, reviewing what it
// found. The reference for `discovery.en.ts`. Written for a DPO answering a request under a
// deadline: short sentences, the GDPR's words, nothing technical left unexplained.

import type { Confidence } from '../bindings/Confidence';
import type { ExcludeReason } from '../bindings/ExcludeReason';
import type { IdentifierKind } from '../bindings/IdentifierKind';
import type { PiiKind } from '../bindings/PiiKind';
import type { JobStatus } from '../lib/jobStatus';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const discovery = {
  run: 'Lancer la recherche',
  list: {
    title: 'Découverte',
    intro:
      "Les recherches lancées depuis une demande, les plus récentes d'abord. Ouvrez-en une pour suivre son avancement ou revoir ses résultats.",
    emptyTitle: 'Aucune recherche pour le moment',
    emptyBody:
      'Ouvrez une demande dans la liste des demandes, puis choisissez « Lancer la recherche ».',
    toInbox: 'Aller aux demandes',
    errorTitle: 'Impossible de charger les recherches',
    columns: {
      request: 'Demande',
      started: 'Lancée le',
      state: 'État',
      sources: 'Sources',
      findings: 'Résultats',
    },
    request: (id: number) => `Demande n° ${id}`,
    open: 'Ouvrir',
  },
  launch: {
    title: 'Préparer la recherche',
    back: 'Retour à la demande',
    errorTitle: 'Impossible de préparer la recherche',
    identityTitle: 'Qui rechercher',
    identityIntro:
      'Les identifiants lus dans la demande. Ajoutez-en si vous en connaissez d’autres (nom de jeune fille, numéro client), retirez ceux qui ne servent pas.',
    noIdentifiers: 'Aucun identifiant : ajoutez-en au moins un.',
    fromRequest: (field: string) => `du formulaire : ${field}`,
    requestFields: {
      email: 'adresse e-mail',
      phoneNumber: 'téléphone',
      givenName: 'prénom',
      familyName: 'nom',
      'givenName familyName': 'prénom et nom',
      address: 'adresse',
      zipCode: 'code postal',
      city: 'ville',
      refId: 'référence',
      userId: 'identifiant utilisateur',
    } as Record<string, string>,
    extraField: (key: string) => `champ complémentaire « ${key} »`,
    refusals: {
      identifiers: 'il n’y a personne à rechercher : ajoutez au moins un identifiant.',
      sourceIds: 'aucun endroit où chercher n’est choisi : cochez au moins une connexion.',
    } as Record<string, string>,
    addedByYou: 'ajouté par vous',
    remove: 'Retirer',
    removeLabel: (value: string) => `Retirer ${value}`,
    add: 'Ajouter un identifiant',
    kind: 'Type',
    value: 'Valeur',
    save: 'Ajouter',
    cancelAdd: 'Annuler',
    sourcesTitle: 'Où rechercher',
    sourcesIntro: 'Les connexions enregistrées. Passerelle les lit sans rien modifier.',
    noSources: 'Aucune connexion à rechercher : ajoutez-en une dans l’écran Connexions.',
    notSearchable:
      "Les API HTTP se recherchent pour l'instant en ligne de commande, avec une recette.",
    jobsTitle: 'Recherches précédentes de cette demande',
    noJobs: "Aucune recherche n'a encore été lancée pour cette demande.",
    openJob: 'Ouvrir',
    start: 'Lancer la recherche',
    starting: 'Lancement…',
    summary: (ids: number, sources: number) =>
      `${plural(ids, '1 identifiant', `${ids} identifiants`)} dans ${plural(sources, '1 source', `${sources} sources`)}`,
    startFailed: (why: string) => `La recherche n’a pas pu être lancée : ${why}`,
  },
  identifierKind: {
    email: 'E-mail',
    phone: 'Téléphone',
    givenName: 'Prénom',
    familyName: 'Nom',
    fullName: 'Nom complet',
    address: 'Adresse',
    postalCode: 'Code postal',
    city: 'Ville',
    refId: 'Référence',
    userId: 'Identifiant utilisateur',
    customerNumber: 'Numéro client',
    iban: 'IBAN',
    dateOfBirth: 'Date de naissance',
    other: 'Autre',
  } satisfies Record<IdentifierKind, string>,
  job: {
    title: (id: number) => `Recherche pour la demande n° ${id}`,
    back: 'Toutes les recherches',
    toRequest: 'Voir la demande',
    errorTitle: 'Impossible de charger la recherche',
    started: (when: string) => `Lancée le ${when}`,
    cancel: 'Arrêter la recherche',
    resume: 'Reprendre',
    openReview: 'Revoir les résultats',
    interrupted:
      "Cette recherche a été interrompue (Passerelle a été fermé). Reprenez-la : ce qui est déjà lu n'est pas relu.",
    cancelled: 'Vous avez arrêté cette recherche. Vous pouvez la reprendre là où elle en était.',
    someFailed:
      'Une source au moins n’a pas pu être lue. Corrigez sa connexion, puis reprenez : seules les sources en échec sont relues.',
    finished: (n: number) =>
      n === 0
        ? 'Recherche terminée : rien trouvé.'
        : `Recherche terminée : ${plural(n, '1 résultat', `${n} résultats`)} à revoir.`,
    finishError: (error: string) => `La recherche s’est arrêtée : ${error}`,
    counts: {
      units: (done: string, total: string | null) =>
        total === null ? `${done} éléments lus` : `${done} sur ${total} éléments`,
      items: (n: number, s: string) =>
        plural(n, `${s} enregistrement examiné`, `${s} enregistrements examinés`),
      findings: (n: number) => plural(n, '1 résultat', `${n} résultats`),
      issues: (n: number) => plural(n, '1 illisible', `${n} illisibles`),
      skipped: (n: number) => plural(n, '1 fichier ignoré', `${n} fichiers ignorés`),
      bytes: (done: string, total: string) => `${done} sur ${total}`,
    },
    skippedTitle:
      'Fichiers dont Passerelle ne lit pas le format (images, archives) : à vérifier à la main si besoin.',
    eta: (seconds: number) => {
      if (seconds < 60) return "moins d'une minute";
      if (seconds < 3600) return `environ ${Math.round(seconds / 60)} min`;
      const h = Math.floor(seconds / 3600);
      const m = Math.round((seconds % 3600) / 60);
      return m === 0 ? `environ ${h} h` : `environ ${h} h ${m}`;
    },
    etaLabel: (eta: string) => `Reste ${eta}`,
  },
  status: {
    pending: 'En attente',
    running: 'En cours',
    interrupted: 'Interrompue',
    cancelled: 'Arrêtée',
    done: 'Terminée',
    partial: 'Terminée, avec des échecs',
    failed: 'Échec',
  } satisfies Record<JobStatus, string>,
  sourceState: {
    pending: 'En attente',
    running: 'En cours',
    cancelled: 'Arrêtée',
    done: 'Terminée',
    failed: 'Échec',
    interrupted: 'Interrompue',
  },
  review: {
    title: (id: number) => `Résultats de la demande n° ${id}`,
    back: 'Retour à la recherche',
    errorTitle: 'Impossible de charger les résultats',
    remaining: (n: number) => (n === 0 ? 'Tout est examiné' : `${n} à examiner`),
    total: (n: number) => plural(n, '1 résultat', `${n} résultats`),
    emptyTitle: 'Aucun résultat',
    emptyBody:
      'La recherche n’a rien trouvé sur cette personne dans les sources choisies. Vérifiez les éléments illisibles ci-dessous, s’il y en a.',
    stillRunning: 'La recherche continue : de nouveaux résultats peuvent encore arriver.',
    confidence: {
      certain: 'Certain',
      likely: 'Probable',
      possible: 'Possible — à confirmer',
    } satisfies Record<Confidence, string>,
    possibleHint: 'Ce résultat attend votre confirmation : il peut concerner un homonyme.',
    include: 'Inclure',
    confirm: 'Confirmer',
    exclude: 'Exclure',
    undo: 'Annuler la décision',
    included: 'Inclus dans la réponse',
    excluded: (reason: string) => `Exclu : ${reason}`,
    select: 'Sélectionner',
    selectLabel: (where: string) => `Sélectionner ${where}`,
    selected: (n: number) => plural(n, '1 sélectionné', `${n} sélectionnés`),
    bulkInclude: 'Inclure la sélection',
    bulkExclude: 'Exclure la sélection',
    clearSelection: 'Désélectionner',
    includeCertain: (n: number) => `Inclure les résultats certains (${n})`,
    linked: (n: number, table: string) =>
      `${plural(n, '1 ligne liée', `${n} lignes liées`)} dans ${table}`,
    thirdParty: (kind: string) => `${kind} — donnée d'un tiers ?`,
    piiAction: 'Cliquez pour masquer, ou pour rétablir si c’est masqué.',
    redactField: 'Masquer le champ',
    unredactField: 'Rétablir le champ',
    redacted: 'masqué',
    redactions: (n: number) => plural(n, '1 masquage', `${n} masquages`),
    issuesTitle: (n: number) => plural(n, '1 élément illisible', `${n} éléments illisibles`),
    issuesIntro:
      'Ces fichiers ou tables n’ont pas pu être lus. Vérifiez-les à la main avant de répondre.',
    keys: 'Clavier : j/k ou ↑/↓ pour passer d’un résultat à l’autre, i pour inclure, e pour exclure, r pour masquer la donnée d’un tiers, x pour sélectionner.',
    saveFailed: 'Ce changement n’a pas été enregistré',
    dismiss: 'Fermer',
    location: {
      row: (n: number) => `ligne ${n}`,
      line: (n: number) => `ligne ${n}`,
      page: (n: number) => `page ${n}`,
      sheet: (name: string) => `feuille ${name}`,
      table: (name: string) => `table ${name}`,
      api: (recipe: string) => `API ${recipe}`,
      record: (id: string) => `fiche ${id}`,
    },
    groupTable: (table: string) => `table ${table}`,
  },
  exclude: {
    title: (n: number) => (n === 1 ? 'Exclure ce résultat' : `Exclure ${n} résultats`),
    reason: 'Motif',
    note: 'Précision',
    noteOptional: 'facultatif',
    noteRequired: 'Dites en quelques mots pourquoi ce résultat est exclu.',
    confirm: 'Exclure',
    cancel: 'Annuler',
    reasons: {
      notThisPerson: 'Ne concerne pas la personne',
      thirdPartyRights: 'Droits des tiers',
      legalPrivilege: 'Secret professionnel',
      duplicate: 'Doublon',
      other: 'Autre motif',
    } satisfies Record<ExcludeReason, string>,
  },
  piiKind: {
    email: 'E-mail',
    iban: 'IBAN',
    nir: 'NIR',
    paymentCard: 'Carte bancaire',
    siret: 'SIRET',
    ipv6: 'Adresse IPv6',
    phone: 'Téléphone',
    siren: 'SIREN',
    ipv4: 'Adresse IPv4',
    dateOfBirth: 'Date de naissance',
    date: 'Date',
  } satisfies Record<PiiKind, string>,
};
