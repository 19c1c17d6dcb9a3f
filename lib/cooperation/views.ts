import type { cooperationActionStatus, cooperationActionType } from '@/db/schema';
import type { HandlingCode } from '@/lib/notifications/views';

export interface CooperationActionView {
  id: string;
  actionType: (typeof cooperationActionType.enumValues)[number];
  status: (typeof cooperationActionStatus.enumValues)[number];
  recordedBySide: 'police' | 'embassy';
  createdByName: string;
  actionDate: string;
  description: string;
  handlingCode: HandlingCode;
  handlingNote: string | null;
  respondsToId: string | null;
  version: number;
  createdAt: Date;
}

export interface CaseMessageView {
  id: string;
  authorName: string;
  authorSide: 'police' | 'embassy';
  body: string;
  handlingCode: HandlingCode;
  handlingNote: string | null;
  createdAt: Date;
  /** The reader's own message that the other side has not read yet. */
  isUnreadByOtherSide: boolean;
}

/** The shared record between the police and one embassy about one case. */
export interface CooperationThread {
  embassyOrganisationId: string;
  embassy: { en: string; km: string; zh: string };
  actions: CooperationActionView[];
  messages: CaseMessageView[];
  /** When the other side last read the thread: the police see when the embassy read their messages, and back. */
  otherSideLastReadAt: Date | null;
}
