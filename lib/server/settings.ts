import 'server-only';
import type { PolicySettings } from '@/lib/domain/policy';

/** Site settings from the environment (documented in .env.example). */
export function policySettings(): PolicySettings {
  return { anonymousEditing: ['1', 'true', 'yes'].includes(String(process.env.WIKI_ANONYMOUS_EDITING ?? '').toLowerCase()) };
}
