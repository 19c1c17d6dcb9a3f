import { z } from 'zod';
import { apiScopes } from './scopes';

/** The form of /organisation/api-keys (and the platform admin's organisation page): a name, scopes and a lifetime. */
export const createApiKeySchema = z.object({
  organisationId: z.uuid('validation.invalidChoice'),
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  scopes: z.array(z.enum(apiScopes, 'validation.invalidChoice')).min(1, 'apiKeys.validation.scopesRequired'),
  /** Days until the key stops working: at most two years, so a forgotten key does not live forever. */
  expiresInDays: z.coerce.number('apiKeys.validation.expiry').int('apiKeys.validation.expiry').min(1, 'apiKeys.validation.expiry').max(730, 'apiKeys.validation.expiry'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.uuid('validation.invalidChoice') });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeySchema>;
