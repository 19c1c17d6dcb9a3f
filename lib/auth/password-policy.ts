// No `import 'server-only'`: read by tests and scripts too; it reads a file, so it never reaches a client bundle.
import fs from 'node:fs';
import path from 'node:path';
import { maxPasswordLength, minPasswordLengthFor, passwordLength } from './schemas';

/**
 * NIST SP 800-63B-4 §3.1.1.2 and ASVS 6.2: a length rule (15 to 128 characters, counted as Unicode code points),
 * no composition rules, and a blocklist of common, expected or compromised values. The list
 * (common-passwords.txt, 49,233 passwords from breach corpora, see its NOTICE) holds mostly short passwords,
 * which the length rule already refuses, so a long password is also refused when it is only such a password
 * padded, repeated, joined to another one or to a keyboard or number sequence, or built from the user's own
 * e-mail address, name or the service's name.
 */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'contextual';

let commonPasswords: Set<string> | undefined;

/** Loaded once per process from the bundled list; works offline. */
export function commonPasswordList(): Set<string> {
  if (!commonPasswords) {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib/auth/common-passwords.txt');
    commonPasswords = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  }
  return commonPasswords;
}

const sequences = [
  '01234567890123456789012345678901234567890',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop[]asdfghjkl;zxcvbnm,./',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
];
const sequencesBothWays = sequences.flatMap((sequence) => [sequence, [...sequence].reverse().join('')]);

function isSequence(text: string): boolean {
  return text.length >= 3 && sequencesBothWays.some((sequence) => sequence.includes(text));
}

/** A piece an attacker's rules would produce: a listed password, a sequence, one repeated character. */
function isGuessablePiece(piece: string, list: Set<string>): boolean {
  return list.has(piece) || isSequence(piece) || /^(.)\1*$/u.test(piece);
}

function isCommon(password: string): boolean {
  const list = commonPasswordList();
  const lower = password.toLowerCase();
  // Separators add little: "pass word 1234" is guessed like "password1234".
  const compact = lower.replace(/[\s._-]+/gu, '');
  if (list.has(lower) || list.has(compact) || isGuessablePiece(compact, list)) return true;
  // Padding with digits and symbols: "dragon!!!2024!!!!".
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core && core !== compact && (list.has(core) || isSequence(core))) return true;
  // One unit repeated: "passwordpassword", "abcabcabcabcabc".
  if (/^(.+?)\1+$/su.test(compact)) return true;
  // Two guessable pieces joined: "iloveyouprincess", "qwertyuiop123456789".
  const characters = [...compact];
  for (let split = 1; split < characters.length; split++) {
    const left = characters.slice(0, split).join('');
    const right = characters.slice(split).join('');
    if (isGuessablePiece(left, list) && isGuessablePiece(right, list)) return true;
  }
  return false;
}

/** The user's own identifiers and the service's name, which an attacker tries first. */
function isContextual(password: string, context: { email?: string; name?: string }): boolean {
  const compact = password.toLowerCase().replace(/[\s._-]+/gu, '');
  const words = ['casebridge', context.email?.toLowerCase(), context.email?.toLowerCase().split('@')[0], context.name?.toLowerCase()]
    .map((word) => word?.replace(/[\s._-]+/gu, ''))
    .filter((word): word is string => Boolean(word && word.length >= 4));
  return words.some((word) => compact.includes(word));
}

/**
 * The first problem with a new password, or null when it is acceptable. With a second factor the password
 * is one of two factors and 8 characters are enough (NIST SP 800-63B-4 §3.1.1.2); every other rule stays.
 */
export function checkPasswordPolicy(password: string, context: { email?: string; name?: string; hasSecondFactor?: boolean } = {}): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < minPasswordLengthFor(context.hasSecondFactor ?? false)) return 'tooShort';
  if (length > maxPasswordLength) return 'tooLong';
  if (isContextual(password, context)) return 'contextual';
  if (isCommon(password)) return 'common';
  return null;
}
