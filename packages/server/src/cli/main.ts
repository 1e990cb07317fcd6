import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { roles, zCreateUserBody } from '@hifazat/contract';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { AppError } from '../http/errors.js';
import { serve } from '../main.js';
import { createUser } from '../modules/users/users.service.js';
import { loadDemo } from './demo.js';

const USAGE = `Usage: hifazat <command>

  serve                         start the server (PORT, HOST, DATA_DIR, DATABASE_URL)
  migrate                       bring the database schema up to date
  user add --email E --name N --role ROLE [--password-stdin] [--country PK ...]
                                create a user (roles: ${roles.join(', ')}); asks for the password
                                unless --password-stdin reads it from standard input
  demo                          load a demo programme (Pakistan, several years of events)

The same environment picks the same database: DATABASE_URL=postgres://… or the SQLite file under DATA_DIR (default ./data).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  output._writeToOutput = (s: string) => {
    if (!asked) {
      process.stdout.write(s);
      asked = true;
    }
  };
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

/** Opens the configured database, brought up to date first unless the command is `migrate` itself. */
async function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>) => Promise<T>, options: { migrate: boolean } = { migrate: true }): Promise<T> {
  const handle = openDatabase(loadConfig());
  try {
    if (options.migrate) await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function userAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      country: { type: 'string', multiple: true },
    },
  });
  const password = values['password-stdin'] ? await readStdin() : await promptHidden('Password: ');
  const parsed = zCreateUserBody.safeParse({ email: values.email, name: values.name, role: values.role, password, countries: values.country ?? null });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    process.exitCode = 2;
    return;
  }
  await withDatabase(async ({ db }) => {
    const user = await createUser(db, null, parsed.data);
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withDatabase(async ({ db, engine, location }) => {
        const applied = await migrateToLatest(db);
        console.log(`${engine} ${location}: ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`}`);
      }, { migrate: false });
    case 'user':
      if (sub === 'add') return userAdd(rest);
      break;
    case 'demo':
      return withDatabase(async ({ db }) => {
        const result = await loadDemo(db);
        console.log(result);
      });
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof AppError || error instanceof Error ? `Error: ${error.message}` : 'Error');
  process.exitCode = 1;
});
