import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract';
import { callAndToast } from '../../components/callAndToast';

type TokenStatus = ResultOf<'github.tokenStatus'>;

/** GitHub token for pull requests: saved (encrypted in the desktop app), or GITHUB_TOKEN / `gh auth token`. */
export function GithubSettings() {
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [token, setToken] = useState('');
  useEffect(() => {
    let live = true;
    void callAndToast('github.tokenStatus', {}).then((s) => {
      if (live) setStatus(s);
    });
    return () => {
      live = false;
    };
  }, []);
  const save = async (value: string | null) => {
    const next = await callAndToast('github.setToken', { token: value }, value ? 'GitHub token saved' : 'GitHub token removed');
    if (next) {
      setStatus(next);
      setToken('');
    }
  };
  return (
    <section data-testid="github-settings">
      <h3>GitHub</h3>
      <p className="help">
        Pull requests for merge queue entries of repositories whose <code>origin</code> is on GitHub. Without a token here,{' '}
        <code>GITHUB_TOKEN</code> or the GitHub CLI&apos;s login (<code>gh auth token</code>) is used. GitHub Enterprise:{' '}
        <code>SWITCHYARD_GITHUB_API_URL</code>.
      </p>
      <p className="faint" data-testid="github-token-source">
        {status ? (status.hasToken ? `Token: ${status.describe}` : `No token saved: ${status.describe}`) : '…'}
      </p>
      {status?.storageProblem ? <p className="banner">{status.storageProblem}</p> : null}
      <label>
        Token
        <input type="password" autoComplete="off" value={token} placeholder="ghp_… or github_pat_…" onChange={(e) => setToken(e.target.value)} data-testid="github-token" />
      </label>
      <div>
        <button type="button" className="btn small" disabled={token.trim() === ''} onClick={() => void save(token.trim())}>
          Save token
        </button>{' '}
        <button type="button" className="btn small" disabled={!status?.hasToken} onClick={() => void save(null)}>
          Remove
        </button>
      </div>
    </section>
  );
}
