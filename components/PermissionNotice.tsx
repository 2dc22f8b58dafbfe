import Link from 'next/link';
import type { Decision } from '@/lib/domain/policy';

/** Why the reader may not do something, with sign-in links (returning here) when that would help. */
export function PermissionNotice({ decision, returnTo }: { decision: Extract<Decision, { allowed: false }>; returnTo: string }) {
  const back = encodeURIComponent(returnTo);
  return (
    <p className="notice">
      {decision.message}{' '}
      {decision.reason === 'not-signed-in' && (
        <>
          <Link href={`/wiki/Special:UserLogin?returnto=${back}`}>Log in</Link> or{' '}
          <Link href={`/wiki/Special:CreateAccount?returnto=${back}`}>create an account</Link>.
        </>
      )}
    </p>
  );
}
