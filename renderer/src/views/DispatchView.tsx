import { ViewHeader } from './ViewHeader';

export function DispatchView() {
  return (
    <>
      <ViewHeader title="Dispatch" />
      <div className="view-body">
        <div className="empty">
          <h2>Dispatch is not available in this build yet</h2>
        </div>
      </div>
    </>
  );
}
