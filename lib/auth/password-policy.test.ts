import { describe, expect, it } from 'vitest';
import { demoAccounts } from '@/demo-data/seed/demo-accounts';
import { generateOneTimePassword } from './password';
import { checkPasswordPolicy, commonPasswordList } from './password-policy';
import { changePasswordSchema } from './schemas';

describe('password policy (NIST SP 800-63B-4)', () => {
  it('bundles a list of at least 10,000 common passwords', () => {
    const list = commonPasswordList();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    for (const common of ['123456', 'password', 'qwerty', 'iloveyou', 'dragon']) expect(list.has(common)).toBe(true);
  });

  it('asks only for length: 15 to 128 characters, counted as people count them', () => {
    expect(checkPasswordPolicy('short but fine')).toBe('tooShort');
    expect(checkPasswordPolicy('mekong ferry at dusk')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(129))).toBe('tooLong');
    // No composition rules: lower-case words alone are fine; Khmer and Chinese count per character.
    expect(checkPasswordPolicy('ទន្លេមេគង្គហូរកាត់ខេត្តក្រចេះ')).toBeNull();
    expect(checkPasswordPolicy('湄公河的渡船在黄昏时分靠岸了')).toBe('tooShort');
    expect(checkPasswordPolicy('湄公河的渡船在黄昏时分靠岸了吗')).toBeNull();
  });

  it('refuses long passwords that are only common ones padded, repeated, joined or sequenced', () => {
    for (const weak of [
      'passwordpassword',
      'password123456789',
      'dragon!!!!!!!!!!2024',
      'iloveyouprincess',
      'qwertyuiop123456789',
      '123456789012345',
      'abcdefghijklmnopq',
      'aaaaaaaaaaaaaaaa',
      'Pass Word 1234 5678 90',
      '1qaz2wsx3edc4rfv',
      'monkeymonkeymonkey',
    ]) {
      expect(checkPasswordPolicy(weak), weak).toBe('common');
    }
  });

  it('refuses the user\u2019s own e-mail address, name and the service name', () => {
    const context = { email: 'sokha.chan@kkg.police.demo', name: 'Sokha Chan' };
    expect(checkPasswordPolicy('my casebridge login 2026', context)).toBe('contextual');
    expect(checkPasswordPolicy('sokha.chan likes green tea', context)).toBe('contextual');
    expect(checkPasswordPolicy('green tea for Sokha Chan!', context)).toBe('contextual');
    expect(checkPasswordPolicy('green tea at the river market', context)).toBeNull();
  });

  it('accepts generated one-time passwords and the demo passwords', () => {
    for (let index = 0; index < 200; index++) expect(checkPasswordPolicy(generateOneTimePassword())).toBeNull();
    for (const account of demoAccounts) expect(checkPasswordPolicy(account.password), account.password).toBeNull();
  });

  it('checks length and the repeated password in the shared form schema', () => {
    const mismatch = changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'mekong ferry at dusk', confirmPassword: 'mekong ferry at noon' });
    expect(mismatch.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['confirmPassword', 'password.validation.mismatch']]);
    const short = changePasswordSchema.safeParse({ currentPassword: '', newPassword: 'short', confirmPassword: 'short' });
    expect(short.error?.issues.map((issue) => issue.message).sort()).toEqual(['password.validation.tooShort', 'validation.required']);
  });
});
