// The `pipy` command (spec §7): options in Pipy 0.30's spelling and messages, mapped onto the engine.
// Every mode of §7.2 (repo, admin proxy, remote codebase, fixed file) is handled by engine/admin or
// runFile; `--list-filters`, `--help-filters`, `--allow-exec` and `--admin-address` are this
// implementation's additions. With PIPY_SPAWN=n this process becomes a
// node:cluster primary over n + 1 workers that each run the same command line.

import { Command, CommanderError, Option } from 'commander';
import { runFile, filterTable, setLogLevel, isLogLevel, versionInfo, spawnCount, shouldSpawn, runPrimary, startAdmin } from '../engine/index.js';
import type { FilterSpec } from '../engine/index.js';

const helpRows: [string, string][] = [
  ['-h, -help, --help', 'Show help information'],
  ['-v, -version, --version', 'Show version information'],
  ['--log-level=<debug|info|warn|error>', 'Set the level of log output'],
  ['--verify', 'Verify configuration only'],
  ['--instance-uuid=<uuid>', 'Specify a UUID for this worker process'],
  ['--instance-name=<name>', 'Specify a name for this worker process'],
  ['--reuse-port', 'Enable kernel load balancing for all listening ports'],
  ['--admin-port=<port>', 'Enable administration service on the specified port'],
  ['--admin-tls-cert=<filename>', 'Administration service certificate'],
  ['--admin-tls-key=<filename>', 'Administration service private key'],
  ['--admin-tls-trusted=<filename>', 'Client certificate(s) trusted by administration service'],
  ['--tls-cert=<filename>', 'Client certificate in communication to administration service'],
  ['--tls-key=<filename>', 'Client private key in communication to administration service'],
  ['--tls-trusted=<filename>', 'Administration service certificate(s) trusted by client'],
  ['--openssl-engine=<id>', 'Select an OpenSSL engine'],
  ['--allow-exec', 'Allow scripts to run external commands with exec()'],
  ['--list-filters', 'List all filters'],
  ['--help-filters', 'Show detailed help of all filters'],
];

function helpText(): string {
  const rows = helpRows.map(([o, d]) => `  ${o.padEnd(37)}${d}`);
  return ['Usage: pipy [options] [<filename or URL>]', '', 'Options:', ...rows, ''].join('\n') + '\n';
}

function versionText(): string {
  const v = versionInfo;
  const rows: [string, string][] = [
    ['Version', v.version], ['Commit', v.commit], ['Commit Date', v.commitDate], ['Host', v.host],
    ['OpenSSL', v.openssl], ['Builtin GUI', 'No'], ['Tutorial', 'No'],
  ];
  return rows.map(([k, x]) => `${k.padEnd(12)}: ${x}`).join('\n') + '\n';
}

/** `--list-filters`: blank line, one padded line per filter, blank line (§7.3). */
function listFilters(): string {
  const sig = (f: FilterSpec) => `${f.name}(${f.signature})`;
  const nameWidth = Math.max(...filterTable.map((f) => f.name.length)) + 1;
  const sigWidth = Math.max(...filterTable.map((f) => sig(f).length)) + 3;
  const lines = filterTable.map((f) => f.name.padEnd(nameWidth) + sig(f).padEnd(sigWidth) + f.description);
  return ['', ...lines, ''].join('\n') + '\n';
}

/** `--help-filters`: per filter its signature underlined, the description and the parameters. */
function helpFilters(): string {
  let out = '';
  for (const f of filterTable) {
    const title = `${f.name}(${f.signature})`;
    const width = Math.max(0, ...f.params.map(([n]) => n.length));
    out += `${title}\n${'='.repeat(title.length)}\n\n  ${f.description}\n\n`;
    for (const [n, d] of f.params) out += `  ${n.padEnd(width)} - ${d}\n`;
    out += '\n\n';
  }
  return out;
}

function fail(message: string): never {
  process.stderr.write(message + '\n');
  process.exit(255);
}

function program(): Command {
  const cmd = new Command('pipy')
    .helpOption(false)
    .argument('[target]')
    .allowExcessArguments(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .addOption(new Option('-h, --help'))
    .addOption(new Option('-v, --version'))
    .option('--log-level <level>')
    .option('--verify')
    .option('--instance-uuid <uuid>')
    .option('--instance-name <name>')
    .option('--reuse-port')
    .option('--admin-port <port>')
    .option('--admin-tls-cert <file>')
    .option('--admin-tls-key <file>')
    .option('--admin-tls-trusted <file>')
    .option('--tls-cert <file>')
    .option('--tls-key <file>')
    .option('--tls-trusted <file>')
    .option('--openssl-engine <id>')
    .option('--allow-exec')
    .option('--admin-address <address>')
    .option('--list-filters')
    .option('--help-filters');
  return cmd;
}

/** Pipy also accepts `-help` and `-version`. */
function normalizeArgv(argv: string[]): string[] {
  return argv.map((a) => (a === '-help' ? '--help' : a === '-version' ? '--version' : a));
}

function parse(argv: string[]): Command {
  const cmd = program();
  try {
    cmd.parse(normalizeArgv(argv), { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const opt = /'([^']+)'/.exec(e.message)?.[1] ?? e.message;
    if (e.code === 'commander.unknownOption') fail(`unknown option: ${opt}`);
    if (e.code === 'commander.optionMissingArgument') fail(`missing value for option: ${opt}`);
    fail(e.message.replace(/^error: /, ''));
  }
  return cmd;
}

async function main(argv: string[]): Promise<void> {
  const cmd = parse(argv);
  const o = cmd.opts();
  if (o.help) return void process.stdout.write(helpText());
  if (o.version) return void process.stdout.write(versionText());
  if (o.listFilters) return void process.stdout.write(listFilters());
  if (o.helpFilters) return void process.stdout.write(helpFilters());
  if (o.logLevel !== undefined) {
    if (!isLogLevel(o.logLevel)) fail(`unknown log level: ${o.logLevel}`);
    setLogLevel(o.logLevel);
  }
  if (o.adminPort !== undefined && !(Number(o.adminPort) >= 0)) fail('invalid --admin-port');
  if (cmd.args.length > 1) fail(`redundant filename: ${cmd.args[1]}`);
  const target = cmd.args[0] ?? process.env.PIPY_CONFIG_FILE;
  // Repo, remote-codebase and admin-port modes (engine/admin); a plain file run continues below.
  const adminCode = await startAdmin(target, o);
  if (adminCode !== undefined) return void (adminCode !== null && process.exit(adminCode));
  if (!target) fail('no script given');
  // Options were checked above, so a bad command line fails once, in the primary.
  if (!o.verify && shouldSpawn(spawnCount())) return runPrimary(spawnCount());
  const code = await runFile(target, { verify: !!o.verify, allowExec: !!o.allowExec, diagnostics: !!o.verify, signals: true });
  if (code !== null) process.exit(code);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(255);
});
