import type { CooperationActionStatus, CooperationActionType, CooperationSide, HandlingCode } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

export interface CooperationActionView {
  id: string;
  actionType: CooperationActionType;
  status: CooperationActionStatus;
  recordedBySide: CooperationSide;
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
  authorSide: CooperationSide;
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
  embassy: LocalizedNames;
  actions: CooperationActionView[];
  messages: CaseMessageView[];
  /** When the other side last read the thread: the police see when the embassy read their messages, and back. */
  otherSideLastReadAt: Date | null;
}
