import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commitTree } from '../../git/commitTree';
import { rebase } from '../../git/rebase';
import { worktreeAdd } from '../../git/worktreeAdd';
import { worktreeRemove } from '../../git/worktreeRemove';
import { isAncestor } from '../../git/mergeBase';
import { mergeTrees } from '../../git/mergeTree';
import { resolveCommit } from '../../git/revParse';
import { moveRef } from '../../git/updateRef';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { githubGraphqlSchema } from './githubGraphqlSchema';
import { checkRequest } from './openApiValidator';

/**
 * A local GitHub-compatible REST server for tests: the real Octokit client talks to it through
 * `baseUrl`. Every request is first checked against GitHub's OpenAPI description; one that does
 * not fit is answered 400 and recorded in `violations`, so the test that caused it fails. Branches
 * live in a real bare repository (the one the app pushes to); merges are real commits in it.
 */

type CheckConclusion = 'success' | 'failure' | 'pending';

interface Pull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  mergedSha: string | null;
  requestedReviewers: string[];
}

interface Review {
  id: number;
  pull: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  body: string;
}

/** The repository's "Allow merge commits / squash merging / rebase merging" switches. */
export interface AllowedMergeMethods {
  merge: boolean;
  squash: boolean;
  rebase: boolean;
}

export interface GithubTestServer {
  readonly baseUrl: string;
  /** The repository's allowed merge methods; a test may change them. */
  readonly mergeMethods: AllowedMergeMethods;
  /** Requests GitHub's description does not allow: must stay empty. */
  readonly violations: string[];
  /** Every request as `METHOD path` (operation id), in order. */
  readonly log: string[];
  readonly pulls: readonly Pull[];
  setCheck(sha: string, name: string, conclusion: CheckConclusion): void;
  addReview(pull: number, user: string, state: Review['state'], body?: string): void;
  addReviewComment(pull: number, user: string, path: string, body: string): void;
  requestReviewer(pull: number, user: string): void;
  close(): Promise<void>;
}

