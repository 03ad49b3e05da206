import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './operations';
import { schemaSubsetProblems } from '../testing/schemaSubsetProblems';
import { loadSubsetSchema } from './testServer/server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fullSchemaPath = path.resolve(repoRoot, '..', 'shared', 'linear', 'schema.graphql');
const haveFullSchema = existsSync(fullSchemaPath);
if (!haveFullSchema) {
  console.warn(`[linear contract] SKIPPED: Linear's full schema not found at ${fullSchemaPath}; operations are not validated against it.`);
}

const documents: [string, string][] = Object.entries(operations as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === 'string' ? [[name, value] as [string, string]] : [],
);

let full: GraphQLSchema | null = null;
const fullSchema = (): GraphQLSchema => (full ??= buildSchema(readFileSync(fullSchemaPath, 'utf8')));

describe('operations.ts', () => {
  it('exports at least the poll, create and update documents', () => {
    const names = documents.map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(['PLAN_POLL_QUERY', 'ISSUE_CREATE_MUTATION', 'ISSUE_UPDATE_STATE_MUTATION', 'LABEL_LOOKUP_QUERY']));
  });

  it.each(documents)('%s validates against the subset schema the test server serves', (_name, doc) => {
    expect(validate(loadSubsetSchema(), parse(doc)).map((e) => e.message)).toEqual([]);
  });

  it.skipIf(!haveFullSchema).each(documents)("%s validates against Linear's full schema", (_name, doc) => {
    expect(validate(fullSchema(), parse(doc)).map((e) => e.message)).toEqual([]);
  });
});

describe('testServer/schema.graphql (subset) agrees with the full schema', () => {
  it.skipIf(!haveFullSchema)('every type, field, argument and input field matches', () => {
    const subset = loadSubsetSchema();
    const fullS = fullSchema();
    const problems = schemaSubsetProblems(subset, fullS);
    expect(problems).toEqual([]);
  });

  it.skipIf(!haveFullSchema)('declares the operations the app relies on', () => {
    const subset = loadSubsetSchema();
    const q = subset.getQueryType()?.getFields() ?? {};
    const m = subset.getMutationType()?.getFields() ?? {};
    expect(Object.keys(q)).toEqual(expect.arrayContaining(['issue', 'viewer', 'teams', 'issueLabels', 'team', 'workflowStates']));
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['issueCreate', 'issueUpdate', 'issueLabelCreate']));
  });
});
