import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * Syntax colours for diff lines. highlight.js core with the languages these repositories are
 * written in (about 60 KB instead of the ~1 MB of every grammar), highlighting only the lines that
 * are on screen, each once.
 */
const LANGUAGES = { bash, css, go, ini, javascript, json, markdown, python, rust, typescript, xml, yaml };
for (const [name, grammar] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, grammar);

const BY_EXTENSION: Record<string, keyof typeof LANGUAGES> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  json: 'json', jsonc: 'json',
  css: 'css', scss: 'css',
  html: 'xml', htm: 'xml', xml: 'xml', svg: 'xml', vue: 'xml',
  md: 'markdown', markdown: 'markdown',
  py: 'python', go: 'go', rs: 'rust',
  sh: 'bash', bash: 'bash', zsh: 'bash',
  yml: 'yaml', yaml: 'yaml', toml: 'ini', ini: 'ini', cfg: 'ini',
};

/** The grammar for a path, or null (plain text) when none fits. */
export function languageOf(path: string): string | null {
  const name = path.split('/').pop() ?? path;
  if (name === 'Dockerfile' || name === 'Makefile') return null;
  const ext = name.includes('.') ? name.split('.').pop()?.toLowerCase() ?? '' : '';
  return BY_EXTENSION[ext] ?? null;
}

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/**
 * One line as highlighted HTML (highlight.js escapes the text itself), or null when the line is
 * plain or too long to be worth it. Each line is coloured on its own: a line inside a multi-line
 * comment or string may be coloured as code — the price of never highlighting what is off screen.
 */
export function highlightLine(text: string, language: string | null): string | null {
  if (!language || text.length === 0 || text.length > 2_000) return null;
  const key = `${language}\0${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, html);
  return html;
}
