/** Linear issue links in the linked format every reference must use (§4, formats §2.1). */

export const ISSUE_ID_PATTERN = /\b[A-Z][A-Z0-9]{0,9}-\d+\b/g;

export function linearIssueUrl(workspace: string, issueId: string): string {
  return `https://linear.app/${workspace}/issue/${issueId}`;
}

/** `[CIA-387: Dispatch rules](https://linear.app/claudian/issue/CIA-387)`. */
export function linkedIssue(issueId: string, title: string, url: string): string {
  return `[${issueId}: ${title}](${url})`;
}

/** Issue ids written as plain text (not inside a markdown link or a URL) — a format violation to flag. */
export function findUnlinkedIssueRefs(text: string): string[] {
  // Links, URLs and code spans (a file name such as `CIA-123.md`) are no plain issue references.
  const stripped = text
    .replace(/\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
  return [...new Set(stripped.match(ISSUE_ID_PATTERN) ?? [])];
}
