import { ViewHeader } from './ViewHeader';

export function PlansView() {
  return (
    <>
      <ViewHeader title="Plans" />
      <div className="view-body">
        <div className="empty">
          <h2>Plans is not available in this build yet</h2>
        </div>
      </div>
    </>
  );
}
