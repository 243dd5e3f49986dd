// What is wrong with a source value and how to fix it, in French: the engine sends each
// problem's kind and params (`passerelle_mapping::Problem`), and `lib/problemText.ts` picks
// the sentence here. Values are quoted as the engine shortens them.

type S = string | number;

export const problems = {
  at: (column: S, what: S) => `colonne « ${column} » : ${what}`,
  or: ' ou ',
  missingColumn:
    "la source n'a pas cette colonne : ajoutez-la à la source, ou modifiez la correspondance",
  missingColumnClosest: (closest: S) =>
    `la source n'a pas cette colonne : vouliez-vous dire « ${closest} » ? Renommez la colonne, ou modifiez la correspondance`,
  missingKey: (entity: S) =>
    `la clé de correspondance est vide, la ligne ne peut être rapprochée d'aucun ${entity} Dastra : remplissez la colonne, ou retirez la ligne de la source`,
  entities: { asset: 'actif', contract: 'contrat', actor: 'acteur', dataField: 'champ de données' },
  requiredEmpty: (field: S) =>
    `Dastra exige « ${field} » et la cellule est vide : remplissez-la, ou ajoutez une étape « Valeur par défaut si vide »`,
  requiredUnmapped: (field: S) =>
    `Dastra exige « ${field} » et le profil n'y associe rien : ajoutez une correspondance (une valeur fixe suffit)`,
  tooLong: (value: S, length: S, max: S, field: S) =>
    `« ${value} » fait ${length} caractères et « ${field} » en accepte ${max} au plus dans Dastra : raccourcissez-le dans le fichier, ou coupez-le par une transformation`,
  notInEnum: (value: S, allowed: S) =>
    `« ${value} » n'est pas l'une des valeurs ${allowed} : ajoutez-la à la correspondance de valeurs, ou corrigez le fichier`,
  wrongType: {
    one: (field: S) =>
      `« ${field} » prend une seule valeur, pas une liste : ajoutez une étape « Joindre », ou « Découper » avec un n° de partie`,
    uuid: (value: S, field: S) => `« ${value} » n'est pas un UUID, ce que « ${field} » attend`,
    integer: (value: S, field: S) =>
      `« ${value} » n'est pas un nombre entier, ce que « ${field} » attend : corrigez le fichier`,
    number: (value: S, field: S) =>
      `« ${value} » n'est pas un nombre, ce que « ${field} » attend : corrigez le fichier, ou ajoutez une étape « Lire un nombre »`,
    boolean: (value: S, field: S) =>
      `« ${value} » n'est ni oui ni non, ce que « ${field} » attend : corrigez le fichier, ou ajoutez une étape « Oui/non »`,
    dateTime: (value: S, field: S) =>
      `« ${value} » n'est pas une date que Dastra lit, ce que « ${field} » attend : ajoutez une étape « Lire une date » au format du fichier (par exemple dd/MM/yyyy)`,
    reference: (value: S, field: S, target: S) =>
      `« ${value} » est un nom, pas l'identifiant ${target} Dastra : ajoutez une étape « Rechercher dans Dastra » à « ${field} »`,
  },
  referenced: {
    Tag: "d'une étiquette",
    Area: "d'une entité",
    Actor: "d'un acteur",
    Asset: "d'un actif",
  },
  badDate: (value: S, formats: S) =>
    `« ${value} » n'est pas une date écrite ${formats} : corrigez le fichier, ou ajoutez son format aux formats de l'étape « Lire une date »`,
  badNumber: (value: S) =>
    `« ${value} » n'est pas un nombre : écrivez-le en chiffres, comme 1 234,50, ou videz la cellule`,
  badBoolean: (value: S) =>
    `« ${value} » n'est pas un mot pour oui ou non (oui/non, vrai/faux, yes/no, true/false, 1/0, x) : corrigez le fichier, ou ajoutez une correspondance de valeurs avant l'étape « Oui/non »`,
  unresolvedLookup: {
    tag: (value: S) =>
      `aucune étiquette Dastra ne s'appelle « ${value} » : créez-la dans Dastra, corrigez le fichier, ou envoyez la valeur vers un nom existant par une correspondance de valeurs`,
    area: (value: S) =>
      `aucune entité Dastra ne s'appelle « ${value} » : créez-la dans Dastra, corrigez le fichier, ou envoyez la valeur vers un nom existant par une correspondance de valeurs`,
    actor: (value: S) =>
      `aucun acteur Dastra ne s'appelle « ${value} » : créez-le dans Dastra, corrigez le fichier, ou envoyez la valeur vers un nom existant par une correspondance de valeurs`,
    asset: (value: S) =>
      `aucun actif Dastra ne s'appelle « ${value} » : créez-le dans Dastra, corrigez le fichier, ou envoyez la valeur vers un nom existant par une correspondance de valeurs`,
  },
  ambiguousLookup: {
    tag: (count: S, value: S, ids: S) =>
      `${count} étiquettes Dastra s'appellent « ${value} » (ids ${ids}) : renommez-les toutes sauf une dans Dastra`,
    area: (count: S, value: S, ids: S) =>
      `${count} entités Dastra s'appellent « ${value} » (ids ${ids}) : renommez-les toutes sauf une dans Dastra`,
    actor: (count: S, value: S, ids: S) =>
      `${count} acteurs Dastra s'appellent « ${value} » (ids ${ids}) : renommez-les tous sauf un dans Dastra`,
    asset: (count: S, value: S, ids: S) =>
      `${count} actifs Dastra s'appellent « ${value} » (ids ${ids}) : renommez-les tous sauf un dans Dastra`,
  },
};
