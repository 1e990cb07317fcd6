import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestContext } from './helpers.js';

const bin = path.resolve(import.meta.dirname, '../bin/hifazat.js');

export type CommandResult = { status: number | null; stdout: string; stderr: string };

/**
 * Runs `hifazat …` (bin/hifazat.js, as `npx hifazat` does) on the test context's own database and
 * data folder (createTestContext(engine, { databaseInDataDir: true })), in a child process that does
 * not block the test's event loop: the in-process app keeps answering meanwhile.
 */
export function hifazat(ctx: Pick<TestContext, 'commandEnv'>, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...ctx.commandEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
