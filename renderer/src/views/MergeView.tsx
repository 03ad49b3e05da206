import { ViewHeader } from './ViewHeader';

export function MergeView() {
  return (
    <>
      <ViewHeader title="Merge" />
      <div className="view-body">
        <div className="empty">
          <h2>Merge is not available in this build yet</h2>
        </div>
      </div>
    </>
  );
}
