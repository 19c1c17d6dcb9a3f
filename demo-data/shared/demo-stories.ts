import type { CrimeType } from '@/db/schema';
import type { DemoPlace } from './demo-places';
import type { SeededRandom } from './prng';

export interface StoryContext {
  place: DemoPlace;
  victimCount: number;
  suspectCount: number;
  /** e.g. "Vietnamese and Thai"; empty when no nationality is known. */
  victimNationalities: string;
  suspectNationalities: string;
  rng: SeededRandom;
}

export interface Story {
  title: string;
  narrative: string;
}

type StoryTemplate = (context: StoryContext) => Story;

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five'];

/** "two Vietnamese workers", "one worker". */
function counted(count: number, adjective: string, noun: string, pluralNoun = `${noun}s`): string {
  const number = numberWords[count] ?? String(count);
  return [number, adjective, count === 1 ? noun : pluralNoun].filter(Boolean).join(' ');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "the condominium block behind Otres Beach 2": a place description as it reads inside a sentence. */
function theDescription(place: DemoPlace): string {
  return `the ${place.description.charAt(0).toLowerCase()}${place.description.slice(1)}`;
}

/** "a Thai worker", "an Indonesian worker". */
function withArticle(adjective: string): string {
  return `${/^[AEIOU]/i.test(adjective) ? 'an' : 'a'} ${adjective}`;
}

function wasOrWere(count: number): string {
  return count === 1 ? 'was' : 'were';
}

const hidingPlaces = ['the spare tyre', 'boxes of dried fish', 'a false floor of the pickup', 'sacks of rice', 'a loudspeaker cabinet', 'tea packets'];

const onlineScamStories: readonly StoryTemplate[] = [
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Raid on scam compound in ${place.district}`,
    narrative:
      `Acting on a plea for help passed on by a worker's family, officers entered ${theDescription(place)}. ` +
      `${capitalised(counted(victimCount, victimNationalities, 'worker'))} said they had been recruited online for customer-service jobs, ` +
      'had their passports taken on arrival and were made to run fake investment chats with people overseas. ' +
      `Laptops, phones and bundles of SIM cards were seized and ${counted(suspectCount, '', 'suspected supervisor')} taken in for questioning.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Workers escape online fraud operation at ${place.name}`,
    narrative:
      `${capitalised(counted(victimCount, victimNationalities, 'worker'))} got out of ${place.name} at night and stopped a police patrol. ` +
      'They described about forty people held inside on daily quotas of scam messages, with fines and beatings for anyone who fell short. ' +
      `${capitalised(counted(suspectCount, '', 'man', 'men'))} named as ${suspectCount === 1 ? 'a guard' : 'guards'} ${wasOrWere(suspectCount)} traced the following day.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities, suspectNationalities }) => ({
    title: `Romance scam team found at ${place.name}`,
    narrative:
      `Officers checking ${theDescription(place)} found a team using fake social-media profiles to win the trust of people abroad ` +
      `and steer them into a fraudulent trading app. ${capitalised(counted(victimCount, victimNationalities, 'person', 'people'))} said they had been sold to the operation by a recruiter. ` +
      `${capitalised(counted(suspectCount, suspectNationalities, 'team leader'))} ${wasOrWere(suspectCount)} questioned and scripts, phones and bank cards were seized.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Call centre impersonating police uncovered in ${place.district}`,
    narrative:
      `A call centre at ${theDescription(place)} was phoning people overseas while posing as police of their home country and demanding "bail" transfers. ` +
      `${capitalised(counted(victimCount, victimNationalities, 'caller'))} said they were forced to read the scripts. ` +
      `${capitalised(counted(suspectCount, '', 'organiser'))} ${wasOrWere(suspectCount)} identified from payroll records found on site.`,
  }),
  ({ place, victimCount, victimNationalities }) => ({
    title: `Complaint of forced work at crypto scam site in ${place.commune}`,
    narrative:
      `Through a hotline, ${counted(victimCount, victimNationalities, 'worker')} reported being held at ${theDescription(place)} and made to promote a fake cryptocurrency exchange. ` +
      'They were told they could leave only after paying a "contract fee" of several thousand dollars.',
  }),
];

const humanTraffickingStories: readonly StoryTemplate[] = [
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Rescue of trafficking victims at ${place.name}`,
    narrative:
      `Following a tip-off from an NGO hotline, officers removed ${counted(victimCount, victimNationalities, 'person', 'people')} from ${theDescription(place)}. ` +
      'They had been promised factory or casino work with good pay; their documents were taken and they were told they owed the cost of their travel. ' +
      `${capitalised(counted(suspectCount, '', 'suspected recruiter'))} ${wasOrWere(suspectCount)} identified.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities, suspectNationalities }) => ({
    title: `Workers recruited with fake job offers held at ${place.name}`,
    narrative:
      `${capitalised(counted(victimCount, victimNationalities, 'worker'))} answered online advertisements for hotel jobs and were driven across the border to ${place.name}. ` +
      `They were locked in at night and paid nothing. ${capitalised(counted(suspectCount, suspectNationalities, 'agent'))} who arranged the travel ${wasOrWere(suspectCount)} questioned.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Minibus carrying undocumented workers stopped in ${place.district}`,
    narrative:
      `A minibus stopped at ${theDescription(place)} was carrying ${counted(victimCount, victimNationalities, 'passenger')} without documents ` +
      `who said an agent had arranged jobs for them on the coast. ${capitalised(counted(suspectCount, '', 'person', 'people'))} travelling with them, including the driver, ${wasOrWere(suspectCount)} taken in.`,
  }),
  ({ place, victimCount, suspectCount, victimNationalities }) => ({
    title: `Suspected sale of workers between compounds near ${place.name}`,
    narrative:
      `${capitalised(counted(victimCount, victimNationalities, 'worker'))} told officers they had been "transferred" between compounds near ${place.name} for a fee paid by the new employer. ` +
      `Messages on a seized phone point to ${counted(suspectCount, '', 'broker')} arranging the sales.`,
  }),
];

const drugTraffickingStories: readonly StoryTemplate[] = [
  ({ place, suspectCount, suspectNationalities, rng }) => ({
    title: `Methamphetamine seizure at ${place.name}`,
    narrative:
      `During a routine inspection at ${theDescription(place)}, officers found about ${rng.integer(2, 60)} kg of crystal methamphetamine hidden in ${rng.pick(hidingPlaces)}. ` +
      `${capitalised(counted(suspectCount, suspectNationalities, 'person', 'people'))} in the vehicle ${wasOrWere(suspectCount)} taken in for questioning.`,
  }),
  ({ place, suspectCount, suspectNationalities, rng }) => ({
    title: `Crystal meth and ketamine found in vehicle near ${place.name}`,
    narrative:
      `A pickup searched near ${place.name} carried ${rng.integer(3, 25)} kg of crystal methamphetamine and ${rng.integer(1, 10)} kg of ketamine in ${rng.pick(hidingPlaces)}. ` +
      `${capitalised(counted(suspectCount, suspectNationalities, 'suspect'))} said they were paid to deliver the load to a buyer in Phnom Penh.`,
  }),
  ({ place, suspectCount, suspectNationalities, rng }) => ({
    title: `Yaba tablets seized in ${place.district}`,
    narrative:
      `Officers watching ${theDescription(place)} seized about ${rng.integer(5, 200)},000 methamphetamine tablets (yaba) packed for resale. ` +
      `${capitalised(counted(suspectCount, suspectNationalities, 'suspect'))} ${wasOrWere(suspectCount)} found with the tablets and cash.`,
  }),
  ({ place, suspectCount, suspectNationalities }) => ({
    title: `Drug distribution ring broken up in ${place.commune}`,
    narrative:
      `After weeks of surveillance around ${place.name}, officers searched three rooms used to split and repack methamphetamine for sale to workers in the area. ` +
      `${capitalised(counted(suspectCount, suspectNationalities, 'suspected dealer'))} ${wasOrWere(suspectCount)} questioned; scales, packaging and phones were seized.`,
  }),
];

const kidnappingStories: readonly StoryTemplate[] = [
  ({ place, suspectCount, victimNationalities }) => ({
    title: `Abduction of ${victimNationalities || 'unidentified'} national reported in ${place.district}`,
    narrative:
      `${capitalised(withArticle(victimNationalities || 'foreign'))} national was forced into a car near ${theDescription(place)}. ` +
      'Relatives abroad then received ransom demands by video call. ' +
      `${capitalised(counted(suspectCount, '', 'suspect'))} ${wasOrWere(suspectCount)} traced through the car's registration and phone records.`,
  }),
  ({ place, suspectCount, victimNationalities, rng }) => ({
    title: `Ransom demand after kidnapping at ${place.name}`,
    narrative:
      `Family members of ${withArticle(victimNationalities || 'foreign')} worker reported a demand for ${rng.integer(2, 8) * 5},000 US dollars in cryptocurrency after the worker disappeared from ${place.name}. ` +
      `The victim was found in a locked room two days later; ${counted(suspectCount, '', 'suspect')} ${wasOrWere(suspectCount)} identified.`,
  }),
  ({ place, suspectCount, victimNationalities }) => ({
    title: `Worker held for debt at ${place.name}`,
    narrative:
      `${capitalised(withArticle(victimNationalities || 'foreign'))} worker was held in a locked room at ${theDescription(place)} until relatives paid a so-called debt for a job placement. ` +
      `${capitalised(counted(suspectCount, '', 'man', 'men'))} guarding the room ${wasOrWere(suspectCount)} questioned.`,
  }),
];

