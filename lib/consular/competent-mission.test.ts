import { describe, expect, it } from 'vitest';
import { competentMission, receivingOrganisationId, type DirectoryMission } from './competent-mission';

const embassyVn: DirectoryMission = { id: 'm-vn', countryCode: 'VN', missionType: 'embassy', organisationId: 'org-vn', isActive: true, provinceCodes: [] };
const consulateVn: DirectoryMission = { id: 'm-vn-cg', countryCode: 'VN', missionType: 'consulate_general', organisationId: 'org-vn-cg', isActive: true, provinceCodes: ['PSN', 'KKG'] };
const embassyId: DirectoryMission = { id: 'm-id', countryCode: 'ID', missionType: 'embassy', organisationId: null, isActive: true, provinceCodes: [] };
const honoraryTh: DirectoryMission = { id: 'm-th-hc', countryCode: 'TH', missionType: 'honorary_consul', organisationId: null, isActive: true, provinceCodes: ['BMC'] };
const embassyTh: DirectoryMission = { id: 'm-th', countryCode: 'TH', missionType: 'embassy', organisationId: 'org-th', isActive: true, provinceCodes: [] };
const directory = [embassyVn, consulateVn, embassyId, honoraryTh, embassyTh];

describe('competentMission', () => {
  it('is the post whose district holds the province', () => {
    expect(competentMission(directory, 'VN', 'KKG')).toBe(consulateVn);
    expect(competentMission(directory, 'VN', 'PSN')).toBe(consulateVn);
  });

  it('is the embassy for a province no post of the country covers', () => {
    expect(competentMission(directory, 'VN', 'KCM')).toBe(embassyVn);
    expect(competentMission(directory, 'TH', 'KKG')).toBe(embassyTh);
  });

  it('skips an inactive post and has no mission for a country not in the directory', () => {
    expect(competentMission([embassyVn, { ...consulateVn, isActive: false }], 'VN', 'KKG')).toBe(embassyVn);
    expect(competentMission(directory, 'MY', 'KKG')).toBeNull();
  });
});

describe('receivingOrganisationId', () => {
  it('is the competent post when it is on CaseBridge', () => {
    expect(receivingOrganisationId(directory, 'VN', 'KKG')).toBe('org-vn-cg');
    expect(receivingOrganisationId(directory, 'VN', 'PPP')).toBe('org-vn');
  });

  it("is the embassy's when the competent post is off CaseBridge", () => {
    expect(receivingOrganisationId(directory, 'TH', 'BMC')).toBe('org-th');
  });

  it('is none when no mission of the country is on CaseBridge', () => {
    expect(receivingOrganisationId(directory, 'ID', 'KKG')).toBeNull();
    expect(receivingOrganisationId(directory, 'MY', 'KKG')).toBeNull();
  });
});
