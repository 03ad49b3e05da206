import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Nodes, Root } from 'mdast';

const BOM = '\uFEFF';

/**
 * Parses markdown (CommonMark + GFM: tables, task lists, autolinks) into an mdast tree whose
 * position offsets index into `text` exactly. micromark drops a leading BOM, which would shift
 * every offset by one; we parse without it and shift the positions back.
 */
export function parseMarkdown(text: string): Root {
  const hasBom = text.startsWith(BOM);
  const tree = fromMarkdown(hasBom ? text.slice(1) : text, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
  if (hasBom) shiftOffsets(tree, 1);
  return tree;
}

function shiftOffsets(node: Nodes, by: number): void {
  const pos = node.position;
  if (pos) {
    if (pos.start.offset !== undefined) pos.start.offset += by;
    if (pos.end.offset !== undefined) pos.end.offset += by;
  }
  if ('children' in node) for (const child of node.children) shiftOffsets(child, by);
}

/** Plain text of a node (like mdast-util-to-string): values of text-like leaves, concatenated. */
export function nodeText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
    case 'html':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    default:
      if ('children' in node) {
        let out = '';
        for (const child of node.children) out += nodeText(child);
        return out;
      }
      return '';
  }
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

export function startLine(node: Nodes): number {
  return node.position?.start.line ?? 1;
}
