import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './operations';
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
    const problems: string[] = [];
    for (const type of Object.values(subset.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const other = fullS.getType(type.name);
      if (!other) {
        problems.push(`type ${type.name} missing from the full schema`);
        continue;
      }
      if (type.constructor !== other.constructor) problems.push(`${type.name}: kind differs`);
      if (isScalarType(type)) continue;
      if (isEnumType(type) && isEnumType(other)) {
        for (const v of type.getValues()) if (!other.getValue(v.name)) problems.push(`${type.name}.${v.name} enum value missing`);
        continue;
      }
      if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(other) || isInterfaceType(other))) {
        const otherFields = other.getFields();
        for (const f of Object.values(type.getFields())) {
          const of = otherFields[f.name];
          if (!of) {
            problems.push(`${type.name}.${f.name} missing`);
            continue;
          }
          if (String(f.type) !== String(of.type)) problems.push(`${type.name}.${f.name}: ${String(f.type)} vs ${String(of.type)}`);
          for (const a of f.args) {
            const oa = of.args.find((x) => x.name === a.name);
            if (!oa) problems.push(`${type.name}.${f.name}(${a.name}) missing`);
            else if (String(a.type) !== String(oa.type)) problems.push(`${type.name}.${f.name}(${a.name}): ${String(a.type)} vs ${String(oa.type)}`);
          }
          for (const oa of of.args) {
            if (String(oa.type).endsWith('!') && oa.defaultValue === undefined && !f.args.some((a) => a.name === oa.name)) {
              problems.push(`${type.name}.${f.name}: required argument ${oa.name} not declared`);
            }
          }
        }
      }
      if (isInputObjectType(type) && isInputObjectType(other)) {
        const otherFields = other.getFields();
        for (const f of Object.values(type.getFields())) {
          const of = otherFields[f.name];
          if (!of) problems.push(`${type.name}.${f.name} missing`);
          else if (String(f.type) !== String(of.type)) problems.push(`${type.name}.${f.name}: ${String(f.type)} vs ${String(of.type)}`);
        }
        for (const of of Object.values(otherFields)) {
          if (String(of.type).endsWith('!') && !type.getFields()[of.name]) problems.push(`${type.name}: required input field ${of.name} not declared`);
        }
      }
      // Every named type a declared field refers to must itself be declared (the subset is self-contained).
      if (isObjectType(type)) for (const f of Object.values(type.getFields())) expect(subset.getType(getNamedType(f.type).name)).toBeDefined();
    }
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
