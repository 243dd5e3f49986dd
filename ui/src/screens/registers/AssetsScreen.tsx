import { useMemo } from 'react';

import type { AssetRow } from '../../bindings/AssetRow';
import { useAssetList } from '../../api';
import type { Column } from '../../components/tableTypes';
import { useI18n } from '../../i18n';
import { enumLabel } from '../../lib/dastraEnums';
import { toRegistryListRequest, type RegistryState } from '../../lib/inboxQuery';
import { date, reference, tags, text } from './cells';
import { RegisterScreen } from './RegisterScreen';

type Props = { state: RegistryState; onChange: (state: RegistryState) => void };

/** The assets register (applications, servers, buildings…), read-only. */
export function AssetsScreen({ state, onChange }: Props) {
  const { t, language } = useI18n();
  const query = useAssetList(useMemo(() => toRegistryListRequest(state), [state]));
  const c = t.registry.assets.columns;
  const e = t.enums;
  const columns = useMemo<Column<AssetRow>[]>(
    () => [
      { id: 'label', header: c.label, width: '19%', render: (r) => text(t, r.label, true) },
      {
        id: 'reference',
        header: c.reference,
        width: '11%',
        render: (r) => reference(t, r.reference),
      },
      {
        id: 'kind',
        header: c.kind,
        width: '9%',
        render: (r) => text(t, enumLabel(e.assetType, r.kind)),
      },
      {
        id: 'applicationType',
        header: c.applicationType,
        width: '14%',
        render: (r) =>
          text(t, r.applicationType && enumLabel(e.applicationType, r.applicationType)),
      },
      {
        id: 'applicationState',
        header: c.applicationState,
        width: '13%',
        render: (r) =>
          text(t, r.applicationState && enumLabel(e.applicationState, r.applicationState)),
      },
      {
        id: 'hosting',
        header: c.hosting,
        width: '11%',
        render: (r) => text(t, r.hosting && enumLabel(e.hosting, r.hosting)),
      },
      { id: 'tags', header: c.tags, render: (r) => tags(t, r.tags) },
      {
        id: 'updated',
        header: c.updated,
        width: '11%',
        render: (r) => date(t, language, r.updated),
      },
    ],
    [t, language, c, e],
  );
  return (
    <RegisterScreen
      words={t.registry.assets}
      query={query}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId="asset-row"
      state={state}
      onChange={onChange}
    />
  );
}
