// use-intl's core is next-intl's own translator without React, so workers outside Next (npm run worker) can render.
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/lib/i18n/locales';
import { locales } from '@/lib/i18n/locales';
import en from '@/lib/i18n/messages/en.json';
import km from '@/lib/i18n/messages/km.json';
import zh from '@/lib/i18n/messages/zh-CN.json';
import { displayTimeZone } from '@/lib/time/cambodia';

/**
 * How every e-mail CaseBridge sends is laid out: sections of one language each, as text and as HTML. Each kind's
 * renderer (new-notification.ts …) builds its sections from facts that identify a case and nothing more. E-mail is
 * not a protected channel, so a renderer's input type holds no field that could carry a person: no name, document
 * number or date of birth can reach a message because none is ever handed to one
 * (lib/mail/no-personal-data.test.ts scans every kind of message built from the demo data to prove it).
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Messages are imported, not loaded per call: planning runs in a worker, outside a request and its next-intl config. */
const messagesOf = { en, km, 'zh-CN': zh } as const;

export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: messagesOf[locale], timeZone: displayTimeZone });
}

/** A key of the message files, as the translators take it. */
export type MessageKey = Parameters<ReturnType<typeof translatorFor>>[0];

/**
 * One message in every language, English first: the answer to whoever follows a link from an e-mail (an
 * unsubscribe), whose language CaseBridge cannot know, written the way a duty address's messages are.
 */
export function inEveryLanguage(key: MessageKey): string {
  return locales.map((locale) => translatorFor(locale)(key)).join('\n\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A titled list in a message (a digest's overdue notifications …): each item links to its case. */
export interface MailList {
  heading: string;
  items: { text: string; href: string }[];
  /** What the list leaves out ("and 12 more"), and where all of it is. */
  more?: string;
  link?: { label: string; href: string };
}

/** One language's part of a message: its lines as text, and the same as HTML. */
export interface MailSection {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  facts: [label: string, value: string][];
  lists?: MailList[];
  link: { label: string; href: string };
  footer: string;
}

function listText(list: MailList): string[] {
  return [
    '',
    list.heading,
    ...list.items.map((item) => `- ${item.text}: ${item.href}`),
    ...(list.more ? [list.more] : []),
    ...(list.link ? [`${list.link.label}: ${list.link.href}`] : []),
  ];
}

function listHtml(list: MailList): string {
  const items = list.items.map((item) => `<li><a href="${escapeHtml(item.href)}" style="color:#1d4ed8">${escapeHtml(item.text)}</a></li>`).join('');
  return [
    `<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(list.heading)}</h2>`,
    `<ul style="margin:0 0 8px;padding-left:20px">${items}</ul>`,
    ...(list.more ? [`<p style="margin:0 0 8px">${escapeHtml(list.more)}</p>`] : []),
    ...(list.link ? [`<p style="margin:0 0 8px"><a href="${escapeHtml(list.link.href)}" style="color:#1d4ed8">${escapeHtml(list.link.label)}</a></p>`] : []),
  ].join('\n');
}

function textOf(section: MailSection): string {
  return [
    section.subject,
    '',
    ...section.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...section.facts.map(([label, value]) => `${label}: ${value}`),
    ...(section.lists ?? []).flatMap(listText),
    '',
    `${section.link.label}: ${section.link.href}`,
    '',
    section.footer,
  ].join('\n');
}

function htmlOf(section: MailSection): string {
  const rows = section.facts
    .map(([label, value]) => `<tr><th align="left" style="padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`)
    .join('');
  return [
    `<div lang="${section.locale}">`,
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(section.subject)}</h1>`,
    ...section.paragraphs.map((paragraph) => `<p style="margin:0 0 12px">${escapeHtml(paragraph)}</p>`),
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`,
    ...(section.lists ?? []).map(listHtml),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(section.link.href)}" style="color:#1d4ed8">${escapeHtml(section.link.label)}</a></p>`,
    `<p style="margin:0;color:#475569;font-size:12px">${escapeHtml(section.footer)}</p>`,
    '</div>',
  ].join('\n');
}

/** One message from one or more languages' sections; several are joined, the first language first. */
function mailOf(sections: MailSection[]): RenderedMail {
  const body = sections.map(htmlOf).join('\n<hr style="border:0;border-top:1px solid #cbd5e1;margin:24px 0">\n');
  return {
    subject: sections.map((section) => section.subject).join(' / '),
    text: sections.map(textOf).join('\n\n————————\n\n'),
    html: `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;color:#0f172a;line-height:1.5">\n${body}\n</body></html>\n`,
  };
}

/**
 * A message in the recipient's language, or in every language in one message for `null` (a duty address, read by
 * whoever is on duty: English first, then Khmer and Chinese).
 */
export function renderForRecipient(locale: Locale | null, sectionOf: (locale: Locale) => MailSection): RenderedMail {
  return mailOf((locale ? [locale] : locales).map(sectionOf));
}

/** A moment as e-mails show it: in full, in Cambodian time, in the section's language. */
export function formatMailTime(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long', timeZone: displayTimeZone }).format(moment);
}
