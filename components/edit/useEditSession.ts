'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslations } from 'next-intl';
import type { EditFormState } from '@/lib/domain/edit-form';
import { DRAFT_SAVE_DELAY_MS, hasUnsavedChanges, restoredBaseRevisionId, type Draft } from '@/lib/domain/drafts';
import { dropDrafts, keepDraft, takeDraftPlan } from '@/components/edit/draft-store';
import { useLeaveWarning } from '@/components/edit/useLeaveWarning';

export interface EditSessionOptions {
  form: RefObject<HTMLFormElement | null>;
  state: EditFormState;
  /** The text in the editor now. */
  content: string;
  /** Puts `text` into the editor (the textarea, or the code editor once it replaces it). */
  replaceText: (text: string) => void;
}

export interface EditSession {
  /** The base revision the form posts: the loaded one, or a restored draft's own. */
  baseRevisionId: string;
  /** The text the form loaded, for the byte counter's change. */
  loadedText: string;
  /** A draft waiting for Restore or Discard. */
  offer: Draft | null;
  /** What was last done with an offered draft, for the status line. */
  outcome: { kind: 'restored'; savedAt: number } | { kind: 'discarded' } | null;
  restore: () => void;
  discard: () => void;
}

/**
 * The edit form's safety net, with JavaScript: the text is kept as a local draft as one types,
 * offered back when the form opens again after a closed tab, a crash or a failed save, and
 * forgotten once the save went through; leaving with unsaved changes asks first.
 */
export function useEditSession({ form, state, content, replaceText }: EditSessionOptions): EditSession {
  const t = useTranslations('edit.extras');
  // What the form loaded: the first state's text, or the current text a conflict brought (the
  // editor's own text is then in the conflict box; it stays in the draft until typing replaces it).
  const [loaded, setLoaded] = useState({ state, text: state.values.content, summary: state.values.summary });
  if (loaded.state !== state && state.conflict) setLoaded({ state, text: state.values.content, summary: state.values.summary });
  const [summary, setSummary] = useState(state.values.summary);
  const [offer, setOffer] = useState<Draft | null>(null);
  const [outcome, setOutcome] = useState<EditSession['outcome']>(null);
  const [restoredBase, setRestoredBase] = useState<string | null>(null);
  const submitted = useRef<'save' | 'other' | null>(null);
  const keptDraft = useRef(false);

  // A new state from the server carries the base revision the form posted (or a conflict's newer one).
  const [stateSeen, setStateSeen] = useState(state);
  if (stateSeen !== state) {
    setStateSeen(state);
    setRestoredBase(null);
    setSummary(state.values.summary);
  }
  const baseRevisionId = restoredBase ?? state.values.baseRevisionId;
  const title = state.values.title;
  // The section being edited (section editing's hidden field), '' for the whole page.
  const section = state.values.section ?? '';

  // On opening: the draft to offer, if any, read just after the first paint (the storage is the
  // browser's, and scanning it need not hold up hydration).
  useEffect(() => {
    const timer = setTimeout(() => setOffer(takeDraftPlan({ title, section, baseRevisionId: state.values.baseRevisionId }, state.values.content).offer), 0);
    return () => clearTimeout(timer);
    // Only on opening: later states are this session's own answers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    submitted.current = null; // an answer came back: the form is still open, its changes unsaved
    // A conflict loads the current text: that is no reason to drop the draft that holds the editor's own.
    keptDraft.current = false;
  }, [state]);

  // The summary field is uncontrolled (React resets it from the state after each action).
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const onInput = (event: Event) => {
      if (event.target instanceof HTMLInputElement && event.target.name === 'summary') setSummary(event.target.value);
    };
    const onSubmit = (event: SubmitEvent) => {
      submitted.current = event.submitter instanceof HTMLButtonElement && event.submitter.value === 'save' ? 'save' : 'other';
    };
    element.addEventListener('input', onInput);
    element.addEventListener('submit', onSubmit);
    return () => {
      element.removeEventListener('input', onInput);
      element.removeEventListener('submit', onSubmit);
    };
  }, [form]);

  const unsaved = hasUnsavedChanges({ text: content, summary }, loaded);

  // Keep the draft about a second after the last change; the unchanged text never overwrites a
  // draft on offer.
  useEffect(() => {
    const timer = setTimeout(() => {
      const place = { title, section };
      if (unsaved) keptDraft.current = keepDraft({ ...place, baseRevisionId, text: content, summary, savedAt: Date.now() });
      else if (keptDraft.current) dropDrafts(place); // typed back to what was loaded
    }, DRAFT_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [title, section, baseRevisionId, content, summary, unsaved]);

  useLeaveWarning({ unsaved, submitted, question: t('leaveQuestion') });

  // A successful save redirects to the article: the form goes away while its Save is pending and
  // the address is no longer the edit page's. A failed save stays on the edit page (an error or a
  // new state), so its draft stays too. Without this, a save that was merged with other edits
  // would leave a draft whose text equals no revision, offered again on the next edit.
  // Every page and section this form edited (a conflict turns a section edit into a whole-page one).
  const places = useRef(new Map<string, { title: string; section: string }>());
  useEffect(() => {
    places.current.set(JSON.stringify([title, section]), { title, section });
  }, [title, section]);
  useEffect(
    () => () => {
      if (submitted.current !== 'save') return;
      if (new URLSearchParams(window.location.search).get('action') === 'edit') return;
      for (const place of places.current.values()) dropDrafts(place);
    },
    [],
  );

  const restore = () => {
    if (!offer) return;
    replaceText(offer.text);
    const summaryField = form.current?.elements.namedItem('summary');
    if (summaryField instanceof HTMLInputElement) summaryField.value = offer.summary;
    setSummary(offer.summary);
    // The draft is saved against the revision it was typed on (restoredBaseRevisionId says why).
    setRestoredBase(restoredBaseRevisionId(offer));
    setOutcome({ kind: 'restored', savedAt: offer.savedAt });
    setOffer(null);
  };

  const discard = () => {
    dropDrafts({ title, section });
    setOutcome({ kind: 'discarded' });
    setOffer(null);
  };

  return { baseRevisionId, loadedText: loaded.text, offer, outcome, restore, discard };
}
