/** The free text of the demo seed and of the national load: notes, acknowledgements and message threads. */

/** What officers write in a case's notes. */
export const noteBodies = [
  'Statements taken from everyone involved, with an interpreter present; copies are in the paper file.',
  'Phones sent to the forensic unit for extraction; results expected in two weeks.',
  "Prosecutor's office asked for the seizure report by the end of the week.",
  'Victims moved to the NGO shelter; the shelter contact is in the paper file.',
  'Checked the names against provincial records: no earlier cases found.',
  'Bank asked to freeze the accounts used for the transfers.',
  'CCTV footage collected from the neighbouring shops and the petrol station.',
  "The suspect's lawyer asked for a copy of the seizure list.",
  'Landlord interviewed: the rooms were rented for cash by a man using a false name.',
  'Immigration police asked whether the foreign nationals entered legally.',
];

export const acknowledgementNotes = [
  'Received; the consular section has been informed.',
  'Passport check requested from our ministry.',
  'The family is being contacted.',
  'We will arrange a consular visit.',
  'Noted, thank you.',
];

export type Side = 'police' | 'embassy';

/** Police–embassy threads: after a detention, over an identity check, and the rest. */
export const messageScripts: Record<'detention' | 'identity' | 'general', readonly (readonly [Side, string])[]> = {
  detention: [
    ['embassy', 'Thank you for the notification. Where is our national being held, and has a lawyer been offered?'],
    ['police', 'At the provincial police commissariat. A lawyer has been offered; none has been chosen yet.'],
    ['embassy', 'Our consular officer would like to visit. Is Thursday morning possible?'],
    ['police', 'Thursday from 9:00 is fine. Please bring identification for the gate.'],
  ],
  identity: [
    ['police', 'One of the people in this case says they are your national but carries no passport. Can you check the name and date of birth we recorded?'],
    ['embassy', 'We have sent the details to our immigration department and will reply within two working days.'],
    ['embassy', 'The records match. We can issue an emergency travel document if needed.'],
    ['police', 'Thank you. We will let you know when the prosecutor allows the person to leave.'],
  ],
  general: [
    ['police', 'For your information: the case is moving forward. We will share the hearing date when we have it.'],
    ['embassy', 'Noted with thanks. Please tell us if any of our nationals are moved to another facility.'],
    ['police', 'We will.'],
  ],
};
