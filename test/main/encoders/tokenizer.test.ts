import { describe, expect, it } from 'vitest';

import { readModelFolder, type ModelFolder } from '../../../src/main/encoders/folder';
import { TextTokenizer } from '../../../src/main/encoders/tokenizer';
import { testEncoder } from '../../helpers/encoders';

const TEXT = 'Políticas públicas de inovação e biodiversidade na Amazônia';

/** GPT-2's byte-to-character table: printable bytes map to themselves, the rest to U+0100 onwards. */
function byteAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b += 1) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b += 1) printable.push(b);
  for (let b = 0xae; b <= 0xff; b += 1) printable.push(b);
  const chars = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b += 1) {
    chars[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return chars;
}

/** Builds a byte-level BPE folder (RoBERTa style) with two merges, enough to show that merges apply. */
function byteLevelFolder(): ModelFolder {
  const vocab: Record<string, number> = { '<s>': 0, '<pad>': 1, '</s>': 2, '<unk>': 3 };
  for (const char of byteAlphabet()) vocab[char] = Object.keys(vocab).length;
  vocab.de = Object.keys(vocab).length;
  vocab['Ġde'] = Object.keys(vocab).length;
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tokenizerJson = {
    version: '1.0',
    added_tokens: [special(0, '<s>'), special(1, '<pad>'), special(2, '</s>'), special(3, '<unk>')],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges: ['d e', 'Ġ de'] },
  };
  return { ...readModelFolder(testEncoder().dir), dir: 'byte-level-bpe', tokenizerJson, tokenizerConfig: { pad_token: '<pad>' } };
}

describe('TextTokenizer', () => {
  it('tokenises Portuguese with the BERTimbau WordPiece vocabulary', () => {
    const tokenizer = TextTokenizer.fromFolder(readModelFolder(testEncoder().dir));
    expect(tokenizer.prefix).toEqual([101]);
    expect(tokenizer.suffix).toEqual([102]);
    expect(tokenizer.padId).toBe(0);
    const tokens = tokenizer.tokens(TEXT);
    expect(tokens).toContain('Amazônia');
    expect(tokens).not.toContain('[UNK]');
    expect(tokens.some((t) => t.startsWith('##'))).toBe(true);
  });

  it('tokenises with the Unigram vocabulary', () => {
    const tokenizer = TextTokenizer.fromFolder(readModelFolder(testEncoder({ tokenizer: 'unigram' }).dir));
    expect(tokenizer.prefix).toEqual([0]);
    expect(tokenizer.suffix).toEqual([2]);
    expect(tokenizer.padId).toBe(1);
    const tokens = tokenizer.tokens(TEXT);
    expect(tokens[0].startsWith('▁')).toBe(true);
    expect(tokens.join('')).toBe(`▁${TEXT.replace(/ /g, '▁')}`);
    expect(tokens).not.toContain('<unk>');
  });

  it('tokenises with a byte-level BPE vocabulary', () => {
    const tokenizer = TextTokenizer.fromFolder(byteLevelFolder());
    expect(tokenizer.prefix).toEqual([0]);
    expect(tokenizer.suffix).toEqual([2]);
    expect(tokenizer.padId).toBe(1);
    expect(tokenizer.tokens('a de')).toEqual(['a', 'Ġde']);
    // "ã" is two UTF-8 bytes, so it becomes two byte tokens and never an unknown token.
    expect(tokenizer.tokens('ã')).toHaveLength(2);
    expect(tokenizer.encode(TEXT).every((id) => id > 3)).toBe(true);
  });

  it('chunks with special tokens around each chunk', () => {
    const tokenizer = TextTokenizer.fromFolder(readModelFolder(testEncoder().dir));
    const ids = tokenizer.encode(TEXT);
    const chunks = tokenizer.chunk(TEXT, 6, 10);
    expect(chunks).toHaveLength(Math.ceil(ids.length / 4));
    for (const chunk of chunks) {
      expect(chunk.ids[0]).toBe(101);
      expect(chunk.ids.at(-1)).toBe(102);
    }
    expect(chunks.flatMap((c) => c.ids.slice(1, -1))).toEqual(ids);
    expect(tokenizer.chunk('', 6, 10)).toEqual([{ ids: [101, 102] }]);
    expect(() => tokenizer.chunk(TEXT, 2, 10)).toThrow(
      expect.objectContaining({ code: 'encoder_max_length_too_small', params: { maxLength: 2, special: 2, minimum: 3 } }),
    );
  });
});
