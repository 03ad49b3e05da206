import { z } from 'zod';
import { GITHUB_API_URL_RULE, isGithubApiUrl } from './githubEndpoint';
import { isLinearApiUrl, LINEAR_API_URL, LINEAR_API_URL_RULE } from './linearEndpoint';

/** What the person configures; saved as JSON in the app's data folder and edited in Settings. */
export const CostProfileSchema = z.enum(['capped', 'unlimited']);
export type CostProfile = z.infer<typeof CostProfileSchema>;

export const Settings = z.object({
  /** Folders whose children are worktrees (besides <claude home>/worktrees and <repo>/.claude/worktrees). */
  worktreeRoots: z.array(z.string()).default([]),
  /** Extra folders with plan files (besides <claude home>/plans and each repo's plan folders). */
  planFolders: z.array(z.string()).default([]),
  /** Repositories to watch even before any worktree of theirs exists. */
  repos: z.array(z.string()).default([]),
  theme: z.enum(['system', 'dark', 'light']).default('system'),
  notifications: z.boolean().default(true),
  /** Extra path patterns that count as shared infrastructure in the dispatch decision tree. */
  sharedInfrastructurePatterns: z.array(z.string()).default([]),
  /**
   * §4 "> $10 → checkpoint" when a plan has no `Cost profile:` line (the plan's line wins):
   * `capped` asks for checkpoint mode or a confirmed budget, `unlimited` does not.
   */
  costProfile: CostProfileSchema.default('capped'),
  github: z
    .object({
      /** GitHub Enterprise REST root (https://ghe.example.com/api/v3); null: from the origin remote's host. */
      apiUrl: z.string().nullable().default(null),
      /**
       * The API URL the person last saved or confirmed the token for: the token goes to `apiUrl`
       * only when they match. Not in SettingsPatch: only `github.setToken` / `github.confirmApiUrl` set it.
       */
      tokenConfirmedFor: z.string().nullable().default(null),
    })
    .default({ apiUrl: null, tokenConfirmedFor: null }),
  linear: z
    .object({
      apiUrl: z.string().default(LINEAR_API_URL),
      teamId: z.string().nullable().default(null),
      workspaceSlug: z.string().default('claudian'),
      writeBackStarted: z.boolean().default(false),
      writeBackMerged: z.boolean().default(false),
    })
    .default({
      apiUrl: LINEAR_API_URL,
      teamId: null,
      workspaceSlug: 'claudian',
      writeBackStarted: false,
      writeBackMerged: false,
    }),
  editorCommand: z.string().default('code'),
  terminalCommand: z.string().default(''),
});
export type Settings = z.infer<typeof Settings>;

/** A partial update from the Settings view; arrays replace, objects merge one level deep. */
export const SettingsPatch = z.object({
  worktreeRoots: z.array(z.string().min(1)).optional(),
  planFolders: z.array(z.string().min(1)).optional(),
  repos: z.array(z.string().min(1)).optional(),
  theme: z.enum(['system', 'dark', 'light']).optional(),
  notifications: z.boolean().optional(),
  sharedInfrastructurePatterns: z.array(z.string().min(1)).optional(),
  costProfile: CostProfileSchema.optional(),
  github: z
    .object({
      /** null: back to the origin remote's host. */
      apiUrl: z.string().trim().max(500).refine(isGithubApiUrl, { message: GITHUB_API_URL_RULE }).nullable().optional(),
    })
    .strict()
    .optional(),
  linear: z
    .object({
      apiUrl: z.string().refine(isLinearApiUrl, { message: LINEAR_API_URL_RULE }).optional(),
      teamId: z.string().nullable().optional(),
      workspaceSlug: z.string().min(1).optional(),
      writeBackStarted: z.boolean().optional(),
      writeBackMerged: z.boolean().optional(),
    })
    .optional(),
  editorCommand: z.string().optional(),
  terminalCommand: z.string().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}
