'use client';

import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { countryCodes, frequentNationalities, unknownNationality } from '@/lib/reference/countries';

interface CountryComboboxProps {
  label: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  locale: string;
  placeholder: string;
  unknownLabel: string;
  noMatchLabel: string;
  error?: string;
  name?: string;
}

interface Option {
  code: string;
  name: string;
}

/** Strips accents and case so "viet" finds "Việt Nam" and "Viet Nam" alike. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A searchable country picker following the WAI-ARIA combobox pattern: type to filter localised names
 * (or an ISO code), arrows to move, Enter to choose, Escape to close. Frequent nationalities come first.
 */
export function CountryCombobox({ label, value, onChange, onBlur, locale, placeholder, unknownLabel, noMatchLabel, error, name }: CountryComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const options = useMemo<Option[]>(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const collator = new Intl.Collator(locale);
    const frequent = frequentNationalities.map((code) => ({ code, name: names.of(code) ?? code }));
    const rest = countryCodes
      .filter((code) => !(frequentNationalities as readonly string[]).includes(code))
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
    return [...frequent, { code: unknownNationality, name: unknownLabel }, ...rest];
  }, [locale, unknownLabel]);
  const selected = options.find((option) => option.code === value);
  const [query, setQuery] = useState<string | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const filtered = useMemo(() => {
    if (!query) return options;
    const folded = fold(query);
    return options.filter((option) => fold(option.name).includes(folded) || option.code.toLowerCase() === folded);
  }, [options, query]);

  const choose = (option: Option) => {
    onChange(option.code);
    setQuery(null);
    setIsOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setIsOpen(true);
      setActiveIndex((index) => Math.min(index + 1, filtered.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActiveIndex((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && isOpen) {
      event.preventDefault();
      const option = filtered[activeIndex];
      if (option) choose(option);
    } else if (event.key === 'Escape') {
      setIsOpen(false);
      setQuery(null);
    }
  };

  const activeOption = isOpen ? filtered[activeIndex] : undefined;
  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.code}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={placeholder}
        value={query ?? selected?.name ?? ''}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveIndex(0);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onClick={() => setIsOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Let a click on an option land before closing.
          setTimeout(() => {
            setIsOpen(false);
            setQuery(null);
            onBlur?.();
          }, 150);
        }}
        className={`mt-1 block w-full rounded-md border px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40 ${
          error ? 'border-red-600' : 'border-slate-300'
        }`}
      />
      {isOpen && (
        <ul id={listId} role="listbox" aria-label={label} className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {filtered.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-600">{noMatchLabel}</li>
          ) : (
            filtered.map((option, index) => (
              <li
                key={option.code}
                id={`${listId}-${option.code}`}
                role="option"
                aria-selected={option.code === value}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
                className={`cursor-pointer px-3 py-1.5 text-sm ${index === activeIndex ? 'bg-brand-100' : ''} ${option.code === value ? 'font-semibold' : ''}`}
              >
                {option.name}
              </li>
            ))
          )}
        </ul>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
