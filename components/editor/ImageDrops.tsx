'use client';

import { useEffect, useState } from 'react';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { imageEmbedMarkup } from '@/lib/domain/files/pasted-image-markup';
import { IMAGE_FILES_EVENT, type ImageFilesDetail } from './image-files-event';

/** The panel and its styles: a chunk of their own, fetched on the first image pasted or dropped. */
const ImageUploadPanel = dynamic(() => import('./ImageUploadPanel').then((module) => module.ImageUploadPanel), { ssr: false });

interface Job {
  key: number;
  file: File;
  index: number;
  total: number;
  batch: Batch;
}

interface Batch {
  detail: ImageFilesDetail;
  /** Whether an image of the batch is in the text already: the next one goes on a line of its own. */
  placed: boolean;
  left: number;
}

let nextKey = 1;

/**
 * Images pasted or dropped into the editor (image-drop.ts hands them over as a DOM event on the
 * editor): one naming and upload panel at a time, the files of a drop one after another, each
 * inserted where it was pasted or dropped once uploaded. A status line tells screen readers.
 */
export function ImageDrops({ editor, focusEditor }: { editor: HTMLElement; focusEditor: () => void }) {
  const t = useTranslations('editor.imageUpload');
  const [queue, setQueue] = useState<Job[]>([]);
  const [said, setSaid] = useState('');

  useEffect(() => {
    const onFiles = (event: Event) => {
      const detail = (event as CustomEvent<ImageFilesDetail>).detail;
      const batch: Batch = { detail, placed: false, left: detail.files.length };
      const jobs = detail.files.map((file, position) => ({ key: nextKey++, file, index: position + 1, total: detail.files.length, batch }));
      setQueue((queued) => [...queued, ...jobs]);
    };
    editor.addEventListener(IMAGE_FILES_EVENT, onFiles);
    return () => editor.removeEventListener(IMAGE_FILES_EVENT, onFiles);
  }, [editor]);

  const current = queue[0];

  function finish(job: Job, name: string | null) {
    const { batch } = job;
    if (name !== null) {
      const prefix = batch.placed ? '\n' : '';
      const markup = imageEmbedMarkup(name);
      batch.detail.place(prefix + markup.text, prefix.length + markup.caption);
      batch.placed = true;
      setSaid(t('inserted', { name }));
    } else {
      setSaid(t('cancelled'));
    }
    batch.left -= 1;
    if (batch.left === 0) batch.detail.release();
    setQueue((queued) => queued.filter((queuedJob) => queuedJob.key !== job.key));
    if (queue.length <= 1) focusEditor();
  }

  return (
    <>
      {current && <ImageUploadPanel key={current.key} file={current.file} index={current.index} total={current.total} onDone={(name) => finish(current, name)} />}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </>
  );
}
