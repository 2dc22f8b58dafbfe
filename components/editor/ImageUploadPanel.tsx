'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { UploadWarning } from '@/lib/domain/files/types';
import { defaultImageName, extensionForMime, withExtensionFor } from '@/lib/domain/files/pasted-image';
import { UploadWarnings } from '@/components/files/UploadWarnings';
import { sendUpload, type UploadRequest, type UploadResponse } from '@/components/files/upload-request';
import './image-upload.css';

export interface ImageUploadPanelProps {
  file: File;
  /** Which of the files pasted or dropped together this is (1-based), and how many there are. */
  index: number;
  total: number;
  /** The upload is over: the name to insert (uploaded, or an existing file chosen), or null (cancelled). */
  onDone: (name: string | null) => void;
  /** The request (tests pass their own); sendUpload by default. */
  send?: (request: UploadRequest, onProgress: (sent: number) => void) => Promise<UploadResponse>;
  /** The clock for a pasted screenshot's name. */
  now?: () => Date;
}

type Phase = { kind: 'naming' } | { kind: 'sending'; sent: number };

const withoutPrefix = (title: string) => title.replace(/^File:/, '');

/**
 * The panel that names an image pasted or dropped into the editor, then uploads it through the REST
 * API as Special:Upload does (sendUpload): a name (prefilled, with an extension that fits the type),
 * an optional description, the progress, and the server's warnings and refusals in its words, with
 * the choice to use the existing file or to rename. Esc or Cancel inserts nothing. It is an inline
 * group rather than a modal dialog: the text stays visible and editable behind it.
 */
export function ImageUploadPanel({ file, index, total, onDone, send = sendUpload, now = () => new Date() }: ImageUploadPanelProps) {
  const t = useTranslations('editor.imageUpload');
  const tu = useTranslations('files.upload');
  const id = useId();
  const [name, setName] = useState(() => defaultImageName(file, now()));
  const [description, setDescription] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'naming' });
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<UploadWarning[]>([]);
  const preview = useRef<HTMLImageElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The preview's address lives as long as the panel (set here, not in state: it is revoked on unmount).
    const url = URL.createObjectURL(file);
    if (preview.current) preview.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);

  // The name is selected up to its extension, so typing replaces it and keeps the type's.
  useEffect(() => {
    const field = nameField.current;
    if (!field) return;
    field.focus();
    const dot = field.value.lastIndexOf('.');
    field.setSelectionRange(0, dot > 0 ? dot : field.value.length);
  }, []);

  const finalName = withExtensionFor(name, file.type);
  const title = `File:${finalName}`;
  const busy = phase.kind === 'sending';

  async function upload(confirmed: UploadWarning[]) {
    if (finalName === '') return setError(t('nameRequired'));
    const exists = confirmed.find((warning) => warning.code === 'exists');
    setError(null);
    setWarnings([]);
    setPhase({ kind: 'sending', sent: 0 });
    const response = await send(
      {
        file,
        title,
        comment: '',
        text: description,
        confirm: confirmed.map((warning) => warning.code),
        expect: exists ? exists.latestVersionId : null,
        newVersion: exists !== undefined,
      },
      (sent) => setPhase({ kind: 'sending', sent }),
    );
    if (response.kind === 'uploaded') return onDone(finalName);
    setPhase({ kind: 'naming' });
    // The button pressed is disabled while sending and lost the focus: the name is where to go on.
    nameField.current?.focus();
    if (response.kind === 'warnings') return setWarnings(response.warnings);
    const reason = response.kind === 'network' ? tu('network') : (response.message ?? tu('unexpected', { status: response.status }));
    setError(t('refused', { reason }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || busy) return;
    // The editor's own Esc (leaving the text) must not see it as well.
    event.preventDefault();
    event.stopPropagation();
    onDone(null);
  }

  const existing = warnings.flatMap((warning) => (warning.code === 'exists' ? [finalName] : warning.titles.map(withoutPrefix)));
  const percent = phase.kind === 'sending' ? Math.round(phase.sent * 100) : 0;
  const extension = extensionForMime(file.type);
  return (
    <section className="image-upload-panel" role="group" aria-labelledby={`${id}-heading`} onKeyDown={onKeyDown}>
      <h2 id={`${id}-heading`}>{total > 1 ? t('headingOf', { index, total }) : t('heading')}</h2>
      {/* An object URL of the local file: next/image has nothing to optimize. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img ref={preview} className="image-upload-preview" alt={t('previewAlt')} />
      {/* A form of its own would nest in the edit form: the fields submit through this group's button. */}
      <div className="image-upload-fields">
        <label htmlFor={`${id}-name`}>{t('name')}</label>
        <input
          ref={nameField}
          id={`${id}-name`}
          type="text"
          value={name}
          // Read-only rather than disabled while sending: a disabled field would drop the focus.
          readOnly={busy}
          aria-describedby={`${id}-name-help`}
          onChange={(event) => {
            setName(event.target.value);
            setWarnings([]);
          }}
          onKeyDown={(event) => {
            // Enter uploads, as in a form; it must not submit the edit form around the panel.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            if (!busy) void upload([]);
          }}
        />
        <p id={`${id}-name-help`} className="field-help">
          {extension ? t('nameHelp', { extension: `.${extension}` }) : t('nameHelpUnknown')}
        </p>
        <label htmlFor={`${id}-description`}>{t('description')}</label>
        <textarea id={`${id}-description`} rows={2} value={description} readOnly={busy} onChange={(event) => setDescription(event.target.value)} />
      </div>
      {error && (
        <div role="alert" className="notice notice-error">
          {error}
        </div>
      )}
      {warnings.length > 0 && (
        <>
          <UploadWarnings title={title} warnings={warnings} disabled={busy} onConfirm={() => void upload(warnings)} />
          <p className="image-upload-choices">
            {existing.slice(0, 3).map((existingName) => (
              <button key={existingName} type="button" onClick={() => onDone(existingName)}>
                {t('useExisting', { name: existingName })}
              </button>
            ))}
            <span>{t('renameHint')}</span>
          </p>
        </>
      )}
      {busy && (
        <div className="upload-progress" role="status">
          <progress max={100} value={percent} aria-label={tu('progressLabel')} /> {percent >= 100 ? tu('processing') : tu('progress', { percent })}
        </div>
      )}
      <div className="image-upload-buttons">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void upload([])}>
          {t('submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
