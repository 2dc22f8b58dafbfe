'use client';

import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { UploadWarning } from '@/lib/domain/files/types';
import { suggestedDestination, type UploadFormValues } from '@/lib/domain/files/upload-input';
import { useFileSize } from '@/components/files/file-size';
import { UploadWarnings } from '@/components/files/UploadWarnings';
import { sendUpload, UPLOAD_ENDPOINT, type UploadRequest, type UploadResponse } from '@/components/files/upload-request';

export interface UploadFormProps {
  /** The fields as prefilled (wpDestFile gives the destination). */
  initial: UploadFormValues;
  /** wpForReUpload: the destination exists and the upload is its new version. */
  forReUpload: boolean;
  /** The server's byte limit, checked here too so a too-large file is not sent for nothing. */
  maxBytes: number;
  /** The accept attribute of the picker (the allowed extensions and types). */
  accept: string;
  /** Where to go after the upload (the File page); a full page load by default. */
  navigate?: (href: string) => void;
  /** The request (tests pass their own); sendUpload by default. */
  send?: (request: UploadRequest, onProgress: (sent: number) => void) => Promise<UploadResponse>;
}

type Phase = { kind: 'idle' } | { kind: 'sending'; sent: number } | { kind: 'done' };

const goTo = (href: string) => window.location.assign(href);

/**
 * Special:Upload's form: a file picker inside a drop zone, a preview of the chosen image, the
 * destination (suggested from the file's name until the uploader types one), description and
 * comment. It sends with XMLHttpRequest to the REST API to show the progress; the server's
 * warnings come back for confirmation and its refusals as its message, with the file and every
 * field kept. Without JavaScript the form posts the same fields to the same endpoint.
 */
export function UploadForm({ initial, forReUpload, maxBytes, accept, navigate = goTo, send = sendUpload }: UploadFormProps) {
  const t = useTranslations('files.upload');
  const size = useFileSize();
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [destination, setDestination] = useState(initial.title);
  const [destinationTyped, setDestinationTyped] = useState(initial.title !== '');
  const [comment, setComment] = useState(initial.comment);
  const [text, setText] = useState(initial.text);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<UploadWarning[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // What an upload's answer says (a refusal, warnings) shows above the form, out of view of the
  // button that sent it, which was disabled meanwhile (so the focus fell to the page): each
  // answer that does not leave the page moves the focus, and so the view, to it.
  const [answers, setAnswers] = useState(0);
  const notice = useRef<HTMLDivElement>(null);
  const warningsNotice = useRef<HTMLElement>(null);
  useEffect(() => {
    if (answers > 0) (notice.current ?? warningsNotice.current)?.focus();
  }, [answers]);
  const answered = () => setAnswers((count) => count + 1);
  // The preview's object URL lives as long as its file is the chosen one (and the form).
  const shownPreview = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (shownPreview.current) URL.revokeObjectURL(shownPreview.current);
    },
    [],
  );

  function choose(chosen: File | undefined) {
    if (!chosen) return;
    if (shownPreview.current) URL.revokeObjectURL(shownPreview.current);
    shownPreview.current = chosen.type.startsWith('image/') ? URL.createObjectURL(chosen) : null;
    setPreviewUrl(shownPreview.current);
    setFile(chosen);
    setWarnings([]);
    setError(chosen.size > maxBytes ? t('tooLarge', { size: size(chosen.size), limit: size(maxBytes) }) : null);
    if (!destinationTyped) setDestination(suggestedDestination(chosen.name));
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  }

  async function upload(confirmed: UploadWarning[]) {
    if (!file) {
      setError(t('noFile'));
      return answered();
    }
    if (file.size > maxBytes) return answered();
    const exists = confirmed.find((warning) => warning.code === 'exists');
    setError(null);
    setWarnings([]);
    setPhase({ kind: 'sending', sent: 0 });
    const request: UploadRequest = {
      file,
      title: `File:${destination.trim()}`,
      comment,
      text,
      confirm: confirmed.map((warning) => warning.code),
      expect: exists ? exists.latestVersionId : null,
      newVersion: forReUpload || exists !== undefined,
    };
    const response = await send(request, (sent) => setPhase({ kind: 'sending', sent }));
    if (response.kind === 'uploaded') {
      setPhase({ kind: 'done' });
      return navigate(response.href);
    }
    setPhase({ kind: 'idle' });
    answered();
    if (response.kind === 'warnings') return setWarnings(response.warnings);
    if (response.kind === 'network') return setError(t('network'));
    setError(response.message ?? t('unexpected', { status: response.status }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void upload([]);
  }

  const busy = phase.kind !== 'idle';
  const percent = phase.kind === 'sending' ? Math.round(phase.sent * 100) : 100;
  return (
    <form className="upload-form" action={UPLOAD_ENDPOINT} method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
      {error && (
        <div role="alert" className="notice notice-error" ref={notice} tabIndex={-1}>
          {error}
        </div>
      )}
      {warnings.length > 0 && (
        <UploadWarnings ref={warningsNotice} title={`File:${destination.trim()}`} warnings={warnings} disabled={busy} onConfirm={() => void upload(warnings)} />
      )}
      <fieldset>
        <legend>{t('fileLegend')}</legend>
        <div
          className="upload-drop-zone"
          data-dragging={dragging ? 'true' : undefined}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={(event) => {
            // Moving onto the zone's own text or picker is not leaving it.
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <p id="upload-drop-hint">{t('dropZone')}</p>
          <label htmlFor="wpUploadFile">{t('fileLabel')}</label>
          <input
            id="wpUploadFile"
            name="file"
            type="file"
            accept={accept}
            aria-describedby="upload-drop-hint"
            onChange={(event) => choose(event.target.files?.[0])}
            disabled={busy}
          />
          {file && <p className="upload-chosen">{t('chosen', { name: file.name, size: size(file.size) })}</p>}
          {file &&
            (previewUrl ? (
              <img className="upload-preview" src={previewUrl} alt={t('previewAlt', { name: file.name })} />
            ) : (
              <p className="upload-no-preview">{t('noPreview')}</p>
            ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('descriptionLegend')}</legend>
        <label htmlFor="wpDestFile">{t('destination')}</label>
        <input
          id="wpDestFile"
          name="title"
          type="text"
          value={destination}
          readOnly={forReUpload}
          aria-describedby="wpDestFile-help"
          onChange={(event) => {
            setDestination(event.target.value);
            setDestinationTyped(event.target.value !== '');
            setWarnings([]);
          }}
        />
        <p id="wpDestFile-help" className="field-help">
          {t('destinationHelp')}
        </p>
        {!forReUpload && (
          <>
            <label htmlFor="wpUploadDescription">{t('description')}</label>
            <textarea
              id="wpUploadDescription"
              name="text"
              rows={8}
              value={text}
              aria-describedby="wpUploadDescription-help"
              onChange={(event) => setText(event.target.value)}
            />
            <p id="wpUploadDescription-help" className="field-help">
              {t('descriptionHelp')}
            </p>
          </>
        )}
        <label htmlFor="wpUploadComment">{t('comment')}</label>
        <input id="wpUploadComment" name="comment" type="text" maxLength={500} value={comment} onChange={(event) => setComment(event.target.value)} />
      </fieldset>
      <div className="edit-buttons">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('submit')}
        </button>
      </div>
      {busy && (
        <div className="upload-progress" role="status">
          <progress max={100} value={percent} aria-label={t('progressLabel')} />{' '}
          {phase.kind === 'done' ? t('done') : percent >= 100 ? t('processing') : t('progress', { percent })}
        </div>
      )}
    </form>
  );
}
