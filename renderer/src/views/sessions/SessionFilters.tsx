import type { SessionRecord, SessionStatus } from '../../../../shared/domain/session';
import { filterOptions, NO_FILTERS, type FilterOption, type SessionFilters } from './filterSessions';
import { STATUS_WORDS } from './statusWords';

function Select(props: { label: string; testId: string; value: string; all: string; options: FilterOption[]; onChange(value: string): void }) {
  return (
    <label className="sessions-filter">
      <span className="sessions-filter-label">{props.label}</span>
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({o.count})
          </option>
        ))}
      </select>
    </label>
  );
}

/** A chosen value no session has any more stays listed (with 0), so the select never lies about the filter. */
function keepChosen(options: FilterOption[], value: string, label: string): FilterOption[] {
  return value === '' || options.some((o) => o.value === value) ? options : [...options, { value, label, count: 0 }];
}

/** Plan, status and repo filters; each offers only what some session has. */
export function SessionFiltersBar(props: { records: readonly SessionRecord[]; filters: SessionFilters; onChange(filters: SessionFilters): void }) {
  const { plans, statuses, repos } = filterOptions(props.records);
  const { filters, onChange } = props;
  const active = filters.plan !== '' || filters.status !== '' || filters.repo !== '';
  return (
    <div className="sessions-filters" role="group" aria-label="Filters">
      <Select label="Plan" testId="filter-plan" value={filters.plan} all="All plans" options={keepChosen(plans, filters.plan, filters.plan.split(/[\\/]/).pop() ?? filters.plan)} onChange={(plan) => onChange({ ...filters, plan })} />
      <Select
        label="Status"
        testId="filter-status"
        value={filters.status}
        all="All statuses"
        options={keepChosen(statuses, filters.status, filters.status).map((s) => ({ ...s, label: STATUS_WORDS[s.value as SessionStatus] }))}
        onChange={(status) => onChange({ ...filters, status: status as SessionStatus | '' })}
      />
      <Select label="Repo" testId="filter-repo" value={filters.repo} all="All repos" options={keepChosen(repos, filters.repo, filters.repo.split(/[\\/]/).pop() ?? filters.repo)} onChange={(repo) => onChange({ ...filters, repo })} />
      {active ? (
        <button type="button" className="btn small" onClick={() => onChange(NO_FILTERS)}>
          Clear
        </button>
      ) : null}
    </div>
  );
}
