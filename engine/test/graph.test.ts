// The `[config]` graph and `--verify` (spec §8.2, §6.9, §12 52/55): exact text for the spec's examples.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { codebase, pipyBin } from './helpers.js';

function verify(script: string) {
  const dir = codebase({ 'main.js': script });
  const r = spawnSync(process.execPath, [pipyBin, '--verify', join(dir, 'main.js')], { encoding: 'utf8' });
  const lines = r.stderr.split('\n').map((l) => l.replace(/^\S+ \S+ /, ''));
  const graph = lines.filter((l) => l.startsWith('[INF] [config]  ')).map((l) => l.slice('[INF] [config]  '.length));
  return { status: r.status, stdout: r.stdout, lines, graph };
}

describe('[config] graphs', () => {
  it('draws tutorial 04 routing', () => {
    const { graph, status, stdout, lines } = verify(`pipy({_target: ''})
.listen(8000)
.demuxHTTP('request')
.pipeline('request')
.handleMessageStart(() => _target = '')
.link('forward', () => Boolean(_target), '404')
.pipeline('forward')
.muxHTTP('connection', () => _target)
.pipeline('connection')
.connect(() => _target)
.pipeline('404')
.replaceMessage(new Message({status: 404}, 'No route'))`);
    expect(graph).toEqual([
      '[Listen on 8000 at 0.0.0.0]',
      '----->|',
      '      |',
      '     demuxHTTP',
      '      |',
      '      |--> [request]',
      '            handleMessageStart',
      '            link',
      '             |',
      '             |--> [forward]',
      '             |     muxHTTP',
      '             |      |',
      '             |      |--> [connection]',
      '             |            connect -->|',
      '             |                       |',
      '             |--> [404]              |',
      '                   replaceMessage -->|',
      '                                     |',
      '<------------------------------------|',
      '',
    ]);
    expect(lines.slice(0, 4)).toEqual(['[INF] [config]', '[INF] [config] Module /main.js', '[INF] [config] ===============', '[INF] [config]']);
    expect(lines).toContain('[INF] [shutdown] Shutting down...');
    expect(stdout).toBe('Done.\n');
    expect(status).toBe(0);
  });

  it('draws a link in the middle of a root pipeline, a fork and an empty target', () => {
    const { graph } = verify(`pipy()
.listen('127.0.0.1:8081')
.decodeHTTPRequest()
.fork('log')
.link('a', () => true, '')
.encodeHTTPResponse()
.pipeline('log').dump()
.pipeline('a').replaceMessage(new Message('x'))`);
    expect(graph).toEqual([
      '[Listen on 8081 at 127.0.0.1]',
      '----->|',
      '      |',
      '     decodeHTTPRequest',
      '     fork',
      '      |',
      '      |--> [log]',
      '      |     dump',
      '      |',
      '     link',
      '      |',
      '      |--> [a]',
      '      |     replaceMessage -->|',
      '      |                       |',
      '      |--> [[empty]] -------->|',
      '                              |',
      '                              v',
      '      |<-----------------------',
      '      |',
      '      v',
      '     encodeHTTPResponse',
      '      |',
      '<-----|',
      '',
    ]);
  });

  it('reports unknown pipelines after drawing them, and fails', () => {
    const { graph, lines, status } = verify(`pipy().listen(8000).link('nope')`);
    expect(graph).toContain('      |--> [pipeline not found: nope] -->|');
    expect(lines).toContain('[ERR] [config] pipeline not found: nope');
    expect(status).toBe(255);
  });

  it('prints script errors with the source line, caret and backtrace', () => {
    const { lines, status } = verify(`pipy()\n  .listen('abc')`);
    expect(lines).toContain("[ERR] [pjs] Line 2:  .listen('abc')");
    expect(lines).toContain("[ERR] [pjs] Error: invalid 'ip:port' form: abc");
    expect(lines).toContain('[ERR] [pjs] Backtrace:');
    expect(status).toBe(255);
  });

  it('prints every syntax diagnostic as file:line:col with --verify', () => {
    const dir = codebase({ 'bad.js': 'pipy()\n  .listen(8080)\n  .serveHTTP(() => { return 1 })' });
    const r = spawnSync(process.execPath, [pipyBin, '--verify', join(dir, 'bad.js')], { encoding: 'utf8' });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(new RegExp(`${join(dir, 'bad.js').replace(/[/.]/g, '\\$&')}:3:\\d+: `));
  });
});

describe('the pipy command', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [pipyBin, ...args], { encoding: 'utf8' });

  it('rejects unknown options and extra files like Pipy', () => {
    expect(run('--foo')).toMatchObject({ status: 255, stderr: 'unknown option: --foo\n' });
    expect(run('a', 'b')).toMatchObject({ status: 255, stderr: 'redundant filename: b\n' });
    expect(run('--log-level=xyz', 'x.js')).toMatchObject({ status: 255, stderr: 'unknown log level: xyz\n' });
    expect(run('/nonexistent/x.js')).toMatchObject({ status: 255, stderr: 'file or directory does not exist: /nonexistent/x.js\n' });
  });

  it('prints help, version and the filter list from the registry', () => {
    expect(run('--help').stdout).toMatch(/^Usage: pipy \[options\] \[<filename or URL>\]\n\nOptions:\n/);
    expect(run('-v').stdout).toMatch(/^Version     : 0\.30\.0-184\n/);
    const list = run('--list-filters').stdout;
    expect(list).toMatch(/\ndemuxHTTP +demuxHTTP\(target\[, options\]\) +Serves HTTP\/1/);
    expect(run('--help-filters').stdout).toMatch(/\nlink\(target\[, when.*\n=+\n/);
  });

  it('refuses exec() unless --allow-exec', () => {
    const dir = codebase({ 'x.js': `pipy().listen(0).exec('cat')` });
    const r = run(join(dir, 'x.js'));
    expect(r.status).toBe(255);
  });
});
