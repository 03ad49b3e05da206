import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { SwitchyardClient } from '../../../../shared/contract';

/**
 * One xterm per launched session for the life of the page: closing the detail panel only detaches
 * its element, so reopening shows the same screen; a new page (or a reconnect) attaches again and
 * replays the core's scrollback. Output events carry the offset they end at, so a chunk already in
 * the replayed scrollback is never written twice.
 */
interface Entry {
  term: Terminal;
  fit: FitAddon;
  element: HTMLDivElement;
  /** Characters written so far (the core's offset); -1 until the scrollback arrived. */
  written: number;
  queued: { data: string; end: number }[];
  resizeTimer: number | null;
}

const entries = new Map<string, Entry>();
let unsubscribe: (() => void) | null = null;
let subscribedClient: SwitchyardClient | null = null;

function write(entry: Entry, data: string, end: number): void {
  const start = end - data.length;
  if (end <= entry.written) return;
  entry.term.write(start < entry.written ? data.slice(entry.written - start) : data);
  entry.written = end;
}

function listen(client: SwitchyardClient): void {
  if (subscribedClient === client) return;
  unsubscribe?.();
  subscribedClient = client;
  const offConnection = client.onConnection((connected) => {
    // The socket may have dropped output while it was down: replay each terminal's scrollback.
    if (connected) replayAll(client);
  });
  const offEvent = client.onEvent((event) => {
    if (event.event === 'terminal.data') {
      const entry = entries.get(event.payload.id);
      if (!entry) return;
      if (entry.written < 0) entry.queued.push({ data: event.payload.data, end: event.payload.end });
      else write(entry, event.payload.data, event.payload.end);
    } else if (event.event === 'terminal.exit') {
      const entry = entries.get(event.payload.id);
      entry?.term.write(`\r\n\x1b[2m[process exited${event.payload.exitCode === null ? '' : ` with code ${event.payload.exitCode}`}]\x1b[0m\r\n`);
    }
  });
  unsubscribe = () => {
    offConnection();
    offEvent();
  };
}

async function replay(client: SwitchyardClient, id: string, entry: Entry): Promise<string | null> {
  entry.written = -1;
  const res = await client.call('terminal.attach', { id });
  if (!res.ok) {
    entry.written = 0;
    return res.error.message;
  }
  entry.term.reset();
  entry.term.write(res.value.scrollback);
  entry.written = res.value.end;
  for (const q of entry.queued.splice(0)) write(entry, q.data, q.end);
  return null;
}

/** The terminal of launch `id`, created (and its history replayed) on first use. */
export async function attachTerminal(client: SwitchyardClient, id: string, host: HTMLElement): Promise<{ detach(): void; problem: string | null }> {
  listen(client);
  let entry = entries.get(id);
  let problem: string | null = null;
  if (!entry) {
    const element = document.createElement('div');
    element.className = 'launch-terminal-screen';
    const term = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 11, scrollback: 5000, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', theme: { background: '#0f1115' } });
    const fit = new FitAddon();
    term.loadAddon(fit);
    entry = { term, fit, element, written: 0, queued: [], resizeTimer: null };
    entries.set(id, entry);
    host.appendChild(element);
    term.open(element);
    const e = entry;
    term.onData((data) => void client.call('terminal.input', { id, data }));
    term.onResize(({ cols, rows }) => {
      if (e.resizeTimer !== null) window.clearTimeout(e.resizeTimer);
      e.resizeTimer = window.setTimeout(() => void client.call('terminal.resize', { id, cols, rows }), 120);
    });
    problem = await replay(client, id, entry);
  } else {
    host.appendChild(entry.element);
  }
  const e = entry;
  const refit = () => {
    try {
      e.fit.fit();
    } catch {
      // not laid out yet
    }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  return {
    problem,
    detach() {
      observer.disconnect();
      if (e.element.parentElement === host) host.removeChild(e.element);
    },
  };
}

/** After a reconnect the socket may have missed output: replay every open terminal's scrollback. */
export function replayAll(client: SwitchyardClient): void {
  for (const [id, entry] of entries) void replay(client, id, entry);
}
