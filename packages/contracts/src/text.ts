// Text people give each other (names, nicks, announcements): one zod schema, so every field refuses the same
// tricks. Well-formed Unicode only (a lone surrogate would be stored as U+FFFD, not as what was echoed), no control
// or format characters (Cc, Cf: NUL, terminal escapes, right-to-left overrides, zero-width spaces) except the
// zero-width joiner inside an emoji sequence (👨‍👩‍👧), and something visible once white space and invisible
// characters are gone. Refusals carry a key of MESSAGES, which the error envelope puts in the caller's language.
import { z } from 'zod';
import type { MessageKey } from './errors.ts';

// A joiner between two pictographs, the first possibly with its emoji presentation selector or skin tone.
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u{200D}(?=\p{Extended_Pictographic})/gu;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
// In a `u` pattern a surrogate pair is one code point, so this finds only lone surrogates (String#isWellFormed is
// ES2024, beyond our lib target).
const LONE_SURROGATE = /[\u{D800}-\u{DFFF}]/u;
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The MESSAGES key a refused text gets (also a custom issue's `params.message`). */
export const TEXT_MESSAGE: MessageKey = 'invalid_text';

export interface HumanTextOptions {
  /** Fewest characters after trimming; 0 lets "" through (to clear a field), but never invisible-only text. */
  min: number;
  max: number;
}

export function humanText({ min, max }: HumanTextOptions) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      if (value === '' && min === 0) return;
      const acceptable =
        !LONE_SURROGATE.test(value) &&
        !CONTROL_OR_FORMAT.test(value.replace(EMOJI_JOINER, '')) &&
        value.replace(INVISIBLE, '') !== '';
      if (!acceptable)
        ctx.addIssue({ code: 'custom', message: 'invalid text', params: { message: TEXT_MESSAGE } });
    });
}
