// The `models` and `embed` commands run as a user runs them: `node bin/aderencia.js` in a child
// process with ADERENCIA_HOME pointing at a temp folder, against a real database file and a
// generated encoder, and a loopback hub for `models download`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/main/db/connection';
import { countEmbeddings } from '../../src/main/db/embeddings';
import { tempDir } from '../helpers/db';
import { testEncoder, zipFolder } from '../helpers/encoders';
import { startHub, type TestHub } from '../main/encoders/hub-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'aderencia.js');

let home: string;
let dbFile: string;
let hub: TestHub;

beforeAll(async () => {
  home = tempDir();
  dbFile = path.join(home, 'test.sqlite');
  const db = openDatabase(dbFile);
  const insert = db.prepare('INSERT INTO theses (content_hash, title, abstract, keywords) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 50; i += 1) insert.run(`h${i}`, `Tese ${i} sobre água`, `Resumo ${i}`, 'recursos hídricos');
  db.prepare("INSERT INTO themes (name, keywords) VALUES ('Segurança hídrica', '[\"água\"]')").run();
  db.close();
  hub = await startHub('aderencia-test/tiny', 'main', testEncoder().dir);
});

afterAll(async () => {
  await hub.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** Runs the CLI asynchronously, so the loopback hub in this process can serve its requests. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', dbFile, ...args], {
      cwd: ROOT,
      env: { ...process.env, ADERENCIA_HOME: home, LANG: 'pt_BR.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('aderencia models', () => {
  it('lists no models at first', async () => {
    const result = await cli('models', 'list');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nenhum modelo instalado');
  });

  it('says in Portuguese that no encoder is active', async () => {
    const result = await cli('embed');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nenhum codificador está ativo');
  });

  it('installs from a zip, downloads, activates and embeds', async () => {
    const zip = path.join(home, 'tiny-zip.zip');
    zipFolder(testEncoder().dir, zip);
    const installed = await cli('--json', 'models', 'install', zip);
    expect(installed.code).toBe(0);
    expect(JSON.parse(installed.stdout)).toMatchObject({ ok: true, model: { id: 'tiny-zip', dimension: 32 } });

    const downloaded = await cli('--json', 'models', 'download', 'aderencia-test/tiny', '--hub', hub.url);
    expect(downloaded.code).toBe(0);
    expect(JSON.parse(downloaded.stdout)).toMatchObject({ model: { id: 'aderencia-test--tiny', source: { kind: 'hub' } } });

    const activated = await cli('models', 'activate', 'aderencia-test--tiny');
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain('Codificador ativo: aderencia-test--tiny');

    const list = await cli('--json', 'models', 'list');
    const models = (JSON.parse(list.stdout) as { models: { id: string; active: boolean }[] }).models;
    expect(models.map((m) => [m.id, m.active])).toEqual([['aderencia-test--tiny', true], ['tiny-zip', false]]);

    const embedded = await cli('--json', 'embed');
    expect(embedded.code).toBe(0);
    expect(JSON.parse(embedded.stdout)).toMatchObject({ theses: { texts: 50, encoded: 50 }, themes: { texts: 1, encoded: 1 } });
    expect(embedded.stderr).toContain('Codificação');

    const again = await cli('embed', '--model', 'aderencia-test--tiny');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('50 textos, 0 codificados, 50 já no cache');

    const db = openDatabase(dbFile);
    expect(countEmbeddings(db, 'aderencia-test--tiny')).toBe(51);
    db.close();
  });

  it('reports a bad install in English with --lang en', async () => {
    const result = await cli('--lang', 'en', 'models', 'install', path.join(home, 'missing-folder'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('File not found');
  });

  it('prints the catalogue and providers', async () => {
    const catalogue = await cli('--json', 'models', 'catalogue');
    expect((JSON.parse(catalogue.stdout) as { models: { repo: string }[] }).models.map((m) => m.repo)).toContain('intfloat/multilingual-e5-small');
    const providers = await cli('--json', 'models', 'providers');
    expect(JSON.parse(providers.stdout)).toMatchObject({ ok: true, active: { provider: expect.any(String) } });
  });

  it('stores encoding options', async () => {
    const changed = await cli('--json', 'models', 'options', '--gpu-only', '--threads', '1', '--chunk-pooling', 'max', '--providers', 'cuda,cpu');
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({ options: { chunkPooling: 'max', session: { gpuOnly: true, intraOpThreads: 1, providers: ['cuda', 'cpu'] } } });
    const embed = await cli('embed');
    expect(embed.code).toBe(1);
    expect(embed.stderr).toContain('Nenhum provedor de GPU carregou');
    const reset = await cli('--json', 'models', 'options', '--no-gpu-only', '--providers', 'auto');
    expect(JSON.parse(reset.stdout)).toMatchObject({ options: { session: { gpuOnly: false } } });
    const bad = await cli('models', 'options', '--threads', 'zero');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--threads');
  });
});
