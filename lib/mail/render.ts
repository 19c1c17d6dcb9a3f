// use-intl's core is next-intl's own translator without React, so workers outside Next (npm run worker) can render.
import { createTranslator } from 'use-intl/core';
import type { CrimeType, NotificationKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { locales } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import en from '@/lib/i18n/messages/en.json';
import km from '@/lib/i18n/messages/km.json';
import zh from '@/lib/i18n/messages/zh-CN.json';
import { displayTimeZone } from '@/lib/time/cambodia';

/**
 * The e-mails CaseBridge sends, rendered from facts that identify a case and nothing more. E-mail is not a
 * protected channel, so a renderer's input type holds no field that could carry a person: no name, document
 * number or date of birth can reach a message because none is ever handed to one (lib/mail/plan.test.ts scans
 * every message of the demo data to prove it).
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a new-notification e-mail may say about its case. */
export interface NewNotificationFacts {
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  province: LocalizedNames;
  kind: NotificationKind;
  dueAt: Date;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

/** Messages are imported, not loaded per call: planning runs in a worker, outside a request and its next-intl config. */
const messagesOf = { en, km, 'zh-CN': zh } as const;

function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: messagesOf[locale], timeZone: displayTimeZone });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** One language's part of a message: its lines as text, and the same as HTML. */
interface MailSection {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  facts: [label: string, value: string][];
  link: { label: string; href: string };
  footer: string;
}

function newNotificationSection(facts: NewNotificationFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const isUrgent = facts.kind === 'detention';
  const due = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'long', timeZone: displayTimeZone }).format(facts.dueAt);
  const province = localizedName(facts.province, locale);
  const subject = t('mail.newNotification.subject', { reference: facts.caseReferenceNumber, province });
  return {
    locale,
    subject: isUrgent ? `${t('mail.urgentPrefix')} ${subject}` : subject,
    paragraphs: [
      t('mail.newNotification.intro', { province }),
      ...(isUrgent ? [t('mail.newNotification.detention')] : []),
      t('mail.newNotification.acknowledgeBy', { due }),
    ],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
      [t('mail.fields.province'), province],
      [t('mail.fields.kind'), t(`enums.notificationKind.${facts.kind}`)],
      [t('mail.fields.dueAt'), due],
    ],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

function textOf(section: MailSection): string {
  return [
    section.subject,
    '',
    ...section.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...section.facts.map(([label, value]) => `${label}: ${value}`),
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
 * A new notification, in the recipient's language; `null` for every language in one message (a duty address,
 * read by whoever is on duty: English first, then Khmer and Chinese).
 */
export function renderNewNotificationMail(facts: NewNotificationFacts, locale: Locale | null): RenderedMail {
  return mailOf((locale ? [locale] : locales).map((sectionLocale) => newNotificationSection(facts, sectionLocale)));
}
