// Problems with source values in English; typed by the French section's shape.

import type { Messages } from './fr';

type S = string | number;

export const problems: Messages['problems'] = {
  at: (column: S, what: S) => `column “${column}”: ${what}`,
  or: ' or ',
  missingColumn: 'the source has no such column: add it to the source, or edit the mapping',
  missingColumnClosest: (closest: S) =>
    `the source has no such column: did you mean “${closest}”? Rename the column, or edit the mapping`,
  missingKey: (entity: S) =>
    `the match key is empty, so the row cannot be matched with a Dastra ${entity}: fill the column, or remove the row from the source`,
  entities: { asset: 'asset', contract: 'contract', actor: 'actor', dataField: 'data field' },
  requiredEmpty: (field: S) =>
    `Dastra requires “${field}” and the cell is empty: fill it, or add a “Default when empty” step`,
  requiredUnmapped: (field: S) =>
    `Dastra requires “${field}” and the profile maps nothing to it: add a mapping (a constant will do)`,
  tooLong: (value: S, length: S, max: S, field: S) =>
    `“${value}” is ${length} characters long and Dastra's “${field}” holds at most ${max}: shorten it in the file, or cut it with a transform`,
  notInEnum: (value: S, allowed: S) =>
    `“${value}” is not one of ${allowed}: add it to the value map, or correct the file`,
  wrongType: {
    one: (field: S) =>
      `“${field}” holds one value, not a list: add a “Join” step, or a “Split” step with a part number`,
    uuid: (value: S, field: S) => `“${value}” is not a UUID, which “${field}” holds`,
    integer: (value: S, field: S) =>
      `“${value}” is not a whole number, which “${field}” holds: correct the file`,
    number: (value: S, field: S) =>
      `“${value}” is not a number, which “${field}” holds: correct the file, or add a “Read a number” step`,
    boolean: (value: S, field: S) =>
      `“${value}” is not yes or no, which “${field}” holds: correct the file, or add a “Yes/no” step`,
    dateTime: (value: S, field: S) =>
      `“${value}” is not a date Dastra reads, which “${field}” holds: add a “Read a date” step with the file's format (such as dd/MM/yyyy)`,
    reference: (value: S, field: S, target: S) =>
      `“${value}” is a name, not the id of ${target} in Dastra: add a “Look up in Dastra” step to “${field}”`,
  },
  referenced: { Tag: 'a tag', Area: 'an area', Actor: 'an actor', Asset: 'an asset' },
  badDate: (value: S, formats: S) =>
    `“${value}” is not a date written ${formats}: correct the file, or add its format to the “Read a date” step`,
  badNumber: (value: S) =>
    `“${value}” is not a number: write it with digits, such as 1 234,50, or clear the cell`,
  badBoolean: (value: S) =>
    `“${value}” is not a yes/no word (oui/non, vrai/faux, yes/no, true/false, 1/0, x): correct the file, or add a value map before the “Yes/no” step`,
  unresolvedLookup: {
    tag: (value: S) =>
      `no Dastra tag is named “${value}”: create it in Dastra, correct the file, or send the value to an existing name with a value map`,
    area: (value: S) =>
      `no Dastra area is named “${value}”: create it in Dastra, correct the file, or send the value to an existing name with a value map`,
    actor: (value: S) =>
      `no Dastra actor is named “${value}”: create it in Dastra, correct the file, or send the value to an existing name with a value map`,
    asset: (value: S) =>
      `no Dastra asset is named “${value}”: create it in Dastra, correct the file, or send the value to an existing name with a value map`,
  },
  ambiguousLookup: {
    tag: (count: S, value: S, ids: S) =>
      `${count} Dastra tags are named “${value}” (ids ${ids}): rename all but one in Dastra`,
    area: (count: S, value: S, ids: S) =>
      `${count} Dastra areas are named “${value}” (ids ${ids}): rename all but one in Dastra`,
    actor: (count: S, value: S, ids: S) =>
      `${count} Dastra actors are named “${value}” (ids ${ids}): rename all but one in Dastra`,
    asset: (count: S, value: S, ids: S) =>
      `${count} Dastra assets are named “${value}” (ids ${ids}): rename all but one in Dastra`,
  },
};
