import { useMemo } from 'react';

import type { ActorRow } from '../../bindings/ActorRow';
import { useActorList } from '../../api';
import type { Column } from '../../components/tableTypes';
import { useI18n } from '../../i18n';
import { enumLabel } from '../../lib/dastraEnums';
import { countryName } from '../../lib/format';
import { toRegistryListRequest, type RegistryState } from '../../lib/inboxQuery';
import { date, reference, tags, text } from './cells';
import { RegisterScreen } from './RegisterScreen';

type Props = { state: RegistryState; onChange: (state: RegistryState) => void };

/** The actors register (vendors, controllers, third parties…), read-only. */
export function ActorsScreen({ state, onChange }: Props) {
  const { t, language } = useI18n();
  const query = useActorList(useMemo(() => toRegistryListRequest(state), [state]));
  const c = t.registry.actors.columns;
  const columns = useMemo<Column<ActorRow>[]>(
    () => [
      { id: 'name', header: c.name, width: '19%', render: (r) => text(t, r.name, true) },
      {
        id: 'reference',
        header: c.reference,
        width: '10%',
        render: (r) => reference(t, r.reference),
      },
      {
        id: 'kind',
        header: c.kind,
        width: '15%',
        render: (r) => text(t, r.kind && enumLabel(t.enums.actorType, r.kind)),
      },
      {
        id: 'country',
        header: c.country,
        width: '10%',
        render: (r) => text(t, countryName(r.countryCode, language)),
      },
      { id: 'email', header: c.email, width: '18%', render: (r) => text(t, r.email) },
      {
        id: 'dpaSigned',
        header: c.dpaSigned,
        width: '11%',
        render: (r) => date(t, language, r.dpaSigned),
      },
      { id: 'tags', header: c.tags, render: (r) => tags(t, r.tags) },
    ],
    [t, language, c],
  );
  return (
    <RegisterScreen
      words={t.registry.actors}
      query={query}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId="actor-row"
      state={state}
      onChange={onChange}
    />
  );
}
