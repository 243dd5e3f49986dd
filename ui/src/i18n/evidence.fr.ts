// The evidence package, its upload to Dastra and the audit log, in French: the reference for
// `evidence.en.ts`. Written for a DPO about to answer a request: what is in the file, what will
// be sent, what the log proves.

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const evidence = {
  package: {
    title: 'Dossier de réponse',
    intro:
      'Passerelle rassemble les résultats inclus, avec leurs masquages, dans un fichier zip et un rapport à lire avant l’envoi.',
    build: 'Préparer le dossier de réponse',
    rebuild: 'Préparer à nouveau',
    building: 'Préparation…',
    remaining: (n: number) =>
      plural(
        n,
        'Il reste 1 résultat à examiner : il ne sera pas dans le dossier.',
        `Il reste ${n} résultats à examiner : ils ne seront pas dans le dossier.`,
      ),
    running: 'La recherche est en cours : attendez qu’elle se termine pour préparer le dossier.',
    buildAnyway: 'Préparer quand même',
    confirmTitle: 'Préparer sans les résultats non examinés ?',
    confirmBody: (n: number) =>
      plural(
        n,
        '1 résultat n’a pas de décision. Il sera laissé de côté : ni inclus, ni exclu.',
        `${n} résultats n’ont pas de décision. Ils seront laissés de côté : ni inclus, ni exclus.`,
      ),
    confirmHint: 'Vous pourrez préparer le dossier à nouveau après les avoir examinés.',
    confirm: 'Préparer sans eux',
    cancel: 'Annuler',
    failed: 'Le dossier n’a pas pu être préparé',
    dismiss: 'Fermer',
    outdated:
      'Des décisions ont changé depuis : ce dossier ne les contient pas. Préparez-le à nouveau avant de le joindre.',
    builtTitle: 'Dossier prêt',
    counts: {
      included: 'Inclus',
      excluded: 'Exclus',
      undecided: 'Non examinés',
      redactions: 'Masquages',
    },
    file: 'Fichier',
    size: 'Taille',
    where: 'Emplacement',
    fingerprint: 'Empreinte SHA-256',
    filesTitle: (n: number) => plural(n, 'Contenu : 1 fichier', `Contenu : ${n} fichiers`),
    fileColumns: { name: 'Nom', size: 'Taille', sha256: 'SHA-256' },
    readReport: 'Lire le rapport',
    hideReport: 'Masquer le rapport',
    reportLabel: (name: string) => `Rapport ${name}`,
    reportHint:
      'Le rapport tel que la personne le lira. Relisez-le avant de joindre le dossier à la demande.',
  },
  attach: {
    open: 'Joindre au dossier dans Dastra',
    title: (id: number) => `Joindre à la demande n° ${id}`,
    intro: (file: string) =>
      `Le fichier ${file} sera ajouté aux pièces jointes de la demande dans Dastra.`,
    step: 'Étape du suivi',
    stepHint: 'Les étapes du suivi des demandes de votre espace Dastra.',
    stepUnavailable:
      'Les étapes du suivi n’ont pas pu être lues dans Dastra : l’étape reste celle d’aujourd’hui.',
    keepStep: (current: string) => `Ne pas changer (${current})`,
    keepStepUnknown: 'Ne pas changer',
    stepOption: (label: string, state: string) => `${label} — état « ${state} »`,
    uploadLabel: 'Envoi du dossier',
    uploaded: (percent: number, sent: string, total: string) =>
      `${percent} % envoyés (${sent} sur ${total})`,
    state: 'Nouvel état de la demande',
    keepState: (current: string) => `Ne pas changer (${current})`,
    keepStateUnknown: 'Ne pas changer',
    message: 'Message de résolution',
    messageOptional: 'facultatif',
    messageHint: 'Le texte de la réponse enregistré dans Dastra avec la demande.',
    confirm: 'Joindre',
    sending: 'Envoi en cours…',
    cancel: 'Annuler',
    close: 'Fermer',
    done: 'Joint à la demande',
    already: 'Déjà joint : rien n’a été renvoyé',
    changes: (n: number) =>
      n === 0
        ? 'Aucun changement envoyé à la demande.'
        : plural(n, '1 changement envoyé à la demande.', `${n} changements envoyés à la demande.`),
    stateNow: (state: string) => `État de la demande : ${state}.`,
    failed: 'L’envoi a échoué',
    unknown:
      'Passerelle ne sait pas si l’envoi a abouti. Vérifiez les pièces jointes de la demande dans Dastra avant de réessayer.',
    retry: 'Réessayer',
    toRequest: 'Voir la demande',
  },
  audit: {
    title: 'Audit',
    intro:
      'Le journal garde qui a fait quoi et quand : chaque recherche, consultation, décision et envoi. Il ne contient jamais les données elles-mêmes. Chaque entrée est liée à la précédente, ce qui rend toute modification visible.',
    total: (n: number, s: string) => plural(n, `${s} entrée`, `${s} entrées`),
    request: 'N° de demande',
    requestPlaceholder: 'Toutes les demandes',
    clear: 'Effacer',
    columns: {
      time: 'Date',
      actor: 'Qui',
      action: 'Action',
      request: 'Demande',
      counts: 'Quantités',
    },
    requestLink: (id: number) => `n° ${id}`,
    emptyTitle: 'Aucune entrée',
    emptyBody: 'Rien n’a encore été enregistré pour cette sélection.',
    errorTitle: 'Impossible de lire le journal',
    verify: 'Vérifier l’intégrité',
    verifying: 'Vérification…',
    verifyFailed: 'La vérification n’a pas pu être faite',
    intact: (n: number, s: string) => `${plural(n, `${s} entrée`, `${s} entrées`)}, chaîne intacte`,
    broken: (seq: number, reason: string) => `Chaîne rompue à l’entrée ${seq} : ${reason}`,
    head: 'Dernière entrée, à noter pour comparer plus tard :',
    exportJson: 'Exporter (JSON)',
    exportCsv: 'Exporter (CSV)',
    exporting: 'Export en cours…',
    exported: (n: number, s: string) =>
      `${plural(n, `${s} entrée exportée`, `${s} entrées exportées`)} dans :`,
    exportFailed: 'L’export n’a pas pu être fait',
    exportHint:
      'Le fichier contient chaque entrée et sa chaîne d’empreintes : un auditeur peut vérifier la chaîne à partir du fichier seul.',
    actions: {
      discoveryStarted: 'Recherche lancée',
      discoveryResumed: 'Recherche reprise',
      discoveryCancelled: 'Recherche arrêtée',
      findingsViewed: 'Résultats consultés',
      findingReviewed: 'Résultats examinés',
      packageBuilt: 'Dossier préparé',
      packageOpened: 'Dossier ouvert',
      attachmentUploaded: 'Pièce jointe envoyée',
      requestUpdated: 'Demande mise à jour',
      findingsPurged: 'Résultats effacés',
      connectionTested: 'Connexion testée',
      importPlanned: 'Import préparé',
      importApplied: 'Import appliqué',
      importUndone: 'Import annulé',
      auditExported: 'Journal exporté',
    },
    counts: {
      findings: (n: number, s: string) => plural(n, `${s} résultat`, `${s} résultats`),
      included: (_n: number, s: string) => `${s} inclus`,
      excluded: (n: number, s: string) => `${s} ${plural(n, 'exclu', 'exclus')}`,
      redacted: (n: number, s: string) => plural(n, `${s} masquage`, `${s} masquages`),
      sources: (n: number, s: string) => plural(n, `${s} source`, `${s} sources`),
      files: (n: number, s: string) => plural(n, `${s} fichier`, `${s} fichiers`),
      records: (n: number, s: string) => plural(n, `${s} enregistrement`, `${s} enregistrements`),
      bytes: (_n: number, s: string) => `${s} octets`,
      created: (n: number, s: string) => plural(n, `${s} créé`, `${s} créés`),
      updated: (n: number, s: string) => plural(n, `${s} modifié`, `${s} modifiés`),
      deleted: (n: number, s: string) => plural(n, `${s} supprimé`, `${s} supprimés`),
      unchanged: (n: number, s: string) => plural(n, `${s} inchangé`, `${s} inchangés`),
      skipped: (n: number, s: string) => plural(n, `${s} ignoré`, `${s} ignorés`),
      failed: (n: number, s: string) => plural(n, `${s} en échec`, `${s} en échec`),
      jobs: (n: number, s: string) => plural(n, `${s} recherche`, `${s} recherches`),
      entries: (n: number, s: string) => plural(n, `${s} entrée`, `${s} entrées`),
    },
  },
};
