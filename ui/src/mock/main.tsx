// The window in a plain browser, on the tests' fake backend (src/test/fakeBackend.ts) instead
// of Tauri: for looking at the screens without building the Rust side (`npm run mock`). Never
// part of dist/: the app build only has index.html as input.
//
// `?lang=en` starts in English; `?empty=1` starts with an empty inbox; `?fresh=1` starts with
// the sandbox as the only connection, as on a first start; `?failing=1` makes the Clients
// database fail once in every discovery job (a resume then finishes it); `?freeze=1` freezes
// Object.prototype first, as the Tauri window does. Connection tests take a moment, as real
// ones do (see src/test/fakeConnectionTests.ts for how each outcome can be reached).

import './freeze';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createQueryClient } from '../api';
import { App, Providers } from '../app/App';
import { installFakeBackend } from '../test/fakeBackend';
import { CLIENTS_ID } from '../test/fixtures';
import '../styles/global.css';

const params = new URLSearchParams(window.location.search);
installFakeBackend({
  systemLanguage: params.get('lang') === 'en' ? 'en' : 'fr',
  ...(params.get('empty') === '1' ? { dsars: [] } : {}),
  ...(params.get('fresh') === '1' ? { connections: [], secrets: {} } : {}),
  latencyMs: 700,
  // Discovery jobs move one step a second, so their progress can be watched.
  discovery: {
    tickMs: 1000,
    ...(params.get('failing') === '1' ? { failingSource: CLIENTS_ID } : {}),
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('BUG: mock.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers client={createQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
