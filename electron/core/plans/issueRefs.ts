import type { Definition, Nodes, Root } from 'mdast';
import type { IssueRef } from '../../../shared/domain/plan';
import { nodeText } from './markdown';

/** An issue identifier: a team key (letters first, up to 10 chars) and a number: `CIA-546`. */
export const ISSUE_ID_PATTERN = '[A-Z][A-Z0-9]{0,9}-[0-9]+';

const ID_IN_TEXT = new RegExp(`(?<![A-Za-z0-9_-])(${ISSUE_ID_PATTERN})(?![A-Za-z0-9_])`, 'g');
const ID_IN_URL = new RegExp(`/issue/(${ISSUE_ID_PATTERN})(?:[/?#]|$)`, 'i');

/** Every issue id in a string, in order, without duplicates. */
export function issueIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(ID_IN_TEXT)) {
    const id = match[1] as string;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export type Definitions = ReadonlyMap<string, string>;

/** `[label]: url` definitions of a document, by normalized label, for `[CIA-1][label]` links. */
export function collectDefinitions(tree: Root): Definitions {
  const map = new Map<string, string>();
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') {
      const def = node as Definition;
      if (!map.has(def.identifier)) map.set(def.identifier, def.url);
    } else if ('children' in node) {
      for (const child of node.children) walk(child);
    }
  };
  walk(tree);
  return map;
}

/**
 * Issue references in inline content (a table cell, a header line): links whose text or URL names
 * an issue are `linked`; bare ids in text or code are not (the caller flags those).
 */
export function issueRefsIn(nodes: readonly Nodes[], definitions: Definitions = new Map()): IssueRef[] {
  const refs: IssueRef[] = [];
  const push = (ref: IssueRef): void => {
    if (!refs.some((r) => r.id === ref.id)) refs.push(ref);
  };
  const walk = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'linkReference') {
      const url = node.type === 'link' ? node.url : (definitions.get(node.identifier) ?? null);
      const ref = linkedRef(nodeText(node), url);
      if (ref) push(ref);
      else for (const id of issueIdsIn(nodeText(node))) push({ id, url: null, title: null, linked: false });
      return;
    }
    if (node.type === 'text' || node.type === 'inlineCode') {
      for (const id of issueIdsIn(node.value)) push({ id, url: null, title: null, linked: false });
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return refs;
}

/** `[CIA-546: Title](url)` → ref; null when neither the text nor the URL names an issue. */
export function linkedRef(linkText: string, url: string | null): IssueRef | null {
  const text = linkText.trim();
  const inText = new RegExp(`^(${ISSUE_ID_PATTERN})\\b\\s*(?:[:—–-]\\s*(.*))?$`, 's').exec(text);
  if (inText) {
    const title = (inText[2] ?? '').trim();
    return { id: inText[1] as string, url, title: title === '' ? null : title, linked: url !== null };
  }
  const inUrl = url ? ID_IN_URL.exec(url) : null;
  if (inUrl) {
    return { id: (inUrl[1] as string).toUpperCase(), url, title: text === '' ? null : text, linked: true };
  }
  const anywhere = issueIdsIn(text)[0];
  if (anywhere !== undefined && url !== null) return { id: anywhere, url, title: text, linked: true };
  return null;
}
