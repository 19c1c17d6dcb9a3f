import { describe, expect, it } from 'vitest';
import { can, homePathOf, permissionRoles, requirePermission, type Permission } from './permissions';
import { roles } from './roles';
import { mailPreferencesOf } from '@/lib/mail/preferences';

describe('permissions', () => {
  it('gives each role exactly one area, the one it lands on', () => {
    const areas = (Object.keys(permissionRoles) as Permission[]).filter((permission) => permission.startsWith('view:area:'));
    for (const role of roles) {
      const own = areas.filter((area) => can({ role }, area));
      expect(own).toEqual([`view:area:${homePathOf(role).slice(1)}`]);
    }
  });

  it('keeps case data away from embassy, summary and admin roles', () => {
    for (const role of ['embassy_liaison', 'governor_viewer', 'ministry_analyst', 'admin', 'organisation_admin'] as const) {
      expect(can({ role }, 'read:case:own-province')).toBe(false);
      expect(can({ role }, 'create:case:own-province')).toBe(false);
    }
    const caseContent = (Object.keys(permissionRoles) as Permission[]).filter((permission) => /:(case|notification|summary|disclosure):/.test(permission));
    expect(caseContent.filter((permission) => can({ role: 'organisation_admin' }, permission))).toEqual([]);
  });

  it('answers a refused action as "not found", and refuses a missing actor', () => {
    expect(() => requirePermission({ role: 'police_officer' }, 'manage:directory:all')).toThrow(/not_found/);
    expect(() => requirePermission(null, 'update:account:own')).toThrow(/not_found/);
    expect(() => requirePermission({ role: 'admin' }, 'manage:directory:all')).not.toThrow();
  });

  it('lets exactly the roles that receive e-mail they may turn off change their e-mail settings', () => {
    expect(roles.filter((role) => can({ role }, 'update:mail-preferences:own'))).toEqual(roles.filter((role) => mailPreferencesOf(role).length > 0));
  });
});
