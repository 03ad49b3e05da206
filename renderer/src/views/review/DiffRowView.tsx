import { memo } from 'react';
import type { DiffFile } from '../../../../shared/domain/review';
import type { DiffRow, DiffSide } from './diffRows';
import { highlightLine } from './highlight';

const STATUS_LETTER: Record<DiffFile['status'], string> = { added: 'A', deleted: 'D', modified: 'M', renamed: 'R', copied: 'C', 'type-changed': 'T' };

export function StatusBadge({ status }: { status: DiffFile['status'] }) {
  return (
    <span className={`review-status review-status-${status}`} title={status}>
      {STATUS_LETTER[status]}
    </span>
  );
}

function Code({ text, language }: { text: string; language: string | null }) {
  const html = highlightLine(text, language);
  // highlight.js escapes the text it colours; plain lines go in as text.
  return html === null ? <span className="review-code">{text}</span> : <span className="review-code" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Side({ side, language }: { side: DiffSide | null; language: string | null }) {
  if (!side) return <div className="review-side review-empty" />;
  return (
    <div className={`review-side review-${side.type}`}>
      <span className="review-no">{side.no}</span>
      <span className="review-sign">{side.type === 'add' ? '+' : side.type === 'del' ? '−' : ' '}</span>
      <Code text={side.text} language={language} />
    </div>
  );
}

export interface RowProps {
  row: DiffRow;
  file: DiffFile;
  language: string | null;
  collapsed: boolean;
  onToggle(file: number): void;
}

/** One row of the virtualised diff; memoised so scrolling re-renders only rows that enter the view. */
export const DiffRowView = memo(function DiffRowView({ row, file, language, collapsed, onToggle }: RowProps) {
  switch (row.kind) {
    case 'file':
      return (
        <div className="review-row review-file-row" data-testid="diff-file" data-path={file.path}>
          <div className="review-file-inner">
          <button type="button" className="review-toggle" aria-expanded={!collapsed} aria-label={collapsed ? `Show ${file.path}` : `Hide ${file.path}`} onClick={() => onToggle(row.file)}>
            {collapsed ? '▸' : '▾'}
          </button>
          <StatusBadge status={file.status} />
          <span className="review-path" title={file.path}>
            {file.oldPath ? <span className="faint">{file.oldPath} → </span> : null}
            {file.path}
          </span>
          <span className="review-counts">
            <span className="review-plus">+{file.additions}</span> <span className="review-minus">−{file.deletions}</span>
          </span>
          </div>
        </div>
      );
    case 'hunk':
      return (
        <div className="review-row review-hunk-row">
          <span className="review-sticky">{row.header}</span>
        </div>
      );
    case 'note':
      return (
        <div className="review-row review-note-row" data-testid="diff-note">
          <span className="review-sticky">{row.text}</span>
        </div>
      );
    case 'line':
      return (
        <div className={`review-row review-line review-${row.type}`} data-testid="diff-line">
          <span className="review-no">{row.oldNo ?? ''}</span>
          <span className="review-no">{row.newNo ?? ''}</span>
          <span className="review-sign">{row.type === 'add' ? '+' : row.type === 'del' ? '−' : ' '}</span>
          <Code text={row.text} language={language} />
          {row.noNewline ? <span className="review-eof" title="No newline at end of file">⏎̸</span> : null}
        </div>
      );
    case 'pair':
      return (
        <div className="review-row review-pair" data-testid="diff-line">
          <Side side={row.left} language={language} />
          <Side side={row.right} language={language} />
        </div>
      );
  }
});
