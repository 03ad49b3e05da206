import { describe, expect, it } from 'vitest';
import { decideLabel, labelLookupFilter, parseLabelSpec } from './labelResolver';
import type { LabelNode } from './operationResults';
import { findExistingChild, parseRowMarker, rowMarker, subIssueDescription, subIssueTitle } from './subIssueMarker';

const node = (id: string, name: string, opts: Partial<LabelNode> = {}): LabelNode => ({ id, name, isGroup: false, parent: null, team: null, ...opts });

describe('label decisions (pure)', () => {
  it('parses specs', () => {
    expect(parseLabelSpec('exec:tdd')).toEqual({ full: 'exec:tdd', group: 'exec', name: 'tdd' });
    expect(parseLabelSpec('urgent')).toEqual({ full: 'urgent', group: null, name: 'urgent' });
    expect(labelLookupFilter(parseLabelSpec('exec:tdd'))).toEqual({
      or: [{ name: { eq: 'exec:tdd' } }, { name: { eq: 'tdd' }, parent: { name: { eq: 'exec' } } }, { name: { eq: 'exec' }, isGroup: { eq: true } }],
    });
  });
  const spec = parseLabelSpec('exec:tdd');
  it.each([
    ['flat label wins', [node('f', 'exec:tdd'), node('c', 'tdd', { parent: { id: 'g', name: 'exec' } })], { kind: 'use', labelId: 'f' }],
    ['group child', [node('g', 'exec', { isGroup: true }), node('c', 'tdd', { parent: { id: 'g', name: 'exec' } })], { kind: 'use', labelId: 'c' }],
    ['create in workspace group', [node('g', 'exec', { isGroup: true })], { kind: 'create', name: 'tdd', parentId: 'g', teamId: null }],
    ['create in team group', [node('g', 'exec', { isGroup: true, team: { id: 'T' } })], { kind: 'create', name: 'tdd', parentId: 'g', teamId: 'T' }],
    ['other team only: create flat', [node('f', 'exec:tdd', { team: { id: 'OTHER' } })], { kind: 'create', name: 'exec:tdd', parentId: null, teamId: 'T' }],
    ['nothing: create flat', [], { kind: 'create', name: 'exec:tdd', parentId: null, teamId: 'T' }],
  ])('%s', (_n, nodes, expected) => {
    expect(decideLabel(spec, nodes as LabelNode[], 'T')).toEqual(expected);
  });
});

describe('sub-issue marker (pure)', () => {
  it('round-trips and sits on the last line', () => {
    const d = subIssueDescription('Do the thing.\n\n', 'h/1 x', 'row 1A');
    expect(d.trimEnd().split('\n').at(-1)).toBe(rowMarker('h/1 x', 'row 1A'));
    expect(parseRowMarker(d)).toEqual({ planHash: 'h/1 x', rowKey: 'row 1A' });
    expect(parseRowMarker('no marker')).toBeNull();
    expect(subIssueTitle({ batch: '1A', focus: 'Session exit skill' })).toBe('Batch 1A: Session exit skill');
  });
  it('matches by marker, and by title only when the marker is gone', () => {
    const r = { rowKey: '1A', batch: '1A', focus: 'X' };
    const kids = [
      { id: '1', identifier: 'E-1', title: 'Batch 1A: X', description: subIssueDescription('p', 'other-plan', '1A') },
      { id: '2', identifier: 'E-2', title: 'Renamed by a person', description: subIssueDescription('p', 'h', '1A') },
    ];
    expect(findExistingChild(kids, 'h', r)?.id).toBe('2');
    expect(findExistingChild(kids.slice(0, 1), 'h', r)).toBeNull();
    expect(findExistingChild([{ id: '3', identifier: 'E-3', title: 'Batch 1A: X', description: null }], 'h', r)?.id).toBe('3');
  });
});
