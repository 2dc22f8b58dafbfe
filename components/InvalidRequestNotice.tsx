import Link from '@/components/Link';
import { useTranslations } from 'next-intl';

/**
 * A request whose parameters make no sense. A page cannot set its status code (the REST API
 * answers these with a real 400), so the reason is shown as a clear error notice.
 */
export function InvalidRequestNotice({ message, retryHref, retryLabel }: { message: string; retryHref: string; retryLabel: string }) {
  const t = useTranslations('history.page');
  return (
    <div className="notice notice-error" role="alert">
      <p>{t.rich('invalidRequest', { message, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <p>
        <Link href={retryHref}>{retryLabel}</Link>
      </p>
    </div>
  );
}
