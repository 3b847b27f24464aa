// A private PostgreSQL server for a test: Debian's postgresql, started on a
// socket in a fresh directory (no TCP port), as the postgres user when run
// as root (initdb refuses root), and stopped by stop(). Null when the
// server's programs are not installed.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function serverBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => b - a);
  return versions.length ? join(root, versions[0], 'bin') : null;
}

export function startPostgres() {
  const bin = serverBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-pg-'));
  chmodSync(dir, 0o777); // the server and psql run as postgres and read the test's files here
  const asRoot = process.getuid?.() === 0;
  const run = (program, args, input) => execFileSync(
    asRoot ? 'runuser' : program,
    asRoot ? ['-u', 'postgres', '--', program, ...args] : args,
    { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], cwd: dir },
  );
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses='' -c fsync=off`, 'start']);
  return {
    dir,
    /** Runs psql with a script on stdin; returns its output. */
    psql: (script) => run('psql', ['-h', dir, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-X'], script),
    stop: () => {
      try { run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}
