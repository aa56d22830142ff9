// End-to-end curation in Chromium against the real backend through the loopback web host. It covers
// the first-run guide, importing real files, the Pairs filters, labelling with the keyboard,
// retraining, theme editing, and exporting an XLSX that is read back. Every screen is saved as a
// screenshot in Portuguese under test-artifacts/screenshots.

import fs from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chromiumAvailable, launchBrowser, type TestBrowser } from '../helpers/browser';
import { SHARED_DATA } from '../helpers/pairs';
import { startTestWebHost, type TestWebHost } from '../helpers/webhost';

const CURATOR = 'Curadora de Teste';
const PAIRS_FILE = path.join(SHARED_DATA, 'eval/pares_dev.csv');
const CAPES_FILE = path.join(SHARED_DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv');
const THEMES_FILE = path.join(SHARED_DATA, 'themes.tsv');

let host: TestWebHost;
let browser: TestBrowser;
let page: Page;

async function data<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.data;
}

async function shownPairId(): Promise<number> {
  return Number(await page.getAttribute('[data-testid="review-pair"]', 'data-pair-id'));
}

async function waitForPairChange(from: number): Promise<number> {
  await expect.poll(shownPairId, { timeout: 10_000, interval: 20 }).not.toBe(from);
  return shownPairId();
}

async function waitForCount(text: string): Promise<void> {
  await expect.poll(() => page.textContent('[data-testid="pairs-count"]'), { timeout: 10_000, interval: 20 }).toMatch(new RegExp(`^${text}\\b`));
}

async function importFile(file: string, kind: string): Promise<void> {
  await page.click('#import-kind-select, [aria-labelledby~="import-kind"]');
  await page.click(`li[data-value="${kind}"]`);
  const before = await page.locator('[data-testid="import-run"]').count();
  await page.setInputFiles('[data-testid="import-input"]', file);
  await expect.poll(() => page.locator('[data-testid="import-run"]').count()).toBeGreaterThan(before);
  // The newest import is listed first.
  const run = page.locator('[data-testid="import-run"]').first();
  await run.locator('[data-testid="import-summary"], [role="alert"]').first().waitFor({ timeout: 180_000 });
}

