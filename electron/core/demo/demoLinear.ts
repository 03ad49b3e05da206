import { startLinearTestServer } from '../linear/testServer/server';
import { seedDemoLinear } from './demoLinearSeed';

export interface DemoLinear {
  url: string;
  apiKey: string;
  teamId: string;
  close(): Promise<void>;
}

/** The local Linear test server (127.0.0.1, random port) seeded with the demo's issues. */
export async function startDemoLinear(): Promise<DemoLinear> {
  let teamId = '';
  const server = await startLinearTestServer({
    seed: (store) => {
      teamId = seedDemoLinear(store).teamId;
    },
  });
  return { url: server.url, apiKey: server.apiKey, teamId, close: () => server.close() };
}
