import type { ReactNode } from 'react';

export function ViewHeader(props: { title: string; sub?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="view-header">
      <h1>{props.title}</h1>
      {props.sub ? <span className="sub">{props.sub}</span> : null}
      {props.actions ? <div className="actions">{props.actions}</div> : null}
    </header>
  );
}
