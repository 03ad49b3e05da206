import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, type ViewName } from '../store/appStore';
import { useCommands } from './useCommands';

export interface PaletteCommand {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

/** Ctrl/Cmd-K: every action reachable from the keyboard, filtered as you type. */
export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  const setOpen = useAppStore((s) => s.setPaletteOpen);
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? commands.filter((c) => c.label.toLowerCase().includes(q)) : commands;
  }, [commands, query]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setIndex(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    setOpen(false);
    command.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder="Type a command…"
          aria-label="Command"
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            else if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') run(matches[index]);
          }}
        />
        <ul role="listbox">
          {matches.map((command, i) => (
            <li key={command.id} role="option" aria-selected={i === index} onMouseEnter={() => setIndex(i)} onClick={() => run(command)}>
              <span>{command.label}</span>
              {command.hint ? <span className="faint">{command.hint}</span> : null}
            </li>
          ))}
          {matches.length === 0 ? <li className="faint">No command matches “{query}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}

export const VIEW_LABELS: Record<ViewName, string> = {
  sessions: 'Sessions',
  dispatch: 'Dispatch',
  merge: 'Merge',
  plans: 'Plans',
  settings: 'Settings',
};
