import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks requests against GitHub's published OpenAPI description (@octokit/openapi,
 * api.github.com.json): the path and method exist, every path and query parameter is declared
 * and valid, required ones are present, and the JSON body matches the operation's schema with no
 * top-level field the schema does not declare. The test server answers 400 with the reasons, so a
 * test fails as soon as the app sends something GitHub would not accept.
 */

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

interface Operation {
  operationId?: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { properties?: Record<string, unknown>; $ref?: string } }> };
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter>; schemas: Record<string, { properties?: Record<string, unknown> }> };
}

export interface RequestCheck {
  operationId: string | null;
  problems: string[];
}

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
}

const SPEC_ID = 'gh';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

let loaded: { spec: Spec; routes: Route[]; ajv: Ajv } | null = null;

function load(): { spec: Spec; routes: Route[]; ajv: Ajv } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: false, discriminator: false });
  addFormats(ajv);
  // GitHub's own format for 'owner/name'.
  ajv.addFormat('repo.nwo', /^[^/]+\/[^/]+$/);
  ajv.addSchema(spec as object, SPEC_ID);
  const routes = Object.keys(spec.paths).map((template): Route => {
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { template, pattern: new RegExp(`^${source}$`), names };
  });
  // Literal segments win over parameters (`/pulls/comments` before `/pulls/{pull_number}`).
  routes.sort((a, b) => a.names.length - b.names.length);
  loaded = { spec, routes, ajv };
  return loaded;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(pointer: string): ValidateFunction {
  let fn = compiled.get(pointer);
  if (!fn) {
    fn = load().ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    compiled.set(pointer, fn);
  }
  return fn;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function resolveParameter(spec: Spec, p: Parameter | { $ref: string }): { param: Parameter; pointer: string } {
  if ('$ref' in p) {
    const name = p.$ref.replace('#/components/parameters/', '');
    const param = spec.components.parameters[name] as Parameter;
    return { param, pointer: `/components/parameters/${escapePointer(name)}/schema` };
  }
  return { param: p, pointer: '' };
}

/** Query values arrive as strings: read them as the schema's type before validating. */
function coerce(value: string, schema: { type?: string } | undefined): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number') return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  if (schema?.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

export function checkRequest(method: string, url: URL, body: unknown): RequestCheck {
  const { spec, routes } = load();
  const path = url.pathname.replace(/^\/api\/v3/, '');
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return { operationId: null, problems: [`${method} ${path}: no such path in GitHub's OpenAPI description`] };
  const lower = method.toLowerCase();
  const operation = spec.paths[route.template]?.[lower];
  if (!operation) return { operationId: null, problems: [`${method} ${route.template}: the path exists but not with method ${method}`] };
  const problems: string[] = [];
  const where = `${method} ${route.template}`;
  const match = route.pattern.exec(path) ?? [];
  const pathValues = new Map(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
  const opPointer = `/paths/${escapePointer(route.template)}/${lower}`;
  const declaredQuery = new Set<string>();
  (operation.parameters ?? []).forEach((raw, index) => {
    const { param, pointer } = resolveParameter(spec, raw);
    const schemaPointer = pointer || `${opPointer}/parameters/${index}/schema`;
    if (param.in === 'query') declaredQuery.add(param.name);
    const value = param.in === 'path' ? pathValues.get(param.name) : param.in === 'query' ? url.searchParams.get(param.name) : null;
    if (param.in !== 'path' && param.in !== 'query') return;
    if (value === null || value === undefined) {
      if (param.required) problems.push(`${where}: required ${param.in} parameter '${param.name}' is missing`);
      return;
    }
    const validate = validatorFor(schemaPointer);
    if (!validate(coerce(value, param.schema as { type?: string }))) problems.push(`${where}: ${param.in} parameter '${param.name}'=${JSON.stringify(value)} ${validate.errors?.map((e) => e.message).join(', ')}`);
  });
  for (const name of url.searchParams.keys()) if (!declaredQuery.has(name)) problems.push(`${where}: query parameter '${name}' is not in the description`);
  const content = operation.requestBody?.content?.['application/json'];
  if (body === undefined) {
    if (operation.requestBody?.required) problems.push(`${where}: a JSON body is required`);
  } else if (!content) {
    problems.push(`${where}: takes no JSON body`);
  } else {
    const validate = validatorFor(`${opPointer}/requestBody/content/application~1json/schema`);
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}`));
    const declared = declaredProperties(spec, content.schema);
    if (declared && body && typeof body === 'object') {
      for (const key of Object.keys(body)) if (!declared.has(key)) problems.push(`${where}: body field '${key}' is not in the description`);
    }
  }
  return { operationId: operation.operationId ?? null, problems };
}

function declaredProperties(spec: Spec, schema: { properties?: Record<string, unknown>; $ref?: string } | undefined): Set<string> | null {
  const resolved = schema?.$ref ? spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  return resolved?.properties ? new Set(Object.keys(resolved.properties)) : null;
}
