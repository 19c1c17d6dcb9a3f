'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { findPossibleMatchesAction } from '@/lib/cases/actions';
import type { CreateCaseInput } from '@/lib/cases/schemas';
import type { PossibleMatch } from '@/lib/cases/views';

/** While an officer types a person's ID number or name, shows other cases of the province with that person. */
export function PossibleMatchNotice({ control, index, caseId }: { control: Control<CreateCaseInput>; index: number; caseId?: string }) {
  const t = useTranslations('cases.form');
  const idDocumentNumber = useWatch({ control, name: `people.${index}.idDocumentNumber` }) ?? '';
  const name = useWatch({ control, name: `people.${index}.latinName` }) ?? '';
  const [matches, setMatches] = useState<PossibleMatch[]>([]);

  useEffect(() => {
    const documentQuery = idDocumentNumber.trim();
    const nameQuery = name.trim();
    if (documentQuery.length < 4 && nameQuery.length < 3) {
      const clear = setTimeout(() => setMatches([]), 0);
      return () => clearTimeout(clear);
    }
    let isCurrent = true;
    const timer = setTimeout(async () => {
      const result = await findPossibleMatchesAction({ idDocumentNumber: documentQuery, name: nameQuery, ...(caseId ? { excludeCaseId: caseId } : {}) });
      if (isCurrent) setMatches(result.ok ? result.data : []);
    }, 400);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [idDocumentNumber, name, caseId]);

  return (
    <div role="status" aria-live="polite" className="sm:col-span-2">
      {matches.length > 0 && (
        <ul className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {matches.map((match) => (
            <li key={`${match.caseId}-${match.personName}`}>
              <Link href={`/police/cases/${match.caseId}`} target="_blank" className="font-medium underline">
                {match.matchedOn === 'idDocumentNumber'
                  ? t('possibleMatch', { reference: match.referenceNumber })
                  : t('possibleMatchName', { name: match.personName, reference: match.referenceNumber })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
