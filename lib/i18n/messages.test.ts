import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import km from './messages/km.json';
import zh from './messages/zh-CN.json';
import { negotiateLocale } from './locales';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [childPath, childValue] of leaves(value, path)) found.set(childPath, childValue);
  }
  return found;
}

/** The ICU arguments a message uses, however deep in plural or select branches. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) found.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

describe('message files', () => {
  const english = leaves(en);
  for (const [locale, messages] of [
    ['km', km],
    ['zh-CN', zh],
  ] as const) {
    const translated = leaves(messages as Tree);
    it(`${locale} has every key of en and no other`, () => {
      expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
      expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
    });
    it(`${locale} keeps every placeholder of each English message`, () => {
      for (const [key, message] of english) expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(message));
    });
    it(`${locale} is written in its own script`, () => {
      const script = locale === 'km' ? /[\u1780-\u17FF]/ : /[\u4E00-\u9FFF]/;
      const untranslated = [...translated].filter(
        ([key, message]) => !key.startsWith('languages.') && key !== 'common.appName' && /[a-z]{3}/i.test(message.replace(/\{[^}]*\}/g, '')) && !script.test(message),
      );
      expect(untranslated).toEqual([]);
    });
  }
});

describe('negotiateLocale', () => {
  it.each([
    ['km-KH,km;q=0.9,en;q=0.8', 'km'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'en'],
    ['en;q=0.2, km;q=0.8', 'km'],
    ['', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
