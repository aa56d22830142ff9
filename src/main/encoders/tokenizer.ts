// Tokenisation through @huggingface/tokenizers (WordPiece, Unigram and byte-level BPE all load
// from tokenizer.json). Truncation, chunking, batching and padding are ours, so one code path
// handles every model: the library tokenises text without special tokens and we add the model's
// own prefix and suffix (such as [CLS] … [SEP] or <s> … </s>) around each chunk.

import { Tokenizer } from '@huggingface/tokenizers';

import { AppError } from '../../shared/errors';
import type { ModelFolder } from './folder';

export interface TokenizedChunk {
  ids: number[];
}

export class TextTokenizer {
  readonly prefix: number[];
  readonly suffix: number[];
  readonly padId: number;

  private constructor(private readonly tokenizer: Tokenizer, padId: number, prefix: number[], suffix: number[]) {
    this.padId = padId;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  static fromFolder(folder: ModelFolder): TextTokenizer {
    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(folder.tokenizerJson as object, folder.tokenizerConfig);
    } catch (error) {
      throw new AppError('encoder_tokenizer_invalid', `tokenizer.json in ${folder.dir} could not be loaded: ${(error as Error).message}`, {
        dir: folder.dir,
        file: 'tokenizer.json',
        reason: (error as Error).message,
      }, { cause: error });
    }
    const { prefix, suffix } = specialTokenFrame(tokenizer);
    return new TextTokenizer(tokenizer, padTokenId(tokenizer, folder), prefix, suffix);
  }

  /** Token ids of the text without special tokens. */
  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  tokens(text: string): string[] {
    return this.tokenizer.tokenize(text);
  }

  /**
   * Splits the text's tokens into chunks that fit `maxLength` with the special tokens added,
   * at most `maxChunks` of them (the rest of a very long text is dropped). Empty text yields one
   * chunk of special tokens only, so every text gets an embedding.
   */
  chunk(text: string, maxLength: number, maxChunks: number): TokenizedChunk[] {
    const ids = this.encode(text);
    const room = maxLength - this.prefix.length - this.suffix.length;
    if (room < 1) {
      const special = this.prefix.length + this.suffix.length;
      throw new AppError('encoder_max_length_too_small', `Maximum length ${maxLength} leaves no room for text`, {
        maxLength,
        special,
        minimum: special + 1,
      });
    }
    const chunks: TokenizedChunk[] = [];
    for (let start = 0; start < ids.length && chunks.length < maxChunks; start += room) {
      chunks.push({ ids: [...this.prefix, ...ids.slice(start, start + room), ...this.suffix] });
    }
    if (chunks.length === 0) chunks.push({ ids: [...this.prefix, ...this.suffix] });
    return chunks;
  }
}

/**
 * Finds the special tokens the post-processor puts before and after a single sequence by encoding
 * one word with and without them.
 */
function specialTokenFrame(tokenizer: Tokenizer): { prefix: number[]; suffix: number[] } {
  const probe = 'a';
  const bare = tokenizer.encode(probe, { add_special_tokens: false }).ids;
  const framed = tokenizer.encode(probe, { add_special_tokens: true }).ids;
  for (let start = 0; start + bare.length <= framed.length; start += 1) {
    if (bare.every((id, i) => framed[start + i] === id)) {
      return { prefix: framed.slice(0, start), suffix: framed.slice(start + bare.length) };
    }
  }
  return { prefix: [], suffix: [] };
}

function padTokenId(tokenizer: Tokenizer, folder: ModelFolder): number {
  const configured = folder.tokenizerConfig.pad_token;
  const name = typeof configured === 'string' ? configured : typeof (configured as { content?: unknown } | undefined)?.content === 'string' ? (configured as { content: string }).content : null;
  const candidates = [name, '[PAD]', '<pad>', '<|endoftext|>'].filter((c): c is string => c != null);
  for (const candidate of candidates) {
    const id = tokenizer.token_to_id(candidate);
    if (id !== undefined) return id;
  }
  // Padding positions are masked out, so any id works when the vocabulary has no pad token.
  return 0;
}
