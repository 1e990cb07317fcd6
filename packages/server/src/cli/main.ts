import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { roles } from '@hifazat/contract';
import type { DatabaseHandle } from '../db/database.js';

// Each command loads the modules it needs when it runs (dynamic imports; the build splits them into
// chunks), so that `hifazat --help` or `user add` does not load the web server, exports and imports.

const USAGE = `Usage: hifazat <command>

  serve                         start the server (PORT, HOST, DATA_DIR, DATABASE_URL)
  migrate                       bring the database schema up to date
  user add --email E --name N --role ROLE [--password-stdin] [--country PK ...]
           [--organization ID-OR-NAME] [--province NAME ...]
                                create a user (roles: ${roles.join(', ')}); asks for the password
                                unless --password-stdin reads it from standard input. --organization
                                is the agency whose case files a data officer or supervisor works on
                                (its id or exact name); --province limits a data officer to a province
                                (repeat for several; none: every province of their countries)
  user unlock --email E         forget the account's failed sign-ins from every address (after a
                                lock-out: see "Sign-in limits" in the README)
  demo                          load a demo programme (Pakistan, several years of events)
  backup <file> [--encrypt] [--passphrase-file F]
                                a consistent backup while the server runs (encrypted with
                                BACKUP_PASSPHRASE when set, or with a passphrase asked for / read from F)
  restore <file> [--force] [--passphrase-file F]
                                restore a backup into an empty database (--force replaces a non-empty one)
  doctor                        check the database, schema, accounts, audit chain, disk space and backups
  audit verify                  walk the audit log's hash chain: "intact", or the first broken entry (exit 1)
  certificate verify <file-or-text> [--public-key F]
                                check a certificate offline: the QR's text, a certificate PDF or an Open
                                Badge JSON, against the keys in DATA_DIR or the keyring file F (exit 1 if
                                not genuine)
  certificate keys rotate       a new certificate signing key (HIFAZAT_CERTIFICATE_KEY, if set, is rotated
                                by changing it); certificates signed before still verify
  certificate keys show         the public keys to publish (JSON)
  keys rotate                   a new data key (victims' data); re-encrypts every sealed value while the
                                server runs, printing how many values each key seals
  keys prune                    drop old data keys that no sealed value uses any more
  keys export --out FILE        the data keys to a new file (mode 0600): keep it apart from the backups,
                                which never hold the data key
  keys import FILE              put exported data keys into DATA_DIR (after a restore on a new computer)
  cases anonymise [--dry-run]   anonymise closed cases past CASE_RETENTION_YEARS (default 5) now, as the
                                server does daily; --dry-run only counts them
  cases reindex                 build the blind indexes of date of birth, phone and identity numbers (and
                                the possible duplicates) of every case: once after upgrading to 0021
  reports rebuild               build the report aggregates again from the participations (when doctor
                                says they disagree); safe while the server runs

Stop the server before a restore. The same environment picks the same database: DATABASE_URL=postgres://… or the SQLite file under DATA_DIR (default ./data).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
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
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>, options: { migrate: boolean } = { migrate: true }): Promise<T> {
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../config.js'),
    import('../db/database.js'),
    import('../db/migrator.js'),
  ]);
  const handle = openDatabase(loadConfig());
  try {
    if (options.migrate) await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/**
 * The agency `--organization` names: an organisation's id, or its exact name. Answers its id, or the
 * reason it names none (unknown, or a name several organisations share, in different countries).
 */
async function agencyNamed(db: DatabaseHandle['db'], value: string): Promise<{ id: string } | { problem: string }> {
  const [{ zId }, { findOrganizations, organizationsCalled }] = await Promise.all([import('@hifazat/contract'), import('../modules/organizations/index.js')]);
  const describe = (o: { id: string; name: string; countryCode: string | null }) => `${o.name} (${o.countryCode ?? 'international'}, ${o.id})`;
  if (zId.safeParse(value).success) {
    const [found] = await findOrganizations(db, [value]);
    return found ? { id: found.id } : { problem: `no organisation has the id ${value}` };
  }
  const { exact, close } = await organizationsCalled(db, value);
  const [only] = exact;
  if (only && exact.length === 1) return { id: only.id };
  if (exact.length > 1) return { problem: `several organisations are called "${value}"; give the id of one: ${exact.map(describe).join('; ')}` };
  const hint = close.length > 0 ? `; did you mean ${close.map(describe).join('; ')}?` : ' (give its id or its exact name)';
  return { problem: `no organisation is called "${value}"${hint}` };
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
      organization: { type: 'string' },
      province: { type: 'string', multiple: true },
    },
  });
  const password = values['password-stdin'] ? await readStdin() : await promptHidden('Password: ');
  const { zCreateUserBody } = await import('@hifazat/contract');
  const parsed = zCreateUserBody.safeParse({
    email: values.email,
    name: values.name,
    role: values.role,
    password,
    countries: values.country ?? null,
    provinces: values.province ?? null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    process.exitCode = 2;
    return;
  }
  const { createUser } = await import('../modules/users/index.js');
  await withDatabase(async ({ db }) => {
    const agency = values.organization === undefined ? null : await agencyNamed(db, values.organization);
    if (agency && 'problem' in agency) {
      console.error(`organization: ${agency.problem}`);
      process.exitCode = 2;
      return;
    }
    const user = await createUser(db, null, { ...parsed.data, organizationId: agency?.id ?? null });
    const where = [agency ? `agency ${agency.id}` : null, user.provinces ? `provinces ${user.provinces.join(', ')}` : null].filter(Boolean).join('; ');
    console.log(`Created ${user.role} ${user.email} (${user.id})${where ? `: ${where}` : ''}`);
  });
}

async function userUnlock(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) {
    console.error('user unlock: give --email');
    process.exitCode = 2;
    return;
  }
  const email = values.email;
  const { unlockAccount } = await import('../modules/auth/index.js');
  await withDatabase(async ({ db }) => {
    const { found, cleared } = await unlockAccount(db, email);
    if (!found) {
      console.error(`No account ${email}${cleared > 0 ? ` (forgot ${cleared} failed sign-ins made with that address anyway)` : ''}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${email}: forgot ${cleared} failed sign-in${cleared === 1 ? '' : 's'}; it can sign in again from every address`);
  });
}

/** The passphrase for a backup: from a file, from BACKUP_PASSPHRASE, or asked for on the terminal. */
async function backupPassphrase(options: { file: string | undefined; ask: boolean; confirm: boolean }): Promise<string | undefined> {
  if (options.file) {
    const text = fs.readFileSync(options.file, 'utf8').replace(/\r?\n$/, '');
    if (text.length < 12) throw new Error('The passphrase must have at least 12 characters');
    return text;
  }
  const { loadConfig } = await import('../config.js');
  const fromEnvironment = loadConfig().backup.passphrase;
  if (fromEnvironment !== undefined) return fromEnvironment;
  if (!options.ask) return undefined;
  if (!process.stdin.isTTY) throw new Error('Give the passphrase with --passphrase-file or BACKUP_PASSPHRASE (no terminal to ask on)');
  const first = await promptHidden('Backup passphrase: ');
  if (options.confirm) {
    if (first.length < 12) throw new Error('The passphrase must have at least 12 characters');
    if ((await promptHidden('Again: ')) !== first) throw new Error('The two passphrases differ');
  }
  return first;
}

async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { encrypt: { type: 'boolean', default: false }, 'passphrase-file': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('Usage: hifazat backup <file> [--encrypt] [--passphrase-file F]');
  const passphrase = await backupPassphrase({ file: values['passphrase-file'], ask: values.encrypt, confirm: true });
  const [{ loadConfig }, { createBackup }] = await Promise.all([import('../config.js'), import('../modules/operations/index.js')]);
  const result = await createBackup(loadConfig(), file, { passphrase });
  const counts = Object.entries(result.header.counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  const files = result.header.files.length;
  console.log(
    `Backed up ${result.header.engine} to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB${passphrase ? ', encrypted' : ''}): ${counts}` +
      (files > 0 ? `; ${files} file(s) of the data folder (certificate keys and logos, campaign evidence)` : ''),
  );
}

async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, 'passphrase-file': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('Usage: hifazat restore <file> [--force] [--passphrase-file F]');
  const [{ loadConfig }, { readBackupHeader, restoreBackup }] = await Promise.all([import('../config.js'), import('../modules/operations/index.js')]);
  const { header } = await readBackupHeader(file);
  const passphrase = header.encryption ? await backupPassphrase({ file: values['passphrase-file'], ask: true, confirm: false }) : undefined;
  const result = await restoreBackup(loadConfig(), file, { passphrase, force: values.force });
  const counts = Object.entries(result.counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  const keys = {
    restored: ' The certificate signing key was restored.',
    kept: " This installation's certificate signing key was kept; the backup's public key was added to the keyring, so what it signed still verifies.",
    same: '',
    none: '',
  }[result.files.signingKey];
  console.log(
    `Restored the backup of ${header.createdAt}: ${counts}.${result.migrated.length > 0 ? ` Brought up to date: ${result.migrated.join(', ')}.` : ''}` +
      `${result.files.logos > 0 ? ` ${result.files.logos} certificate logo(s) put back.` : ''}` +
      `${result.files.evidence > 0 ? ` ${result.files.evidence} campaign evidence file(s) put back.` : ''}${keys} Everyone signs in again.`,
  );
  console.log(await dataKeyAfterRestore());
}

/**
 * Backups never hold the data key (a stolen backup must not open itself): say so after a restore,
 * and how many sealed values the keys here cannot open.
 */
async function dataKeyAfterRestore(): Promise<string> {
  const [{ loadConfig }, { knownDataKeyIds, sealedUsage }] = await Promise.all([import('../config.js'), import('../modules/data-protection/index.js')]);
  const config = loadConfig();
  const ids = knownDataKeyIds(config);
  await import('../app.js');
  const usage = await withDatabase(({ db }) => sealedUsage(db, ids));
  const how = `set HIFAZAT_DATA_KEY, or run npx hifazat keys import FILE with the keys exported from the old installation (npx hifazat keys export)`;
  if (usage.unknown > 0)
    return `The backup does not hold the data key: ${usage.unknown} sealed value(s) (victims' data, second-factor secrets) cannot be opened with the keys here. To open them, ${how}.`;
  return `The data key is never in a backup: sealed values (victims' data, second-factor secrets) open only with the installation's own key; ${ids.length === 0 ? 'this folder has none yet: ' : 'if they do not open, '}${how}.`;
}

