import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { createQueryClient } from '../api';
import { App, Providers } from '../app/App';

/** The whole window at `hash`, on a fresh query client, with a user to drive it. */
export function renderApp(hash = '#/inbox') {
  window.location.hash = hash;
  const client = createQueryClient();
  const user = userEvent.setup();
  const result = render(
    <Providers client={client}>
      <App />
    </Providers>,
  );
  return { user, client, ...result };
}
