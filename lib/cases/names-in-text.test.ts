import { describe, expect, it } from 'vitest';
import { buildCaseInput, buildPersonInput } from '@/lib/testing/factories';
import { mentionsAnyone } from './names-in-text';
import { createCaseSchema } from './schemas';

const people = [
  { latinName: 'Zhang Wei', nativeName: '张伟', idDocumentNumber: 'E12345678' },
  { latinName: 'Sok Dara', nativeName: 'សុខ ដារា', idDocumentNumber: '' },
  { latinName: 'Li', nativeName: '', idDocumentNumber: '' },
];

describe('names of the case\'s people in free text', () => {
  it.each([
    ['the Latin name, in any case and spacing', 'Raid on the compound of ZHANG   wei'],
    ['the Chinese name', '张伟诈骗案'],
    ['the Khmer name', 'ករណីរបស់ សុខ ដារា'],
    ['a document number', 'Passport E12345678 seized'],
    ['a full-width form of the name', 'Ｚｈａｎｇ Ｗｅｉ compound'],
  ])('finds %s', (_label, title) => {
    expect(mentionsAnyone(title, people)).toBe(true);
  });

  it('leaves a title without them alone, and does not take a two-letter Latin name for a person', () => {
    expect(mentionsAnyone('Online scam compound on National Road 48', people)).toBe(false);
    expect(mentionsAnyone('Lights out at the Li-Da casino', people)).toBe(false);
    expect(mentionsAnyone('', people)).toBe(false);
  });

  it('refuses a case whose title names one of its people, on the title', () => {
    const result = createCaseSchema.safeParse(buildCaseInput({ title: 'Zhang Wei detained at the border', people: [buildPersonInput({ latinName: 'Zhang Wei' })] }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['title', 'cases.validation.namesInTitle']]);
    expect(createCaseSchema.safeParse(buildCaseInput({ title: 'Detention at the border', people: [buildPersonInput({ latinName: 'Zhang Wei' })] })).success).toBe(true);
  });
});