async function doctorCommand(): Promise<void> {
  const { formatFindings, runDoctor } = await import('../modules/operations/index.js');
  const { text, healthy } = formatFindings(await runDoctor());
  console.log(text);
  if (!healthy) process.exitCode = 1;
}

/** Reads only: the database is not migrated first (a database before the chain says so). */
async function auditVerify(): Promise<void> {
  const { verifyAuditChain } = await import('../modules/audit/index.js');
  await withDatabase(
    async ({ db }) => {
      const check = await verifyAuditChain(db).catch((error: unknown) => {
        throw new Error(
          `The audit chain could not be read (${error instanceof Error ? error.message : 'unknown error'}); if the schema is not up to date, run npx hifazat migrate first`,
        );
      });
      if (check.intact) console.log(check.text);
      else console.error(check.text);
      if (!check.intact) process.exitCode = 1;
    },
    { migrate: false },
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await import('../main.js')).serve();
    case 'migrate':
      return withDatabase(
        async ({ db, engine, location }) => {
          const { migrateToLatest } = await import('../db/migrator.js');
          const applied = await migrateToLatest(db);
          console.log(`${engine} ${location}: ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`}`);
        },
        { migrate: false },
      );
    case 'user':
      if (sub === 'add') return userAdd(rest);
      if (sub === 'unlock') return userUnlock(rest);
      break;
    case 'backup':
      return backupCommand(argv.slice(1));
    case 'restore':
      return restoreCommand(argv.slice(1));
    case 'doctor':
      return doctorCommand();
    case 'audit':
      if (sub === 'verify' && rest.length === 0) return auditVerify();
      break;
    case 'certificate':
      return (await import('./certificate.js')).certificateCommand(argv.slice(1));
    case 'keys':
      return (await import('./keys.js')).keysCommand(argv.slice(1));
    case 'cases':
      return (await import('./cases.js')).casesCommand(argv.slice(1));
    case 'reports':
      return (await import('./reports.js')).reportsCommand(argv.slice(1));
    case 'demo':
      return withDatabase(async ({ db, engine, location }) => {
        const [{ loadDemo }, { demoProgressPrinter }] = await Promise.all([import('./demo.js'), import('./demo-progress.js')]);
        console.log(`Loading the demo programme into ${engine} ${location}`);
        console.log(await loadDemo(db, { onProgress: demoProgressPrinter(process.stdout) }));
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
  console.error(error instanceof Error ? `Error: ${error.message}` : 'Error');
  process.exitCode = 1;
});