describe.skipIf(!chromiumAvailable())('curation in Chromium', () => {
  beforeAll(async () => {
    host = await startTestWebHost({ locale: 'pt-BR', curatorName: CURATOR });
    browser = await launchBrowser();
    page = await browser.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('opens the import guide on an empty database', async () => {
    await page.getByRole('heading', { name: 'Bem-vindo ao Aderência' }).waitFor();

    expect(await page.locator('main').textContent()).toContain('O banco de dados está vazio');
    await browser.screenshot(page, '01-primeira-execucao');
  });

  it('imports challenge pairs and themes', async () => {
    await importFile(PAIRS_FILE, 'challenge');
    await importFile(THEMES_FILE, 'themes');

    const summaries = await page.locator('[data-testid="import-summary"]').allTextContents();
    expect(summaries).toHaveLength(2);
    for (const summary of summaries) expect(summary).toMatch(/[\d.]+ linhas lidas, [\d.]+ importadas, ([\d.]+|nenhuma) ignoradas?\./);
    expect(summaries[1]).toContain('1.756 linhas lidas');
    // Each summary also counts the (thesis × theme) pairs the import created.
    for (const summary of summaries) expect(summary).toMatch(/(pares? \(tese × tema\) novos?|Nenhum par \(tese × tema\) novo)\./);
    const status = await data(host.call('corpus.status', {}));
    expect(status.pairs).toBeGreaterThan(1000);
    expect(status.themes).toBeGreaterThanOrEqual(437);
    await browser.screenshot(page, '02-importacao');
  });

  it('filters pairs and saves a view', async () => {
    await page.click('[data-testid="nav-pairs"]');
    await page.waitForSelector('[data-testid="pairs-table"][data-ready="true"] [role="row"][data-pair-id]');
    const total = (await data(host.call('pairs.count', { filter: {} }))).count;
    expect(await page.textContent('[data-testid="pairs-count"]')).toContain(total.toLocaleString('pt-BR'));

    await page.click('[data-testid="filter-level-ALTA"]');
    const alta = (await data(host.call('pairs.count', { filter: { levels: ['ALTA'] } }))).count;
    await waitForCount(alta.toLocaleString('pt-BR'));
    expect(alta).toBeLessThan(total);

    await page.fill('[data-testid="filter-search"]', 'educacao');
    const found = (await data(host.call('pairs.count', { filter: { levels: ['ALTA'], search: 'educacao' } }))).count;
    await waitForCount(found.toLocaleString('pt-BR'));
    expect(found).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="pairs-table"][data-ready="true"] [role="row"][data-pair-id]');

    await page.getByRole('button', { name: 'Colunas' }).click();
    await page.getByRole('menuitem', { name: 'Programa' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Programa' }).waitFor();
    await page.getByRole('button', { name: 'Salvar visão' }).click();
    await page.getByLabel('Nome da visão').fill('ALTA sobre educação');
    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const views = await data(host.call('views.list', {}));
    expect(views.map((view) => view.name)).toEqual(['ALTA sobre educação']);
    expect(views[0].filter).toEqual({ levels: ['ALTA'], search: 'educacao' });
    expect(views[0].columns).toContain('programme');
    await browser.screenshot(page, '03-pares');

    await page.getByRole('button', { name: 'Limpar filtros' }).click();
  });

  it('retrains and lists the new version', async () => {
    await page.click('[data-testid="nav-models"]');
    await page.getByRole('button', { name: 'Retreinar' }).click();
    await page.waitForSelector('[data-testid="retrain-status"][data-status="training"], [data-testid="retrain-status"][data-status="evaluating"], [data-testid="retrain-status"][data-status="ready"]');
    await browser.screenshot(page, '04-modelos-treinando');
    await page.waitForSelector('[data-testid="retrain-status"][data-status="ready"]', { timeout: 280_000 });

    const versions = await data(host.call('model.versions', {}));
    expect(versions).toHaveLength(1);
    await page.waitForSelector(`[data-testid="model-versions"] [data-version="${versions[0].name}"]`);
    expect(await page.textContent('[data-testid="retrain-status"]')).toContain(versions[0].name);
    await browser.screenshot(page, '04-modelos');
  });

  it('labels pairs with the keyboard', async () => {
    await page.click('[data-testid="nav-review"]');
    await page.waitForSelector('[data-testid="review-pair"]');
    const first = await shownPairId();

    await page.keyboard.press('3');
    const second = await waitForPairChange(first);
    const labelled = await data(host.call('pairs.get', { pairId: first }));
    expect(labelled.pair.level).toBe('ALTA');
    expect(labelled.pair.levelSource).toBe('curator');
    expect(labelled.history.at(-1)?.curator).toBe(CURATOR);

    await page.keyboard.press('Control+z');
    expect(await waitForPairChange(second)).toBe(first);
    const undone = await data(host.call('pairs.get', { pairId: first }));
    expect(undone.pair.level).toBe(labelled.history.at(-1)?.previousLevel ?? null);

    await page.keyboard.press('b');
    const third = await waitForPairChange(first);
    expect((await data(host.call('pairs.get', { pairId: first }))).pair.level).toBe('BAIXA');

    await page.keyboard.press('Enter');
    const fourth = await waitForPairChange(third);
    const accepted = await data(host.call('pairs.get', { pairId: third }));
    expect(accepted.pair.levelSource).toBe('accepted_prediction');
    expect(accepted.pair.level).toBe(accepted.prediction?.level);

    await page.keyboard.press('k');
    expect(await waitForPairChange(fourth)).toBe(third);
    await page.keyboard.press('j');
    expect(await waitForPairChange(third)).toBe(fourth);
    await browser.screenshot(page, '05-revisao');
  });

  it('edits theme keywords and previews a merge', async () => {
    await page.click('[data-testid="nav-themes"]');
    await page.waitForSelector('[data-testid="themes-table"] tbody tr');
    await page.locator('[data-testid="themes-table"] tbody tr').first().click();
    const editor = page.locator('[data-testid="theme-editor"]');
    const themeName = await editor.getByTestId('theme-editor-name').textContent();

    await editor.getByLabel('Palavras-chave').fill('acessibilidade; inclusão escolar');
    await editor.getByRole('button', { name: 'Salvar palavras-chave' }).click();
    await expect
      .poll(async () => (await data(host.call('themes.list', {}))).find((theme) => theme.name === themeName)?.keywords)
      .toEqual(['acessibilidade', 'inclusão escolar']);
    await browser.screenshot(page, '06-temas');

    await editor.getByLabel('Tema de destino').fill('Educação');
    await page.getByRole('option').first().click();
    await editor.getByRole('button', { name: 'Ver prévia' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The dialog fades in, so the screenshot waits for the end of the transition.
    await expect.poll(() => page.evaluate("getComputedStyle(document.querySelector('.MuiDialog-container')).opacity")).toBe('1');
    expect(await dialog.textContent()).toMatch(/\d+ pares passam para o tema de destino/);
    await browser.screenshot(page, '06-temas-fusao');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('exports the filtered pairs as XLSX', async () => {
    await page.click('[data-testid="nav-pairs"]');
    for (const level of ['BAIXA', 'MEDIA', 'ALTA']) await page.click(`[data-testid="filter-level-${level}"]`);
    const filter = { levels: ['BAIXA', 'MEDIA', 'ALTA'] as ('BAIXA' | 'MEDIA' | 'ALTA')[] };
    const labelled = (await data(host.call('pairs.count', { filter }))).count;
    await waitForCount(labelled.toLocaleString('pt-BR'));

    await page.click('[data-testid="nav-export"]');
    await expect.poll(() => page.textContent('[data-testid="export-scope"]')).toContain(`${labelled.toLocaleString('pt-BR')} pares`);
    await page.click('[data-testid="export-start"]');
    await page.waitForSelector('[data-testid="export-done"]', { timeout: 120_000 });
    await browser.screenshot(page, '07-exportar');

    const jobs = await data(host.call('jobs.list', {}));
    const job = jobs.find((candidate) => candidate.kind === 'export' && candidate.state === 'done');
    const fileName = String(job?.result?.fileName);
    const file = path.isAbsolute(fileName) ? fileName : path.join(host.backend.exportsDir, fileName);
    expect(fs.existsSync(file)).toBe(true);
    expect(Number(job?.result?.rows)).toBe(labelled);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.actualRowCount - 1).toBe(labelled);
    const header = (sheet.getRow(1).values as unknown[]).map(String).join(' ');
    expect(header).toMatch(/tema/i);

    await page.click('[data-testid="nav-pairs"]');
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
  });

  it('shows settings and switches to English', async () => {
    await page.click('[data-testid="nav-settings"]');
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    await browser.screenshot(page, '08-configuracoes');

    await page.click('[aria-labelledby~="settings-language"]');
    await page.click('li[data-value="en"]');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.textContent('[data-testid="nav-pairs"]')).toContain('Pairs');

    await page.click('[aria-labelledby~="settings-language"]');
    await page.click('li[data-value="pt-BR"]');
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
  });

  it('imports a CAPES catalogue', async () => {
    await page.click('[data-testid="nav-import"]');
    await importFile(CAPES_FILE, 'capes');

    const summary = await page.locator('[data-testid="import-summary"]').first().textContent();
    expect(summary).toContain('400 linhas lidas');
    await browser.screenshot(page, '09-importacao-capes');
  });

  it('lists skipped rows with line, column and reason', async () => {
    const file = path.join(host.dir, 'temas_com_erro.tsv');
    fs.writeFileSync(file, 'tema_id\ttema\n9001\tTema novo de teste\n9002\t\n9003\tOutro tema novo\n');
    await importFile(file, 'themes');

    const run = page.locator('[data-testid="import-run"]').first();
    expect(await run.locator('[data-testid="import-summary"]').textContent()).toContain('3 linhas lidas, 2 importadas, 1 ignorada.');
    const cells = await run.locator('[data-testid="skipped-row"] td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('tema');
    expect(cells[2]).toMatch(/tema/i);
    await browser.screenshot(page, '10-linhas-ignoradas');
  });

  it('logs no browser errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
