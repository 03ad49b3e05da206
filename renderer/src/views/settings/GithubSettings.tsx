import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract';
import { GITHUB_API_URL_RULE, isGithubApiUrl } from '../../../../shared/domain/githubEndpoint';
import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';

type TokenStatus = ResultOf<'github.tokenStatus'>;

/** Settings → GitHub Enterprise API URL; empty: each repository's remote host (api.github.com for github.com). */
function ApiUrlField({ status }: { status: TokenStatus | null }) {
  const saved = useAppStore((s) => s.state?.settings.github.apiUrl ?? null);
  const [text, setText] = useState(saved ?? '');
  useEffect(() => setText(saved ?? ''), [saved]);
  const value = text.trim();
  const dirty = value !== (saved ?? '');
  const valid = value === '' || isGithubApiUrl(value);
  const save = async () => {
    await callAndToast('settings.update', { github: { apiUrl: value === '' ? null : value } }, value === '' ? 'GitHub API URL cleared' : 'GitHub API URL saved');
  };
  const env = status?.apiUrl.source === 'env' ? status.apiUrl.url : null;
  return (
    <label>
      GitHub Enterprise API URL
      <input
        type="url"
        data-testid="github-api-url"
        value={text}
        placeholder="https://ghe.example.com/api/v3 (empty: from each repository's remote)"
        onChange={(e) => setText(e.target.value)}
        aria-invalid={!valid}
      />
      {!valid ? (
        <span className="banner" data-testid="github-api-url-error">
          The URL {GITHUB_API_URL_RULE}.
        </span>
      ) : null}
      <span className="faint">
        {env ? (
          <>
            In use now: <code>{env}</code> from <code>SWITCHYARD_GITHUB_API_URL</code>, which wins over this field.
          </>
        ) : (
          'When it changes, your token is not sent to the new URL until you save a token again or confirm it below.'
        )}
      </span>
      {dirty ? (
        <span>
          <button type="button" className="btn small primary" disabled={!valid} onClick={() => void save()} data-testid="github-api-url-save">
            Save
          </button>
        </span>
      ) : null}
    </label>
  );
}

/** GitHub token for pull requests: saved (encrypted in the desktop app), or GITHUB_TOKEN / `gh auth token`; and where it may go. */
export function GithubSettings() {
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [token, setToken] = useState('');
  // Read again whenever the URL or its confirmation changes (here, or from another window).
  const apiUrl = useAppStore((s) => s.state?.settings.github.apiUrl ?? null);
  const confirmedFor = useAppStore((s) => s.state?.settings.github.tokenConfirmedFor ?? null);
  useEffect(() => {
    let live = true;
    void callAndToast('github.tokenStatus', {}).then((s) => {
      if (live) setStatus(s);
    });
    return () => {
      live = false;
    };
  }, [apiUrl, confirmedFor]);
  const save = async (value: string | null) => {
    const next = await callAndToast('github.setToken', { token: value }, value ? 'GitHub token saved' : 'GitHub token removed');
    if (next) {
      setStatus(next);
      setToken('');
    }
  };
  const confirm = async (apiUrl: string) => {
    const next = await callAndToast('github.confirmApiUrl', { apiUrl }, `Your token will be sent to ${apiUrl}`);
    if (next) setStatus(next);
  };
  const pending = status?.apiUrl.needsConfirmation ? status.apiUrl.url : null;
  return (
    <section data-testid="github-settings">
      <h3>GitHub</h3>
      <p className="help">
        Pull requests for merge queue entries of repositories whose <code>origin</code> is on GitHub. Without a token here,{' '}
        <code>GITHUB_TOKEN</code> or the GitHub CLI&apos;s login (<code>gh auth token</code>) is used.
      </p>
      <p className="faint" data-testid="github-token-source">
        {status ? (status.hasToken ? `Token: ${status.describe}` : `No token saved: ${status.describe}`) : '…'}
      </p>
      {status?.storageProblem ? <p className="banner">{status.storageProblem}</p> : null}
      <ApiUrlField status={status} />
      {pending ? (
        <div className="banner" data-testid="github-api-url-confirm">
          <p>
            The GitHub API URL is now <code>{pending}</code>. Nothing is sent there — no token, no request — until you save a token below or
            confirm that your token may go to this host.
          </p>
          <button type="button" className="btn small" onClick={() => void confirm(pending)} data-testid="github-api-url-confirm-button">
            Send my token to {pending.replace(/^https:\/\//, '').replace(/\/.*$/, '')}
          </button>
        </div>
      ) : null}
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