const fraudExtortionStories: readonly StoryTemplate[] = [
  ({ place, suspectCount }) => ({
    title: `Extortion of shop owner in ${place.commune}`,
    narrative:
      `A shop owner near ${place.name} reported monthly demands for "protection" money backed by threats to staff. ` +
      `${capitalised(counted(suspectCount, '', 'person', 'people'))} who collected the payments ${wasOrWere(suspectCount)} identified from CCTV.`,
  }),
  ({ place, victimNationalities }) => ({
    title: `Fake visa agency defrauds job seekers in ${place.district}`,
    narrative:
      `${capitalised(victimNationalities || 'Several')} job seekers paid an agency operating from ${theDescription(place)} for work visas that never existed. ` +
      'The office closed overnight; bank transfers are being traced.',
  }),
  ({ place, victimNationalities }) => ({
    title: `Sextortion complaint from visitor in ${place.district}`,
    narrative:
      `${capitalised(withArticle(victimNationalities || 'foreign'))} visitor reported being threatened with the release of intimate videos recorded during a video call ` +
      `unless they paid into an account controlled from ${place.name}.`,
  }),
  ({ place, suspectCount, rng }) => ({
    title: `Money-transfer fraud at ${place.name}`,
    narrative:
      `Staff at ${theDescription(place)} reported ${rng.integer(3, 12)} transfers made with forged identity documents. ` +
      `${capitalised(counted(suspectCount, '', 'person', 'people'))} who collected the money ${wasOrWere(suspectCount)} identified.`,
  }),
];

const otherStories: readonly StoryTemplate[] = [
  ({ place }) => ({
    title: `Assault outside ${place.name}`,
    narrative: `A fight outside ${theDescription(place)} left one man with head injuries. Witnesses describe an argument over an unpaid debt.`,
  }),
  ({ place }) => ({
    title: `Theft of passports from guesthouse in ${place.district}`,
    narrative: `Several passports and cash were taken from a guesthouse safe near ${place.name}. A former employee is suspected.`,
  }),
  ({ place }) => ({
    title: `Illegal gambling den closed in ${place.commune}`,
    narrative: `Officers closed an unlicensed online-gambling room operating from ${theDescription(place)}. Computers and betting records were seized.`,
  }),
  ({ place }) => ({
    title: `Foreign workers without permits found at ${place.name}`,
    narrative: `An inspection at ${theDescription(place)} found foreign workers without work permits or valid visas. Their employer is being questioned.`,
  }),
];

export const demoStories: Record<CrimeType, readonly StoryTemplate[]> = {
  online_scam: onlineScamStories,
  human_trafficking: humanTraffickingStories,
  drug_trafficking: drugTraffickingStories,
  kidnapping: kidnappingStories,
  fraud_extortion: fraudExtortionStories,
  other: otherStories,
};
