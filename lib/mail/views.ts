import type { MailDeliveryStatus, MailKind } from '@/db/schema';

/** One delivery as the notification record proves it: to whom, when, and what the mail server answered. */
export interface MailDeliveryProof {
  id: string;
  notificationId: string;
  kind: MailKind;
  recipientAddress: string;
  /** An organisation's duty address rather than an officer's own. */
  isDutyAddress: boolean;
  status: MailDeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** The Message-ID the mail server accepted. */
  providerMessageId: string | null;
  queuedAt: Date;
  finishedAt: Date | null;
}

/** "E-mailed to 3 officers and the duty address at 10:02": counts only, no addresses. */
export interface MailSummary {
  officers: number;
  dutyAddresses: number;
  /** When the last of them went out (or was stored). */
  at: Date;
  /** No mail server is configured: the messages were stored for /admin/outbox, not sent. */
  isStoredOnly: boolean;
  /** Deliveries still waiting or retrying, and those given up on. */
  pending: number;
  failed: number;
}

export function summariseDeliveries(allDeliveries: MailDeliveryProof[]): MailSummary | null {
  // Request e-mails (lib/mail/requests.ts) go to whoever works the thread, police included: they are listed with the
  // notification's deliveries but are not how the embassy was told, so the officers counted here never include them.
  const deliveries = allDeliveries.filter((delivery) => delivery.kind !== 'request');
  if (deliveries.length === 0) return null;
  const delivered = deliveries.filter((delivery) => delivery.status === 'sent' || delivery.status === 'stored');
  const finishedTimes = delivered.flatMap((delivery) => (delivery.finishedAt ? [delivery.finishedAt.getTime()] : []));
  return {
    officers: delivered.filter((delivery) => !delivery.isDutyAddress).length,
    dutyAddresses: delivered.filter((delivery) => delivery.isDutyAddress).length,
    at: new Date(finishedTimes.length > 0 ? Math.max(...finishedTimes) : Math.max(...deliveries.map((delivery) => delivery.queuedAt.getTime()))),
    isStoredOnly: delivered.length > 0 && delivered.every((delivery) => delivery.status === 'stored'),
    pending: deliveries.filter((delivery) => delivery.status === 'queued').length,
    failed: deliveries.filter((delivery) => delivery.status === 'failed').length,
  };
}
