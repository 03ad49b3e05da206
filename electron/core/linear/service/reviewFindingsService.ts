import { RpcFailure } from '../../../../shared/contract/rpcResult';
import type { ReviewFindings } from '../../../../shared/domain/reviewFindings';
import { MentionRuleError } from '../../findings/mentionComment';
import { dispatchAgreedFindings, FindingsInputError, loadReviewFindings, recordDecisions, type DecisionInput, type DispatchOutcome, type FindingsGateway, type RouteChoice } from '../findingDispatch';
import { LinearRequestError } from '../linearGateway';

/**
 * The RPC face of §9 review findings: the current gateway (none until a key is connected), each
 * failure in the words the person sees, and a nudge to the caller after Linear changed (new
 * sub-issues show up in the plan's Linear panel at the next poll).
 */
export class ReviewFindingsService {
  constructor(
    private readonly gateway: () => FindingsGateway | null,
    private readonly afterWrite: () => void = () => undefined,
  ) {}

  load(issueId: string): Promise<ReviewFindings> {
    return this.run((gw) => loadReviewFindings(gw, issueId));
  }

  decide(issueId: string, tableKey: string, decisions: DecisionInput[]): Promise<ReviewFindings> {
    return this.run((gw) => recordDecisions(gw, issueId, tableKey, decisions));
  }

  async dispatch(issueId: string, tableKey: string, choices: RouteChoice[]): Promise<DispatchOutcome> {
    const outcome = await this.run((gw) => dispatchAgreedFindings(gw, issueId, tableKey, choices));
    if (outcome.results.some((r) => r.status === 'created')) this.afterWrite();
    return outcome;
  }

  private async run<T>(task: (gateway: FindingsGateway) => Promise<T>): Promise<T> {
    const gateway = this.gateway();
    if (!gateway) throw new RpcFailure('unavailable', 'Linear is not connected: add an API key in Settings → Linear.');
    try {
      return await task(gateway);
    } catch (error) {
      if (error instanceof FindingsInputError) throw new RpcFailure(error.kind, error.message);
      if (error instanceof MentionRuleError) throw new RpcFailure('refused', error.message);
      if (error instanceof LinearRequestError) throw new RpcFailure(error.connection.kind === 'no-access' ? 'not_found' : 'unavailable', error.connection.message);
      throw error;
    }
  }
}
