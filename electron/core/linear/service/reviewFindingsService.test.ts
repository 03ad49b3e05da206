import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../../shared/contract/rpcResult';
import { createLinearGateway, type LinearGateway } from '../linearGateway';
import { startLinearTestServer, type LinearTestServer } from '../testServer/server';
import { ReviewFindingsService } from './reviewFindingsService';

let server: LinearTestServer;
let gateway: LinearGateway;
beforeEach(async () => {
  server = await startLinearTestServer();
  gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url });
});
afterEach(async () => {
  await server.close();
});

const RDR = '| # | Finding | Effort | Decision |\n|---|---|---|---|\n| 1 | Typo in the banner | trivial | agree |\n';

describe('ReviewFindingsService: the RPC face of §9', () => {
  it('without a connection: unavailable, in words', async () => {
    const service = new ReviewFindingsService(() => null);
    await expect(service.load('ENG-1')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Linear is not connected/) });
  });

  it('an unknown issue or table is not_found; nothing is written', async () => {
    const service = new ReviewFindingsService(() => gateway);
    await expect(service.load('ENG-404')).rejects.toBeInstanceOf(RpcFailure);
    await expect(service.decide('ENG-1', 'nope#0', [{ key: '1', decision: 'agree' }])).rejects.toMatchObject({ code: 'not_found' });
    expect(server.store.comments.size).toBe(0);
  });

  it('dispatches and tells the caller Linear changed (so the plan panel polls)', async () => {
    let writes = 0;
    const service = new ReviewFindingsService(() => gateway, () => (writes += 1));
    await gateway.createComment('ENG-1', RDR);
    const [table] = (await service.load('ENG-1')).tables;
    const first = await service.dispatch('ENG-1', table?.key ?? '', []);
    expect(first.results.map((r) => [r.status, r.mention?.body])).toEqual([['created', '@tembo Implement: Typo in the banner']]);
    await service.dispatch('ENG-1', table?.key ?? '', []);
    expect(writes).toBe(1);
  });
});
