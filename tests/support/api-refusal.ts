import { ApiError } from '@/lib/domain/action-api/errors';

/** The ApiError `run` throws, as { code, info }; fails the test when it throws nothing or something else. */
export function apiRefusal(run: () => unknown): { code: string; info: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, info: error.message };
    throw error;
  }
  throw new Error('no refusal');
}
