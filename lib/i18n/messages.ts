import type { Locale } from './locales';
import en from './messages/en.json';

export type Messages = typeof en;

export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'km':
      return (await import('./messages/km.json')).default;
    case 'zh-CN':
      return (await import('./messages/zh-CN.json')).default;
    default:
      return en;
  }
}
