import { z } from 'zod';
import { locales } from '@/lib/i18n/locales';

export const changeLocaleSchema = z.object({ locale: z.enum(locales, 'validation.invalidChoice') });
export type ChangeLocaleInput = z.infer<typeof changeLocaleSchema>;
