import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createQueryClient } from './api';
import { App, Providers } from './app/App';
import './styles/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('BUG: index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers client={createQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
