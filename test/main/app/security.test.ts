import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { cspHeader, developmentCsp, PRODUCTION_CSP } from '../../../src/main/app/csp';
import { dialogSpec } from '../../../src/main/app/dialogs';
import { menuTemplate } from '../../../src/main/app/menu';
import { electronBindingPath, resolveNativeBinding } from '../../../src/main/app/nativeBinding';
import { decidePermission, isAllowedNavigation } from '../../../src/main/app/navigation';
import { readPreferences, writePreferences } from '../../../src/main/app/preferences';
import { allowedOrigins, APP_ENTRY_URL, APP_ORIGIN, windowOptions } from '../../../src/main/app/window';
import { translator } from '../../../src/shared/i18n';
import { tempDir } from '../../helpers/db';

describe('window options', () => {
  it('isolate and sandbox the renderer', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('allows the dev server only when given', () => {
    expect(allowedOrigins(undefined)).toEqual([APP_ORIGIN]);
    expect(allowedOrigins('http://localhost:5173/')).toEqual([APP_ORIGIN, 'http://localhost:5173']);
  });
});

describe('content security policy', () => {
  it('loads scripts only from the app', () => {
    const header = cspHeader();
    expect(header).toContain("default-src 'none'");
    expect(header).toContain("script-src 'self';");
    expect(header).toContain("object-src 'none'");
    expect(header).toContain("connect-src 'self';");
    expect(header).not.toMatch(/https?:/);
    expect(PRODUCTION_CSP['script-src']).not.toContain("'unsafe-inline'");
    expect(PRODUCTION_CSP['script-src']).not.toContain("'unsafe-eval'");
  });

  it('opens only the dev server in development', () => {
    const header = cspHeader(developmentCsp('http://localhost:5173'));
    expect(header).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
    expect(header).not.toContain('*');
  });
});

describe('navigation guard', () => {
  const allowed = allowedOrigins(undefined);

  it('allows the app pages', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL, allowed)).toBe(true);
    expect(isAllowedNavigation(`${APP_ORIGIN}/review?pair=3`, allowed)).toBe(true);
  });

  it('blocks every other page', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedNavigation(url, allowed)).toBe(false);
    }
  });

  it('denies every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(decidePermission(permission)).toBe(false);
    }
  });
});

describe('application menu', () => {
  const actions = { openDatabase: () => undefined, newDatabase: () => undefined, openLogs: () => undefined, about: () => undefined };

  it('is in Portuguese by default', () => {
    const template = menuTemplate(translator('pt-BR'), actions, { isMac: false, isDev: false });
    expect(template.map((item) => item.label)).toEqual(['Arquivo', 'Editar', 'Exibir', 'Ajuda']);
    const view = template[2].submenu as { role?: string }[];
    expect(view.some((item) => item.role === 'toggleDevTools')).toBe(false);
  });

  it('follows the English setting', () => {
    const template = menuTemplate(translator('en'), actions, { isMac: true, isDev: true });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['appMenu', 'File', 'Edit', 'View', 'Help']);
  });
});

describe('file dialogs', () => {
  const t = translator('pt-BR');

  it('opens import files with the importers extensions', () => {
    const spec = dialogSpec('import', t, { multiple: true });
    expect(spec.kind).toBe('open');
    if (spec.kind !== 'open') return;
    expect(spec.options.properties).toEqual(['openFile', 'multiSelections']);
    expect(spec.options.filters?.[0].extensions).toContain('parquet');
    expect(spec.options.title).toBe('Importar arquivos');
  });

  it('saves exports and new databases', () => {
    expect(dialogSpec('exportFile', t, { multiple: false, defaultName: 'pares.xlsx' })).toMatchObject({ kind: 'save', options: { defaultPath: 'pares.xlsx' } });
    expect(dialogSpec('databaseNew', t, { multiple: false }).kind).toBe('save');
    expect(dialogSpec('encoder', t, { multiple: false })).toMatchObject({ kind: 'open', options: { properties: ['openDirectory'] } });
  });
});

describe('native binding', () => {
  it('uses the Electron build when present', () => {
    const root = tempDir();
    const binary = electronBindingPath(root, '41.7.1');
    expect(resolveNativeBinding({ appRoot: root, electronVersion: '41.7.1', packaged: false, env: {} })).toBeUndefined();
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    fs.writeFileSync(binary, '');
    expect(resolveNativeBinding({ appRoot: root, electronVersion: '41.7.1', packaged: false, env: {} })).toBe(binary);
    expect(resolveNativeBinding({ appRoot: root, electronVersion: '41.7.1', packaged: true, env: {} })).toBeUndefined();
    expect(resolveNativeBinding({ appRoot: root, electronVersion: '41.7.1', packaged: true, env: { ADERENCIA_NATIVE_BINDING: '/x.node' } })).toBe('/x.node');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('preferences', () => {
  it('reads defaults from a broken file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'preferences.json');
    expect(readPreferences(file)).toEqual({ lastDatabase: null });
    fs.writeFileSync(file, '{not json');
    expect(readPreferences(file)).toEqual({ lastDatabase: null });
    writePreferences(file, { lastDatabase: '/data/a.sqlite' });
    expect(readPreferences(file)).toEqual({ lastDatabase: '/data/a.sqlite' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
