import type { ReactNode } from 'react';

/** A titled block of the detail panel; the count says how much is inside before reading it. */
export function DetailSection(props: { title: string; count?: number; testId?: string; children: ReactNode }) {
  return (
    <section className="sessions-detail-section" data-testid={props.testId}>
      <h3>
        {props.title}
        {props.count !== undefined ? <span className="faint"> {props.count}</span> : null}
      </h3>
      {props.children}
    </section>
  );
}
