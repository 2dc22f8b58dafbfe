// Types of read-position-store.mjs (the front handler runs it as plain JavaScript).
import type { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestReads {
  required: bigint;
  useFloor: boolean;
  written: bigint | null;
  onWritten?: () => void;
}
export interface ReadScope {
  request: RequestReads;
  primaryOnly: boolean;
  untracked?: boolean;
}
export interface CacheFloor {
  position: bigint;
  pending: number;
}
export function readPositionStore(): { scopes: AsyncLocalStorage<ReadScope>; floor: CacheFloor };
export function raiseCacheFloor(position: bigint): void;
