// The terminal front end: parses arguments, reads files, hands text to the core and
// prints. Every failure becomes one line on stderr and exit code 2, never a stack trace.
import { commands } from './commands';
import { UsageError, die } from './util';

const USAGE = `usage: kernel-patch-lens <command> [options]
  report  <file>… [--format md|json|text] [--tree DIR] [--config FILE] [--btf FILE|running|embedded|none]
          [--abi x86_64|arm64|i386|arm] [--struct NAME…] [--fail-on-growth]
  layout  <c-file> --struct NAME [--config FILE] [-D NAME[=VAL]] [--abi …] [--format json|text]
  layout  --btf FILE|running|embedded --struct NAME [--format json|text]
  thread  <file> [--format json|text]
  stats   <file>…`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}' (try --help)`);
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => die(err),
);
