import { useState } from 'preact/hooks';
import { saveSigningKey } from '../api/credentials.js';

/** Asks for an admin access key; kept in sessionStorage (this tab, this session) only. */
export function KeyForm({ onSaved }: { onSaved: () => void }) {
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const [region, setRegion] = useState('us-east-1');
  return (
    <section class="panel key-form">
      <h1>Sign in with an admin key</h1>
      <p class="muted">
        This server requires SigV4 credentials. The key stays in this browser tab's session storage
        and is forgotten when the tab closes.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          saveSigningKey({
            accessKeyId: accessKeyId.trim(),
            secretAccessKey,
            region: region.trim(),
          });
          onSaved();
        }}
      >
        <label>
          Access key id
          <input
            name="accessKeyId"
            value={accessKeyId}
            onInput={(e) => setAccessKeyId(e.currentTarget.value)}
            required
            autoComplete="off"
          />
        </label>
        <label>
          Secret access key
          <input
            name="secretAccessKey"
            type="password"
            value={secretAccessKey}
            onInput={(e) => setSecret(e.currentTarget.value)}
            required
            autoComplete="off"
          />
        </label>
        <label>
          Region
          <input
            name="region"
            value={region}
            onInput={(e) => setRegion(e.currentTarget.value)}
            required
          />
        </label>
        <button type="submit" class="primary">
          Continue
        </button>
      </form>
    </section>
  );
}
