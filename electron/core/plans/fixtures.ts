import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Test helper: a fixture plan's exact text. */
export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export const FULL_PLAN = '2026-02-20-ccc-switchyard-dispatch.md';
export const RULEBOOK = 'rulebook-examples.md';
export const LEGACY = 'composed-crunching-raven.md';
export const BROKEN = 'CIA-999-broken-plan.md';
export const CRLF = '2026-03-01-alteri-crlf-plan.md';

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