const IDENTITY = { GIT_AUTHOR_NAME: 'GitHub', GIT_AUTHOR_EMAIL: 'noreply@github.invalid', GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.invalid' };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const NOT_ALLOWED = { merge: 'Merge commits are not allowed on this repository.', squash: 'Squash merges are not allowed on this repository.', rebase: 'Rebase merges are not allowed on this repository.' } as const;

export async function startGithubTestServer(options: { owner: string; repo: string; bareDir: string; defaultBranch?: string; mergeMethods?: Partial<AllowedMergeMethods> }): Promise<GithubTestServer> {
  const { owner, repo, bareDir } = options;
  const mergeMethods: AllowedMergeMethods = { merge: true, squash: true, rebase: true, ...options.mergeMethods };
  const pulls: Pull[] = [];
  const reviews: Review[] = [];
  const comments: Array<{ id: number; pull: number; user: string; path: string; body: string }> = [];
  const checks = new Map<string, Map<string, CheckConclusion>>();
  const violations: string[] = [];
  const log: string[] = [];
  let nextId = 1;
  let origin = '';

  const html = (n: number) => `${origin}/${owner}/${repo}/pull/${n}`;
  const user = (login: string) => ({ login, id: login.length, node_id: login, type: 'User' });
  const branchSha = async (branch: string) => resolveCommit(bareDir, `refs/heads/${branch}`);

  const pullJson = async (p: Pull) => {
    const headSha = (await branchSha(p.head)) ?? '0'.repeat(40);
    const baseSha = (await branchSha(p.base)) ?? '0'.repeat(40);
    let mergeable: boolean | null = null;
    let mergeableState = 'unknown';
    if (p.state === 'open') {
      const merged = await mergeTrees(bareDir, baseSha, headSha);
      mergeable = merged.ok && !merged.conflicts;
      mergeableState = !mergeable ? 'dirty' : !(await isAncestor(bareDir, baseSha, headSha)) ? 'behind' : 'clean';
    }
    return {
      id: p.number,
      number: p.number,
      node_id: `PR_${p.number}`,
      html_url: html(p.number),
      url: `${origin}/repos/${owner}/${repo}/pulls/${p.number}`,
      state: p.state,
      title: p.title,
      body: p.body,
      draft: p.draft,
      merged: p.merged,
      merge_commit_sha: p.mergedSha,
      mergeable,
      mergeable_state: mergeableState,
      user: user('switchyard'),
      requested_reviewers: p.requestedReviewers.map(user),
      head: { ref: p.head, sha: headSha, label: `${owner}:${p.head}`, repo: { name: repo, full_name: `${owner}/${repo}` } },
      base: { ref: p.base, sha: baseSha, label: `${owner}:${p.base}`, repo: { name: repo, full_name: `${owner}/${repo}` } },
    };
  };

  const pullOf = (n: string | undefined): Pull => {
    const p = pulls.find((x) => x.number === Number(n));
    if (!p) throw new HttpError(404, 'Not Found');
    return p;
  };

  /**
   * A rebase merge as GitHub does it: each commit of the head replayed on the base, in order, with
   * its message and author (in a throwaway worktree of the bare repository: `merge-tree
   * --merge-base` needs git 2.40).
   */
  const rebaseOnto = async (baseSha: string, headSha: string): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-test-rebase-'));
    // GitHub commits the replay; the authors stay the commits' own (rebase keeps them).
    const env = { GIT_COMMITTER_NAME: IDENTITY.GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL: IDENTITY.GIT_COMMITTER_EMAIL };
    try {
      await worktreeAdd(bareDir, dir, headSha, { detach: true });
      const rebased = await rebase(dir, baseSha, env);
      const sha = rebased.ok ? await resolveCommit(dir, 'HEAD') : null;
      if (!sha) throw new HttpError(405, 'Pull Request is not mergeable');
      return sha;
    } finally {
      await worktreeRemove(bareDir, dir, { force: true }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  };

  const mergePull = async (p: Pull, body: { merge_method?: string; sha?: string; commit_title?: string }) => {
    if (p.state !== 'open') throw new HttpError(405, 'Pull Request is not mergeable');
    if (p.draft) throw new HttpError(405, 'Pull Request is still a draft');
    const headSha = await branchSha(p.head);
    const baseSha = await branchSha(p.base);
    if (!headSha || !baseSha) throw new HttpError(422, 'Branch not found');
    if (body.sha && body.sha !== headSha) throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    const tree = await mergeTrees(bareDir, baseSha, headSha);
    if (!tree.ok || tree.conflicts) throw new HttpError(405, 'Pull Request is not mergeable');
    const method = (body.merge_method ?? 'merge') as keyof AllowedMergeMethods;
    // GitHub answers a method the repository's settings turn off with 405 and this sentence.
    if (!mergeMethods[method]) throw new HttpError(405, NOT_ALLOWED[method]);
    let sha: string;
    if (method === 'rebase') {
      sha = await rebaseOnto(baseSha, headSha);
    } else {
      const parents = method === 'squash' ? [baseSha] : [baseSha, headSha];
      const message = body.commit_title ?? `${method === 'squash' ? p.title : `Merge pull request #${p.number} from ${owner}/${p.head}`}`;
      sha = await commitTree(bareDir, tree.tree, parents, `${message}\n`, IDENTITY);
    }
    const moved = await moveRef(bareDir, `refs/heads/${p.base}`, sha, baseSha, `merge pull request #${p.number}`);
    if (!moved.ok) throw new HttpError(409, `Base branch was modified: ${moved.error}`);
    p.state = 'closed';
    p.merged = true;
    p.mergedSha = sha;
    return { sha, merged: true, message: 'Pull Request successfully merged' };
  };

  /** A pull request as GitHub's GraphQL types it (the excerpt's fields). */
  const pullNode = (p: Pull) => ({ __typename: 'PullRequest', id: `PR_${p.number}`, isDraft: p.draft, number: p.number, url: html(p.number) });
  const pullByNodeId = (id: string): Pull => {
    const p = pulls.find((x) => `PR_${x.number}` === id);
    if (!p) throw new Error(`Could not resolve to a node with the global id of '${id}'`);
    return p;
  };

  /**
   * POST /graphql: the document is validated against the excerpt of GitHub's schema, its variables
   * coerced by its types; either failing is a violation. Answered 200 with `errors`, as GitHub does.
   */
  const graphqlAnswer = async (body: unknown): Promise<{ data?: unknown; errors?: Array<{ message: string }> }> => {
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: unknown };
    const refuse = (messages: string[]) => {
      violations.push(...messages.map((m) => `POST /graphql: ${m}`));
      return { errors: messages.map((message) => ({ message })) };
    };
    if (typeof query !== 'string') return refuse(['A query attribute must be specified and must be a string.']);
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return refuse([error instanceof Error ? error.message : String(error)]);
    }
    const invalid = validate(githubGraphqlSchema(), document);
    if (invalid.length > 0) return refuse(invalid.map((e) => e.message));
    const rootValue = {
      node: ({ id }: { id: string }) => pullNode(pullByNodeId(id)),
      markPullRequestReadyForReview: ({ input }: { input: { pullRequestId: string; clientMutationId?: string } }) => {
        const p = pullByNodeId(input.pullRequestId);
        if (p.state !== 'open') throw new Error('Pull request is closed');
        p.draft = false;
        return { clientMutationId: input.clientMutationId ?? null, pullRequest: pullNode(p) };
      },
    };
    const result = await execute({ schema: githubGraphqlSchema(), document, rootValue, variableValues: (variables ?? {}) as Record<string, unknown> });
    // Errors without a path are the request's own (a variable of the wrong type); with one, the resolver's answer.
    const own = (result.errors ?? []).filter((e) => !e.path);
    if (own.length > 0) return refuse(own.map((e) => e.message));
    return { ...(result.data ? { data: result.data } : {}), ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message })) } : {}) };
  };

  const route = async (method: string, url: URL, body: unknown): Promise<[number, unknown]> => {
    const parts = url.pathname.replace(/^\/api\/v3/, '').split('/').filter(Boolean);
    if (parts[0] !== 'repos' || parts[1] !== owner || parts[2] !== repo) throw new HttpError(404, 'Not Found');
    const rest = parts.slice(3);
    const key = `${method} ${rest.map((s, i) => (/^\d+$/.test(s) || (rest[i - 1] === 'commits' && i === 1) ? ':' : s)).join('/')}`;
    const input = (body ?? {}) as Record<string, unknown>;
    switch (key) {
      case 'GET ':
        return [
          200,
          {
            id: 1,
            node_id: 'R_1',
            name: repo,
            full_name: `${owner}/${repo}`,
            default_branch: options.defaultBranch ?? 'main',
            owner: user(owner),
            private: true,
            allow_merge_commit: mergeMethods.merge,
            allow_squash_merge: mergeMethods.squash,
            allow_rebase_merge: mergeMethods.rebase,
          },
        ];
      case 'GET pulls': {
        const head = url.searchParams.get('head');
        const state = url.searchParams.get('state') ?? 'open';
        const list = pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${owner}:${p.head}` === head));
        return [200, await Promise.all(list.map(pullJson))];
      }
      case 'POST pulls': {
        const head = String(input.head ?? '');
        const base = String(input.base ?? '');
        if (!(await branchSha(head))) throw new HttpError(422, `Validation Failed: head '${head}' does not exist (push it first)`);
        if (!(await branchSha(base))) throw new HttpError(422, `Validation Failed: base '${base}' does not exist`);
        if (pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) throw new HttpError(422, `A pull request already exists for ${owner}:${head}.`);
        const p: Pull = { number: nextId++, title: String(input.title ?? ''), body: String(input.body ?? ''), head, base, draft: input.draft === true, state: 'open', merged: false, mergedSha: null, requestedReviewers: [] };
        pulls.push(p);
        return [201, await pullJson(p)];
      }
      case 'GET pulls/:': return [200, await pullJson(pullOf(rest[1]))];
      case 'PATCH pulls/:': {
        const p = pullOf(rest[1]);
        if (typeof input.base === 'string') {
          if (!(await branchSha(input.base))) throw new HttpError(422, `Validation Failed: base '${input.base}' does not exist`);
          p.base = input.base;
        }
        if (typeof input.title === 'string') p.title = input.title;
        if (typeof input.body === 'string') p.body = input.body;
        return [200, await pullJson(p)];
      }
      case 'GET pulls/:/reviews': {
        const p = pullOf(rest[1]);
        return [200, reviews.filter((r) => r.pull === p.number).map((r) => ({ id: r.id, node_id: `R_${r.id}`, user: user(r.user), body: r.body, state: r.state, html_url: `${html(p.number)}#review-${r.id}`, commit_id: null }))];
      }
      case 'GET pulls/:/comments': {
        const p = pullOf(rest[1]);
        return [200, comments.filter((c) => c.pull === p.number).map((c) => ({ id: c.id, node_id: `C_${c.id}`, user: user(c.user), body: c.body, path: c.path, html_url: `${html(p.number)}#discussion_r${c.id}` }))];
      }
      case 'PUT pulls/:/merge': return [200, await mergePull(pullOf(rest[1]), input)];
      case 'GET commits/:/check-runs': {
        const sha = rest[1] ?? '';
        const runs = [...(checks.get(sha) ?? new Map<string, CheckConclusion>())].map(([name, c], i) => ({
          id: i + 1,
          name,
          head_sha: sha,
          status: c === 'pending' ? 'in_progress' : 'completed',
          conclusion: c === 'pending' ? null : c,
          html_url: `${origin}/${owner}/${repo}/runs/${i + 1}`,
        }));
        return [200, { total_count: runs.length, check_runs: runs }];
      }
      case 'GET commits/:/status':
        return [200, { state: 'success', sha: rest[1], total_count: 0, statuses: [] }];
      default:
        throw new HttpError(404, `The test server does not serve ${method} ${url.pathname}`);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origin);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
    if (method === 'POST' && (url.pathname === '/graphql' || url.pathname === '/api/graphql')) {
      log.push(`POST ${url.pathname} (graphql)`);
      if (!/^(token|Bearer) \S+/.test(req.headers.authorization ?? '')) {
        send(401, { message: 'This endpoint requires you to be authenticated.' });
        return;
      }
      send(200, await graphqlAnswer(body));
      return;
    }
    const check = checkRequest(method, url, body);
    log.push(`${method} ${url.pathname}${url.search} (${check.operationId ?? 'unknown'})`);
    if (check.problems.length > 0) {
      violations.push(...check.problems);
      send(400, { message: `Request does not match GitHub's OpenAPI description: ${check.problems.join('; ')}` });
      return;
    }
    if (!/^(token|Bearer) \S+/.test(req.headers.authorization ?? '')) {
      send(401, { message: 'Requires authentication' });
      return;
    }
    try {
      const [status, payload] = await route(method, url, body);
      send(status, payload);
    } catch (error) {
      send(error instanceof HttpError ? error.status : 500, { message: error instanceof Error ? error.message : String(error) });
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin,
    mergeMethods,
    violations,
    log,
    pulls,
    setCheck(sha, name, conclusion) {
      const map = checks.get(sha) ?? new Map<string, CheckConclusion>();
      map.set(name, conclusion);
      checks.set(sha, map);
    },
    addReview(pull, login, state, body = '') {
      reviews.push({ id: nextId++, pull, user: login, state, body });
    },
    addReviewComment(pull, login, path, body) {
      comments.push({ id: nextId++, pull, user: login, path, body });
    },
    requestReviewer(pull, login) {
      pullOf(String(pull)).requestedReviewers.push(login);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
