import { expect } from 'vitest';
import { SeedDocumentError } from '@/lib/domain/fandom-import';

/** The SeedDocumentError `action` throws (failing the test if it throws anything else or nothing). */
export function caught(action: () => unknown): SeedDocumentError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SeedDocumentError);
    return error as SeedDocumentError;
  }
  throw new Error('expected a SeedDocumentError');
}
