// Builders for the small files the importer tests need: CAPES-style CSVs in latin-1 with CRLF and
// every value quoted, plain UTF-8 CSVs, and XLSX sheets written with exceljs.

import fs from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { SHARED_DATA } from '../../../helpers/data';

export const DATA = SHARED_DATA;
export const CAPES_CSV = path.join(DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv');
export const CAPES_XLSX = path.join(DATA, 'capes/capes_2021_2024_humanas_ia_resumos.xlsx');
export const CAPES_NO_ABSTRACT_CSV = path.join(DATA, 'capes/capes_2021_2024_ia_sem_resumo.csv');
export const HISTORY_CSV = path.join(DATA, 'teses_historia_direito_1994_2024.csv');
export const THEMES_TSV = path.join(DATA, 'themes.tsv');
export const PAIRS_CSV = path.join(DATA, 'eval/pares_dev.csv');
export const PAIRS_PARQUET = path.join(DATA, 'eval/pares_dev.parquet');

export const CAPES_HEADERS = [
  'ID_PRODUCAO_INTELECTUAL',
  'AN_BASE',
  'NM_PRODUCAO',
  'DS_RESUMO',
  'DS_PALAVRA_CHAVE',
  'SG_ENTIDADE_ENSINO',
  'SG_UF_IES',
  'DT_TITULACAO',
];

/** Writes lines as the CAPES catalogue does: ';'-separated, every value quoted, CRLF, ISO-8859-1. */
export function writeCapesCsv(file: string, lines: string[]): string {
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'latin1'));
  return file;
}

/** Quotes each value and joins them with ';' (no escaping: tests build broken quotes on purpose). */
export function capesLine(values: string[]): string {
  return values.map((value) => `"${value}"`).join(';');
}

export function capesRow(id: string, title: string, abstract: string, uf = 'RS'): string {
  return capesLine([id, '2023', title, abstract, 'IA;EDUCAÇÃO', 'UFSM', uf, '2023-08-25']);
}

export function writeText(file: string, text: string): string {
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

/** Quotes a value for a ','-separated CSV. */
export function csvValue(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(file: string, headers: string[], rows: string[][]): string {
  return writeText(file, [headers, ...rows].map((row) => row.map(csvValue).join(',')).join('\n') + '\n');
}

export async function writeXlsx(file: string, headers: string[], rows: unknown[][], sheetName = 'Dados'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
  return file;
}

export const CHALLENGE_HEADERS = [
  'hash_id', 'tema_id', 'tema', 'palavras_chave', 'uf_tema_info', 'uf_pesquisador', 'nome_programa',
  'sigla_entidade_ensino', 'nome_producao', 'nome_subtipo_producao', 'nome_area_concentracao', 'nome_linha_pesquisa',
  'nome_projeto', 'descricao_palavra_chave', 'descricao_resumo', 'descricao_abstract', 'descricao_keyword',
  'data_titulacao', 'nome_grau_academico', 'nome_grande_area_conhecimento', 'nome_area_conhecimento',
  'nome_subarea_conhecimento', 'nome_especialidade', 'modelo_nivel', 'modelo_explicacao',
];

/** One challenge row; unspecified columns are empty. */
export function challengeRow(values: Partial<Record<string, string>>): string[] {
  return CHALLENGE_HEADERS.map((header) => values[header] ?? '');
}
