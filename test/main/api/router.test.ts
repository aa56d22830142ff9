import { describe, expect, it } from 'vitest';

import { tokenSenderPolicy, type Sender } from '../../../src/main/api/senders';
import { setSetting } from '../../../src/main/db/settings';
import { getEncoderOptions } from '../../../src/main/encoders/service';
import { useTestBackend } from '../../helpers/api';

const APP_ORIGIN = 'app://aderencia';
const appFrame: Sender = { transport: 'electron', frameUrl: `${APP_ORIGIN}/index.html` };

const api = useTestBackend('app.sqlite', { perTest: true });

function seedPair(): void {
  const db = api.backend.db();
  db.prepare("INSERT INTO theses (id, source_id, content_hash, title, uf) VALUES (1, 'T1', 'h', 'Educação ambiental', 'RS')").run();
  db.prepare("INSERT INTO themes (id, source_id, uf, name, keywords) VALUES (1, '10', 'RS', 'Meio ambiente', '[\"ambiente\"]')").run();
  db.prepare("INSERT INTO pairs (id, thesis_id, theme_id, created_at) VALUES (1, 1, 1, '2026-01-01')").run();
}

describe('router sender check', () => {
  it('accepts the app frame', async () => {
    const result = await api.router.handle(appFrame, 'app.info', {});
    expect(result.ok).toBe(true);
  });

  it('rejects a foreign frame origin', async () => {
    const result = await api.router.handle({ transport: 'electron', frameUrl: 'https://evil.example/x' }, 'app.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toMatch(/recusado/);
  });

  it('rejects a frame without URL', async () => {
    const result = await api.router.handle({ transport: 'electron', frameUrl: null }, 'app.info', {});
    expect(result.ok ? null : result.error.code).toBe('forbidden');
  });

  it('rejects a wrong web token', () => {
    const policy = tokenSenderPolicy('secret-token');
    expect(policy({ transport: 'web', token: 'secret-token', remoteAddress: null })).toBeNull();
    expect(policy({ transport: 'web', token: 'secret-tokeX', remoteAddress: null })).toMatch(/wrong token/);
    expect(policy({ transport: 'web', token: null, remoteAddress: null })).toMatch(/no token/);
    expect(policy(appFrame)).toMatch(/not accepted/);
  });

  it('rejects an unknown route', async () => {
    const result = await api.router.handle(appFrame, 'fs.readFile', { path: '/etc/passwd' });
    expect(result.ok ? null : result.error.code).toBe('unknown_route');
  });

  it('rejects inherited object keys as routes', async () => {
    const result = await api.router.handle(appFrame, 'constructor', {});
    expect(result.ok ? null : result.error.code).toBe('unknown_route');
  });
});

describe('router input validation', () => {
  it('names the invalid field', async () => {
    const result = await api.router.handle(appFrame, 'pairs.list', { filter: { years: { from: 'x' } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.params.field).toBe('filter.years.from');
    expect(result.error.message).toContain('filter.years.from');
  });

  it('rejects unknown fields', async () => {
    const result = await api.router.handle(appFrame, 'labels.set', { pairId: 1, level: 'ALTA', sql: 'DROP TABLE pairs' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.params.field).toBe('sql');
  });

  it('translates messages to English', async () => {
    setSetting(api.backend.db(), 'language', 'en');
    const result = await api.router.handle(appFrame, 'labels.set', { pairId: -1, level: 'ALTA' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.params.field).toBe('pairId');
    expect(result.error.message).toMatch(/^Invalid input in field pairId/);
  });

  it('lists every invalid field', async () => {
    const result = await api.router.handle(appFrame, 'model.compare', { a: 0, b: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(String(result.error.params.fields)).toBe('a, b');
  });

  it('fills defaults for a missing input', async () => {
    const result = await api.router.handle(appFrame, 'pairs.list', undefined);
    expect(result.ok).toBe(true);
  });
});

describe('router error mapping', () => {
  it('maps an AppError to its code and translated message', async () => {
    const result = await api.router.handle(appFrame, 'pairs.get', { pairId: 99 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ code: 'pair_not_found', message: 'O par 99 não existe. Atualize a lista.', params: { id: 99 } });
  });

  it('maps an unexpected error to internal', async () => {
    api.backend.db().exec('DROP TABLE saved_views');
    const result = await api.router.handle(appFrame, 'views.list', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).toMatch(/saved_views/);
  });

  it('refuses desktop-only routes on the web', async () => {
    const webRouter = api.backend.router(tokenSenderPolicy('t'));
    const result = await webRouter.handle({ transport: 'web', token: 't', remoteAddress: '127.0.0.1' }, 'files.pick', { purpose: 'import' });
    expect(result.ok ? null : result.error.code).toBe('not_available');
  });
});

describe('settings routes', () => {
  it('stores settings and passes providers to encoders', async () => {
    const result = await api.router.handle(appFrame, 'settings.set', { executionProvider: 'cuda', threads: 4, curatorName: '  Ana  ' });
    expect(result).toMatchObject({ ok: true, data: { executionProvider: 'cuda', threads: 4, curatorName: 'Ana', language: 'pt-BR' } });
    expect(getEncoderOptions(api.backend.db()).session).toMatchObject({ providers: ['cuda', 'cpu'], intraOpThreads: 4 });
    await api.router.handle(appFrame, 'settings.set', { executionProvider: 'auto', threads: 0 });
    expect(getEncoderOptions(api.backend.db()).session.providers).toBeUndefined();
    expect(getEncoderOptions(api.backend.db()).session.intraOpThreads).toBeUndefined();
  });

  it('announces a language change', async () => {
    const events: string[] = [];
    api.backend.onEvent((event) => events.push(event.type === 'locale.changed' ? `locale:${event.locale}` : event.type));
    await api.router.handle(appFrame, 'settings.set', { language: 'en' });
    expect(events).toEqual(['locale:en']);
    const info = await api.router.handle(appFrame, 'app.info', {});
    expect(info).toMatchObject({ ok: true, data: { locale: 'en', transport: 'electron' } });
  });
});

describe('label routes', () => {
  it('sets, undoes and records the curator', async () => {
    seedPair();
    await api.router.handle(appFrame, 'settings.set', { curatorName: 'Ana' });
    const set = await api.router.handle(appFrame, 'labels.set', { pairId: 1, level: 'ALTA' });
    expect(set).toMatchObject({ ok: true, data: { pairId: 1, level: 'ALTA', levelSource: 'curator' } });
    const undo = await api.router.handle(appFrame, 'labels.undo', { pairId: 1 });
    expect(undo).toMatchObject({ ok: true, data: { level: null, levelSource: null } });
    const detail = await api.router.handle(appFrame, 'pairs.get', { pairId: 1 });
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    const data = detail.data as { history: { level: string | null; curator: string | null }[]; theme: { keywords: string[] } };
    expect(data.history.map((event) => event.level)).toEqual(['ALTA', null]);
    expect(data.history[0].curator).toBe('Ana');
    expect(data.theme.keywords).toEqual(['ambiente']);
  });

  it('rejects accepting without a prediction', async () => {
    seedPair();
    const result = await api.router.handle(appFrame, 'labels.accept', { pairId: 1 });
    expect(result.ok ? null : result.error.code).toBe('prediction_missing');
  });
});
