import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootWorkspace } from '../core/app/bootWorkspace';
import { createCore } from '../core/app/createCore';
import { consoleLogger } from '../core/app/platformActions';
import { CLI_USAGE, CliArgsError, parseCliArgs } from '../core/config/parseCliArgs';
import { EnvSecretStore } from '../core/linear/linearKeyStore';
import { startServeServer } from './serveServer';
import { servePlatform } from './servePlatform';

declare const __SWITCHYARD_VERSION__: string;

async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliArgsError) {
      console.error(`switchyard: ${error.message}\n\n${CLI_USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (args.help) {
    console.log(CLI_USAGE);
    return;
  }
  const { config, demoRoot } = await bootWorkspace({ args, env: process.env, homedir: homedir(), platform: process.platform });
  if (demoRoot) consoleLogger.info(`demo workspace generated in ${demoRoot}`);
  const core = await createCore({
    mode: 'serve',
    version: typeof __SWITCHYARD_VERSION__ === 'string' ? __SWITCHYARD_VERSION__ : '0.0.0-dev',
    workspace: config,
    platform: servePlatform,
    logger: consoleLogger,
    secretStore: new EnvSecretStore(process.env),
    githubSecretStore: new EnvSecretStore(process.env, 'GITHUB_TOKEN'),
    terminal: args.terminal,
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const server = await startServeServer({
    core,
    staticDir: process.env.SWITCHYARD_STATIC_DIR ?? join(here, '..', 'renderer'),
    port: args.port ?? Number(process.env.SWITCHYARD_PORT ?? 0),
    logger: consoleLogger,
  });
  // Start scanning after the server is up so the page shows progress instead of a blank wait.
  void core.start().catch((error: unknown) => consoleLogger.error('start failed', error));
  console.log(`Switchyard is serving ${config.demo ? 'the demo workspace' : config.claudeHome} at:\n  ${server.openUrl}`);
  const shutdown = async () => {
    await server.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error('switchyard: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
