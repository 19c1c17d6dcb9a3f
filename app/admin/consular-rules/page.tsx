import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ConsularRuleForm } from '@/components/consular/consular-rule-form';
import { requireAccess } from '@/lib/auth/session';
import { listConsularRules } from '@/lib/consular/rules';
import { countryName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { countryCodes } from '@/lib/reference/countries';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('consular.rules.title')) };
}

/** Countries whose nationals are notified whatever the detainee wishes (bilateral consular agreements). */
export default async function ConsularRulesPage() {
  const actor = await requireAccess('manage:directory:all');
  const [rules, t, locale] = await Promise.all([listConsularRules(actor), getTranslations(), getLocale()]);
  const countries = countryCodes
    .filter((code) => code !== 'KH')
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t('consular.rules.title')}</h1>
      <p className="text-sm text-slate-600">{t('consular.rules.intro')}</p>
      <ul className="space-y-3">
        {rules.map((rule) => (
          <li key={rule.countryCode}>
            <ConsularRuleForm countries={countries} rule={rule} />
          </li>
        ))}
      </ul>
      <ConsularRuleForm countries={countries.filter((country) => !rules.some((rule) => rule.countryCode === country.code))} />
    </div>
  );
}
