import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { forgetSigningKey, loadSigningKey } from './api/credentials.js';
import { KeyForm } from './pages/key-form.js';
import { OverviewPage } from './pages/overview-page.js';
import { QueuePage } from './pages/queue-page.js';
import { ServerPage } from './pages/server-page.js';
import { useRoute } from './route.js';
import './styles.css';

function App() {
  const route = useRoute();
  const [needsKey, setNeedsKey] = useState(false);
  const [signedIn, setSignedIn] = useState(loadSigningKey() !== undefined);
  useEffect(() => {
    const ask = () => setNeedsKey(true);
    window.addEventListener('sluice:needs-key', ask);
    return () => window.removeEventListener('sluice:needs-key', ask);
  }, []);
  const page =
    route.page === 'queue' ? (
      <QueuePage
        key={`${route.accountId}/${route.name}`}
        accountId={route.accountId}
        name={route.name}
      />
    ) : route.page === 'server' ? (
      <ServerPage />
    ) : (
      <OverviewPage />
    );
  return (
    <div class="shell">
      <nav class="topbar">
        <a class="brand" href="#/">
          <span class="logo" aria-hidden="true" />
          Sluice
        </a>
        <a class={route.page === 'server' ? 'nav' : 'nav active'} href="#/">
          Queues
        </a>
        <a class={route.page === 'server' ? 'nav active' : 'nav'} href="#/server">
          Server
        </a>
        <span class="spacer" />
        {signedIn ? (
          <button
            class="link"
            onClick={() => {
              forgetSigningKey();
              setSignedIn(false);
            }}
          >
            Forget key
          </button>
        ) : null}
      </nav>
      <main>
        {needsKey ? (
          <KeyForm
            onSaved={() => {
              setNeedsKey(false);
              setSignedIn(true);
            }}
          />
        ) : (
          page
        )}
      </main>
    </div>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
