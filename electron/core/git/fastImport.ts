import { gitOk } from './execGit';

/** `git fast-import --quiet`: writes the commits and refs a fast-import stream describes (benchmarks build big repos so). */
export async function fastImport(cwd: string, stream: string, timeoutMs = 300_000): Promise<void> {
  await gitOk(['fast-import', '--quiet'], { cwd, input: stream, timeoutMs });
}
