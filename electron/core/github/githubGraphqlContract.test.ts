import { schema as githubSchema } from '@octokit/graphql-schema';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaSubsetProblems } from '../testing/schemaSubsetProblems';
import * as documents from './githubGraphqlDocuments';
import { githubGraphqlSchema } from './testServer/githubGraphqlSchema';

// GitHub's published schema, from the @octokit/graphql-schema package (dev dependency). It defines one
// enterprise field twice, which strict SDL validation refuses; nothing the app uses is near it.
let full: GraphQLSchema | null = null;
const fullSchema = (): GraphQLSchema => (full ??= buildSchema(githubSchema.idl, { assumeValidSDL: true }));

const docs = Object.entries(documents as Record<string, unknown>).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : []));

describe("GitHub GraphQL documents against GitHub's schema", () => {
  it('there is at least the draft → ready mutation', () => {
    expect(docs.map(([n]) => n)).toContain('MARK_READY_FOR_REVIEW_MUTATION');
  });
  it.each(docs)("%s validates against GitHub's full published schema", (_name, doc) => {
    expect(validate(fullSchema(), parse(doc)).map((e) => e.message)).toEqual([]);
  });
  it.each(docs)('%s validates against the excerpt the test server serves', (_name, doc) => {
    expect(validate(githubGraphqlSchema(), parse(doc)).map((e) => e.message)).toEqual([]);
  });
  it("the test server's excerpt agrees with the full schema (types, fields, arguments)", () => {
    expect(schemaSubsetProblems(githubGraphqlSchema(), fullSchema())).toEqual([]);
  });
});
