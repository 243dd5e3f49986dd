import { useMemo } from 'react';

import type { ContractRow } from '../../bindings/ContractRow';
import { useContractList } from '../../api';
import type { Column } from '../../components/tableTypes';
import { useI18n } from '../../i18n';
import { enumLabel } from '../../lib/dastraEnums';
import { formatCount } from '../../lib/format';
import { toRegistryListRequest, type RegistryState } from '../../lib/inboxQuery';
import { date, reference, text } from './cells';
import { RegisterScreen } from './RegisterScreen';

type Props = { state: RegistryState; onChange: (state: RegistryState) => void };

/** The contracts register, read-only. */
export function ContractsScreen({ state, onChange }: Props) {
  const { t, language } = useI18n();
  const query = useContractList(useMemo(() => toRegistryListRequest(state), [state]));
  const c = t.registry.contracts.columns;
  const e = t.enums;
  const columns = useMemo<Column<ContractRow>[]>(
    () => [
      { id: 'label', header: c.label, width: '18%', render: (r) => text(t, r.label, true) },
      {
        id: 'reference',
        header: c.reference,
        width: '10%',
        render: (r) => reference(t, r.reference),
      },
      {
        id: 'type',
        header: c.type,
        render: (r) => text(t, r.contractType && enumLabel(e.contractType, r.contractType)),
      },
      {
        id: 'state',
        header: c.state,
        width: '11%',
        render: (r) => text(t, r.state && enumLabel(e.contractState, r.state)),
      },
      {
        id: 'start',
        header: c.start,
        width: '10.5%',
        render: (r) => date(t, language, r.startDate),
      },
      { id: 'end', header: c.end, width: '10.5%', render: (r) => date(t, language, r.endDate) },
      {
        id: 'assets',
        header: c.assets,
        width: '7%',
        align: 'end',
        render: (r) => formatCount(r.assets, language),
      },
      {
        id: 'signatories',
        header: c.signatories,
        width: '11%',
        align: 'end',
        render: (r) => formatCount(r.signatories, language),
      },
    ],
    [t, language, c, e],
  );
  return (
    <RegisterScreen
      words={t.registry.contracts}
      query={query}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId="contract-row"
      state={state}
      onChange={onChange}
    />
  );
}
