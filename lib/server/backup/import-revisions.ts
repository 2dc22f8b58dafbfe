import 'server-only';
import { insertRevisionRows, type KnownRevisionRow } from '@/lib/server/revision-rows';
import type { Transaction } from '@/lib/server/transaction';

/** A batch is written when it holds this many revisions or this many characters of text. */
const MAX_ROWS = 100;
const MAX_CHARS = 4_000_000;

/**
 * Writes an import's revisions in batches (one statement each), and lets the next batch be read
 * and converted while the database writes the last one: conversion is CPU in this process, the
 * write is work in the database's, and neither needs to wait for the other. One batch is in the
 * database at a time (the transaction has one connection); `drain` before any other statement.
 */
export class RevisionWriter {
  private batch: KnownRevisionRow[] = [];
  private chars = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly tx: Transaction) {}

  /** Queues a revision; starts writing the batch when it is full. */
  async add(row: KnownRevisionRow): Promise<void> {
    this.batch.push(row);
    this.chars += row.text.length + (row.source?.text.length ?? 0);
    if (this.batch.length >= MAX_ROWS || this.chars >= MAX_CHARS) await this.flush();
  }

  /** Everything queued is in the database. */
  async drain(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  private async flush(): Promise<void> {
    await this.settle();
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    this.chars = 0;
    this.writing = insertRevisionRows(this.tx, rows);
    // Awaited by the next flush or drain; until then a failure must not count as unhandled.
    this.writing.catch(() => undefined);
  }

  private async settle(): Promise<void> {
    const pending = this.writing;
    this.writing = Promise.resolve();
    await pending;
  }
}
