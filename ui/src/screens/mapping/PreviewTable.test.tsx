import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { MappingPreview } from '../../bindings/MappingPreview';
import { I18nProvider } from '../../i18n';
import { PreviewTable } from './PreviewTable';

const preview: MappingPreview = {
  fields: ['ref', 'signatories', 'areaId'],
  rows: [
    {
      row: 2,
      key: 'CTR-2027-901',
      cells: [
        { field: 'ref', value: 'CTR-2027-901', problems: [] },
        {
          field: 'signatories',
          value: [12, 31],
          label: 'Acme SAS, Nuage Sauvegarde',
          problems: [],
        },
        { field: 'areaId', value: 4, problems: [] },
      ],
      problems: [],
    },
  ],
  sourceProblems: [],
  records: 1,
  valid: 1,
  invalid: 0,
};

describe('the studio’s preview', () => {
  it('names what a look-up found, with the ids Dastra receives on hover', () => {
    render(
      <I18nProvider language="fr">
        <PreviewTable preview={preview} />
      </I18nProvider>,
    );
    const named = screen.getByTestId('cell-label-0-signatories');
    expect(named).toHaveTextContent('Acme SAS, Nuage Sauvegarde');
    expect(named).toHaveAttribute('title', '12, 31');
    expect(screen.getByTestId('preview-table')).toHaveTextContent('CTR-2027-901');
    expect(screen.queryByTestId('cell-label-0-areaId'), 'a value without a name').toBeNull();
    expect(screen.getByTestId('cell-0-areaId')).toHaveTextContent(/^4$/);
  });
});
