import type { Violation } from '../../../../shared/domain/dispatch';

/** Violations where they happen: the message, then the rule book line it breaks. */
export function ViolationList({ violations }: { violations: readonly Violation[] }) {
  if (violations.length === 0) return null;
  return (
    <ul className="dispatch-violations">
      {violations.map((v, i) => (
        <li key={`${v.rule}-${i}`} data-testid="violation" data-severity={v.severity} data-rule={v.rule} className={`dispatch-violation ${v.severity}`}>
          <span className={`pill dispatch-sev ${v.severity}`}>{v.severity === 'error' ? 'breaks rule' : 'warning'}</span>
          <span className="dispatch-vmsg">{v.message}</span>
          <span className="dispatch-vrule faint" title={v.rule}>
            {v.ruleText}
          </span>
        </li>
      ))}
    </ul>
  );
}
